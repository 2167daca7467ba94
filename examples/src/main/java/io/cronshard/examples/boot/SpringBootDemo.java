package io.cronshard.examples.boot;

import io.cronshard.bootstrap.OneOffJobBootstrap;
import io.cronshard.examples.DemoLauncher;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;
import java.util.Set;

/**
 * Jobs from Spring Boot properties ({@code spring-boot-demo.properties}): a cron job whose body is the
 * {@link OrderSyncJob} bean, and a one-off job injected by its bean name and run once on demand. A web application with
 * Actuator and a Prometheus registry: {@code /actuator/health} (with the {@code cronshard} component),
 * {@code /actuator/prometheus} (the {@code cronshard.*} meters) and {@code /actuator/cronshard} on port 8080
 * ({@code -Dserver.port=…} for another). Starts an embedded ZooKeeper unless {@code --zookeeper host:port} is given; exits
 * after about 20 seconds unless {@code --keep-running}.
 */
@SpringBootApplication
public class SpringBootDemo {

    /**
     * @param args {@code --zookeeper host:port}, {@code --keep-running}
     * @throws Exception when the demo cannot start
     */
    public static void main(String[] args) throws Exception {
        DemoLauncher.launch("SpringBootDemo", args, (servers, keepRunning) -> run(servers, keepRunning ? Long.MAX_VALUE : 20_000));
    }

    /**
     * Runs the application for {@code millis}; the one-off job is executed after a third of it.
     *
     * @param servers ZooKeeper's server list, given as {@code cronshard.reg-center.server-lists}
     * @param millis how long the application runs; {@link Long#MAX_VALUE} runs until the JVM is stopped
     * @param properties more properties, e.g. {@code server.port=0}
     * @return the jobs' items run: {@code order-sync} and {@code cleanup}
     * @throws InterruptedException when interrupted
     */
    public static Map<String, Set<Integer>> run(String servers, long millis, String... properties) throws InterruptedException {
        String namespace = "cronshard-boot-demo";
        DemoLauncher.printConsoleHint(servers, namespace);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SpringBootDemo.class)
                .properties("spring.config.name=spring-boot-demo",
                        "cronshard.reg-center.server-lists=" + servers,
                        "cronshard.reg-center.namespace=" + namespace)
                .properties(properties)
                .run();
        try {
            String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/actuator";
            System.out.println("Open " + base + "/health (the cronshard component), " + base + "/prometheus (the cronshard.* meters) and "
                    + base + "/cronshard (the jobs of this application)");
            Thread.sleep(Math.min(millis, 20_000) / 3);
            context.getBean(CleanupRunner.class).runCleanup();
            Thread.sleep(millis == Long.MAX_VALUE ? Long.MAX_VALUE : millis - millis / 3);
            return Map.of("order-sync", Set.copyOf(context.getBean(OrderSyncJob.class).items()),
                    "cleanup", Set.copyOf(context.getBean(CleanupJob.class).items()));
        } finally {
            SpringApplication.exit(context);
        }
    }

    /** Shows that a one-off job is an ordinary bean, injected by its {@code job-bootstrap-bean-name}. */
    @org.springframework.stereotype.Component
    static class CleanupRunner {

        private final OneOffJobBootstrap cleanup;

        CleanupRunner(@Qualifier("cleanupBootstrap") OneOffJobBootstrap cleanup) {
            this.cleanup = cleanup;
        }

        void runCleanup() {
            System.out.println("=== running the one-off job cleanup ===");
            cleanup.execute();
        }
    }
}
