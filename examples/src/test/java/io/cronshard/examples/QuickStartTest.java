package io.cronshard.examples;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * README's quick start, as pasted: its {@code MyJob} and {@code MyApp} code blocks are compiled
 * against the library and run in a JVM of their own, which keeps running and leaves the cluster
 * gracefully when it is asked to stop.
 */
class QuickStartTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theQuickStartCompilesRunsTheJobAndLeavesOnStop(@TempDir Path sources) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        writeBlock(readme, "public class MyJob", sources.resolve("MyJob.java"));
        writeBlock(readme, "public class MyApp", sources.resolve("MyApp.java"));
        compile(sources);

        try (TestingServer zookeeper = new TestingServer(true);
             CuratorFramework client = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), new RetryOneTime(100))) {
            client.start();
            Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                    "-cp", sources + System.getProperty("path.separator") + System.getProperty("java.class.path"),
                    "MyApp", zookeeper.getConnectString())
                    .redirectErrorStream(true).start();
            List<String> output = readAll(app);
            try {
                // the job fires every five seconds and prints each of its three items
                await("the quick start runs every item; output: " + output).atMost(Duration.ofSeconds(40))
                        .until(() -> output.stream().filter(line -> line.startsWith("myJob: item ")).map(line -> line.substring(0, 13))
                                .distinct().count() == 3);
                assertThat(output).anyMatch(line -> line.equals("myJob: item 1 (Shanghai)"));
                assertThat(client.getChildren().forPath("/my-app/myJob/instances")).hasSize(1);
                assertThat(app.isAlive()).as("main keeps the JVM alive").isTrue();
            } finally {
                app.destroy();   // SIGTERM: the shutdown hook runs
                assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("the app stops when asked").isTrue();
            }
            assertThat(client.getChildren().forPath("/my-app/myJob/instances")).as("shutdown() left the cluster").isEmpty();
        }
    }

    private static void writeBlock(String readme, String marker, Path file) throws IOException {
        Matcher blocks = JAVA_BLOCK.matcher(readme);
        while (blocks.find()) {
            if (blocks.group(1).contains(marker)) {
                Files.writeString(file, blocks.group(1));
                return;
            }
        }
        throw new AssertionError("README.md has no java block with '" + marker + "'");
    }

    private static void compile(Path sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        List<String> arguments = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"), "-d", sources.toString()));
        try (var files = Files.list(sources)) {
            files.filter(each -> each.toString().endsWith(".java")).forEach(each -> arguments.add(each.toString()));
        }
        int result = compiler.run(null, errors, errors, arguments.toArray(new String[0]));
        assertThat(result).as("README's quick start compiles: %s", errors.toString(StandardCharsets.UTF_8)).isZero();
    }

    private static List<String> readAll(Process process) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "quick-start-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
