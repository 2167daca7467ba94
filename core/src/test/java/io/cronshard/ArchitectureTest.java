package io.cronshard;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of core, checked over its class files on every build: no package cycle anywhere,
 * the public packages never reach into {@code internal} except where a public factory creates an
 * implementation (the bootstraps; the operations APIs and the type-name check are found through
 * {@link java.util.ServiceLoader} instead), and the internal packages form a DAG. A new import that breaks one of these
 * fails the build, naming the classes.
 */
class ArchitectureTest {

    private static final String[] PUBLIC_PACKAGES = {"io.cronshard.api..", "io.cronshard.bootstrap..", "io.cronshard.lifecycle..",
            "io.cronshard.reg..", "io.cronshard.sharding..", "io.cronshard.executor..", "io.cronshard.tracing..", "io.cronshard.metrics..",
            "io.cronshard.spi.."};

    /** The public factories that create an internal implementation: the bootstraps create the job's coordinator. */
    private static final DescribedPredicate<JavaClass> FACTORIES = JavaClass.Predicates.belongToAnyOf(
            io.cronshard.bootstrap.ScheduleJobBootstrap.class, io.cronshard.bootstrap.OneOffJobBootstrap.class);

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.cronshard");
    }

    @Test
    void noPackageOfCoreIsPartOfACycle() {
        slices().matching("io.cronshard.(**)").should().beFreeOfCycles().check(core);
    }

    @Test
    void publicPackagesUseInternalsOnlyInTheFactoriesThatCreateThem() {
        noClasses().that().resideInAnyPackage(PUBLIC_PACKAGES)
                .and(DescribedPredicate.not(FACTORIES))
                .should().dependOnClassesThat().resideInAPackage("io.cronshard.internal..")
                .because("the public API is what users compile against; internals may change")
                .check(core);
    }

    @Test
    void internalPackagesFormADirectedAcyclicGraph() {
        slices().matching("io.cronshard.internal.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void theJvmWideRuntimeAndTheCommonPiecesDependOnNoJobPart() {
        noClasses().that().resideInAnyPackage("io.cronshard.internal.common..", "io.cronshard.internal.runtime..",
                        "io.cronshard.internal.storage..", "io.cronshard.internal.events..", "io.cronshard.internal.cache..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cronshard.internal.job..", "io.cronshard.internal.fire..",
                        "io.cronshard.internal.execution..", "io.cronshard.internal.failover..", "io.cronshard.internal.sharding..",
                        "io.cronshard.internal.election..", "io.cronshard.internal.connection..")
                .check(core);
    }
}
