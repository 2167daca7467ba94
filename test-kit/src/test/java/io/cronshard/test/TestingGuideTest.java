package io.cronshard.test;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** docs/testing.md as a user pastes it: every Java example compiles against the kit, and the JUnit one passes. */
class TestingGuideTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern CLASS = Pattern.compile("^class (\\w+)", Pattern.MULTILINE);

    @Test
    void theGuidesExamplesCompileAndItsJUnitExamplePasses(@TempDir Path classes) throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "testing.md"));
        List<String> sources = new ArrayList<>();
        Matcher blocks = JAVA_BLOCK.matcher(guide);
        while (blocks.find()) {
            String source = blocks.group(1);
            Matcher packageName = PACKAGE.matcher(source);
            Matcher className = CLASS.matcher(source);
            if (packageName.find() && className.find()) {
                Path file = classes.resolve(packageName.group(1).replace('.', '/')).resolve(className.group(1) + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source);
                sources.add(file.toString());
            }
        }
        assertThat(sources).hasSize(2);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        List<String> arguments = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString()));
        arguments.addAll(sources);
        assertThat(compiler.run(null, errors, errors, arguments.toArray(new String[0])))
                .as("docs/testing.md compiles: %s", errors.toString(StandardCharsets.UTF_8)).isZero();

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> example = loader.loadClass("com.example.regions.RegionSyncJobTest");
            EngineTestKit.engine("junit-jupiter").selectors(selectClass(example)).execute()
                    .testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        }
    }
}
