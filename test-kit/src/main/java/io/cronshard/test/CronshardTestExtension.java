package io.cronshard.test;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension for tests of Cronshard jobs, with no ZooKeeper to install: one in-process {@link TestZookeeper} per
 * test class (shared by its nested classes), and a fresh {@link CronshardTestContext} (a new namespace with a connected
 * registry center) per test method, closed after it with every instance it started.
 *
 * <pre>{@code
 * @ExtendWith(CronshardTestExtension.class)
 * class OrderSyncJobTest {
 *
 *     @Test
 *     void everyRegionIsSyncedOnce(CronshardTestContext cronshard) {
 *         JobConfiguration config = JobConfiguration.newBuilder("order-sync", 3).cron("0 0 3 * * ?").build();
 *         cronshard.schedule(new OrderSyncJob(), config);
 *         cronshard.schedule(cronshard.newRegistryCenter(), new OrderSyncJob(), config);
 *
 *         JobFire fire = cronshard.fireNow("order-sync");
 *
 *         assertThat(fire.items()).containsExactly(0, 1, 2);
 *         assertThat(fire.itemsByInstance()).hasSize(2);
 *     }
 * }
 * }</pre>
 *
 * Test and lifecycle methods may declare a {@link CronshardTestContext} or {@link TestZookeeper} parameter;
 * {@code @BeforeAll} methods only the latter.
 */
public class CronshardTestExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CronshardTestExtension.class);
    private static final String ZOOKEEPER = "zookeeper";
    private static final String CONTEXT = "context";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (context.getStore(NAMESPACE).get(ZOOKEEPER, TestZookeeper.class) == null) {
            context.getStore(NAMESPACE).put(ZOOKEEPER, TestZookeeper.start());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // a nested class finds its enclosing class's server through the store but did not put it in its own
        TestZookeeper own = context.getStore(NAMESPACE).remove(ZOOKEEPER, TestZookeeper.class);
        if (own != null) {
            own.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestZookeeper zookeeper = context.getStore(NAMESPACE).get(ZOOKEEPER, TestZookeeper.class);
        if (zookeeper == null) {
            // registered on an instance field (@RegisterExtension without static): no class-level callback ran
            context.getStore(NAMESPACE).put(CONTEXT, CronshardTestContext.withOwnZookeeper());
        } else {
            context.getStore(NAMESPACE).put(CONTEXT, CronshardTestContext.create(zookeeper));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CronshardTestContext cronshard = context.getStore(NAMESPACE).remove(CONTEXT, CronshardTestContext.class);
        if (cronshard != null) {
            cronshard.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == CronshardTestContext.class || type == TestZookeeper.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        CronshardTestContext cronshard = extensionContext.getStore(NAMESPACE).get(CONTEXT, CronshardTestContext.class);
        if (type == CronshardTestContext.class) {
            if (cronshard == null) {
                throw new ParameterResolutionException("A CronshardTestContext exists for a test method only (and its @BeforeEach and "
                        + "@AfterEach methods), not in " + parameterContext.getDeclaringExecutable());
            }
            return cronshard;
        }
        TestZookeeper zookeeper = cronshard != null ? cronshard.zookeeper() : extensionContext.getStore(NAMESPACE).get(ZOOKEEPER, TestZookeeper.class);
        if (zookeeper == null) {
            throw new ParameterResolutionException("No TestZookeeper runs for " + parameterContext.getDeclaringExecutable());
        }
        return zookeeper;
    }
}
