package io.cronshard.console.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cronshard.api.JobConfiguration;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobConfigurationAPI;
import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import io.cronshard.sharding.JobShardingStrategy;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The packaged console ({@code java -jar cronshard-console.jar}, Spring Boot's PropertiesLauncher) with a {@code lib/}
 * folder in its working directory: a jar built here — a sharding strategy, an error handler and a listener compiled with
 * {@code javax.tools}, listed in {@code META-INF/services} — joins its class path, and a job using those types is saved
 * through the REST API. Run by Failsafe after {@code package} ({@code mvn verify}); needs the repackaged jar.
 */
class PackagedConsoleExtraJarsIT {

    private static final String PASSWORD = "extra-jars-1";

    @Test
    void jobsUsingTypesFromAJarInLibAreSavedFromTheConsole(@TempDir Path work) throws Exception {
        String jarProperty = System.getProperty("cronshard.console.jar");
        Assumptions.assumeTrue(jarProperty != null && Files.isRegularFile(Path.of(jarProperty)),
                "Skipping: the packaged console jar is built by 'mvn package' (this test runs in 'mvn verify')");
        Path lib = Files.createDirectories(work.resolve("lib"));
        buildCustomTypesJar(work.resolve("build"), lib.resolve("custom-types.jar"));

        try (TestingServer zookeeper = new TestingServer(true)) {
            try (JobConfigurationAPI api = JobAPIFactory.createJobConfigurationAPI(zookeeper.getConnectString(), "extra-jars", null)) {
                api.updateJobConfiguration(JobConfiguration.newBuilder("custom", 3).cron("0 0 1 * * ?").build());
            }
            int port = freePort();
            Process console = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-jar", Path.of(jarProperty).toAbsolutePath().toString(),
                    "--server.port=" + port,
                    "--cronshard.console.admin.password={bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD),
                    "--cronshard.console.guest.enabled=false",
                    "--cronshard.console.registry-centers-file=", "--cronshard.console.tracing-file=",
                    "--cronshard.console.registry-centers[0].name=rc",
                    "--cronshard.console.registry-centers[0].server-lists=" + zookeeper.getConnectString(),
                    "--cronshard.console.registry-centers[0].namespace=extra-jars")
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("console.log").toFile()).start();
            try {
                String base = "http://localhost:" + port;
                waitUntilUp(base, console, work.resolve("console.log"));
                Session admin = Session.login(base, "admin", PASSWORD);

                HttpResponse<String> saved = admin.put("/api/registry-centers/rc/jobs/custom/config",
                        "{\"jobShardingStrategyType\":\"PRIMARY_FIRST\",\"jobErrorHandlerType\":\"PAGER\",\"jobListenerTypes\":[\"AUDIT\"]}");
                assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
                // read raw: this JVM has not the types, so it could not parse the configuration back
                ZookeeperRegistryCenter raw = new ZookeeperRegistryCenter(new ZookeeperConfiguration(zookeeper.getConnectString(), "extra-jars"));
                raw.init();
                try {
                    JsonObject stored = JsonParser.parseString(raw.get("/custom/config")).getAsJsonObject();
                    assertThat(stored.get("jobShardingStrategyType").getAsString()).isEqualTo("PRIMARY_FIRST");
                    assertThat(stored.get("jobErrorHandlerType").getAsString()).isEqualTo("PAGER");
                    assertThat(stored.get("jobListenerTypes").toString()).isEqualTo("[\"AUDIT\"]");
                } finally {
                    raw.close();
                }
                HttpResponse<String> config = admin.get("/api/registry-centers/rc/jobs/custom/config");
                assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
                assertThat(config.body()).contains("\"jobShardingStrategyType\":\"PRIMARY_FIRST\"");

                HttpResponse<String> unknown = admin.put("/api/registry-centers/rc/jobs/custom/config", "{\"jobShardingStrategyType\":\"NOPE\"}");
                assertThat(unknown.statusCode()).isEqualTo(400);
                assertThat(unknown.body()).contains("jobShardingStrategyType").contains("PRIMARY_FIRST").contains("AVG_ALLOCATION");
            } finally {
                console.destroy();
                if (!console.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    console.destroyForcibly();
                }
            }
        }
    }

    /** Compiles a strategy, an error handler and a listener against the core API and jars them with their service files. */
    private static void buildCustomTypesJar(Path build, Path jar) throws IOException {
        Path sources = Files.createDirectories(build.resolve("src/com/example/cronshard"));
        Files.writeString(sources.resolve("PrimaryFirstStrategy.java"), """
                package com.example.cronshard;

                import java.util.ArrayList;
                import java.util.LinkedHashMap;
                import java.util.List;
                import java.util.Map;
                import io.cronshard.sharding.JobInstance;
                import io.cronshard.sharding.JobShardingStrategy;

                public final class PrimaryFirstStrategy implements JobShardingStrategy {
                    @Override
                    public String getType() {
                        return "PRIMARY_FIRST";
                    }

                    @Override
                    public Map<JobInstance, List<Integer>> sharding(List<JobInstance> instances, String jobName, int total) {
                        Map<JobInstance, List<Integer>> result = new LinkedHashMap<>();
                        instances.forEach(each -> result.put(each, new ArrayList<>()));
                        for (int item = 0; item < total; item++) {
                            result.get(instances.get(0)).add(item);
                        }
                        return result;
                    }
                }
                """);
        Files.writeString(sources.resolve("PagerErrorHandler.java"), """
                package com.example.cronshard;

                import io.cronshard.executor.JobErrorHandler;

                public final class PagerErrorHandler implements JobErrorHandler {
                    @Override
                    public String getType() {
                        return "PAGER";
                    }

                    @Override
                    public void handleException(String jobName, int shardingItem, Throwable cause) {
                    }
                }
                """);
        Files.writeString(sources.resolve("AuditListener.java"), """
                package com.example.cronshard;

                import io.cronshard.api.listener.ShardingContexts;
                import io.cronshard.api.listener.TypedJobListener;

                public final class AuditListener implements TypedJobListener {
                    @Override
                    public String getType() {
                        return "AUDIT";
                    }

                    @Override
                    public void beforeJobExecuted(ShardingContexts contexts) {
                    }

                    @Override
                    public void afterJobExecuted(ShardingContexts contexts) {
                    }
                }
                """);
        Path classes = Files.createDirectories(build.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", coreClassPath(), "--release", "17"));
        try (Stream<Path> files = Files.list(sources)) {
            files.forEach(each -> arguments.add(each.toString()));
        }
        assertThat(compiler.run(null, null, null, arguments.toArray(String[]::new))).as("javac").isZero();
        Map<String, String> services = Map.of(
                "io.cronshard.sharding.JobShardingStrategy", "com.example.cronshard.PrimaryFirstStrategy",
                "io.cronshard.executor.JobErrorHandler", "com.example.cronshard.PagerErrorHandler",
                "io.cronshard.api.listener.TypedJobListener", "com.example.cronshard.AuditListener");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path each : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(each).toString().replace('\\', '/')));
                    Files.copy(each, out);
                    out.closeEntry();
                }
            }
            for (Map.Entry<String, String> each : services.entrySet()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + each.getKey()));
                write(out, each.getValue() + "\n");
                out.closeEntry();
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Where the core API is in this build: its classes directory or jar. */
    private static String coreClassPath() {
        try {
            return Path.of(JobShardingStrategy.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitUntilUp(String base, Process console, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!console.isAlive()) {
                throw new AssertionError("The console stopped: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException ex) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The console did not start in 90 s: " + Files.readString(log));
    }

    /** A logged-in HTTP session with the CSRF header, as the pages use the API. */
    private record Session(String base, HttpClient http, java.net.CookieManager cookies) {

        static Session login(String base, String username, String password) throws Exception {
            java.net.CookieManager cookies = new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL);
            HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
            String page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
            assertThat(token.find()).as(page).isTrue();
            String form = "username=" + username + "&password=" + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                    + java.net.URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
            http.send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/me")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
            return new Session(base, http, cookies);
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> put(String path, String json) throws Exception {
            String xsrf = cookies.getCookieStore().getCookies().stream().filter(each -> each.getName().equals("XSRF-TOKEN"))
                    .map(java.net.HttpCookie::getValue).findFirst().orElseThrow();
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json").header("X-XSRF-TOKEN", xsrf)
                    .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
