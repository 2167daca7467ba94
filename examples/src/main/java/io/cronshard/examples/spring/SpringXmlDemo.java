package io.cronshard.examples.spring;

import io.cronshard.bootstrap.OneOffJobBootstrap;
import io.cronshard.examples.DemoLauncher;
import org.springframework.context.support.ClassPathXmlApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;
import java.util.Set;

/**
 * Jobs declared in Spring XML ({@code spring-xml-demo.xml}): a cron job that prints its four items every two
 * seconds, and a one-off job run once on demand. Starts an embedded ZooKeeper unless
 * {@code --zookeeper host:port} is given; closes the context and exits after about 20 seconds unless
 * {@code --keep-running}.
 */
public final class SpringXmlDemo {

    private SpringXmlDemo() {
    }

    /**
     * @param args {@code --zookeeper host:port}, {@code --keep-running}
     * @throws Exception when the demo cannot start
     */
    public static void main(String[] args) throws Exception {
        DemoLauncher.launch("SpringXmlDemo", args, (servers, keepRunning) -> run(servers, keepRunning ? Long.MAX_VALUE : 20_000));
    }

    /**
     * Runs the demo's context for {@code millis}; the one-off job is executed after a third of it.
     *
     * @param servers ZooKeeper's server list
     * @param millis how long the context runs; {@link Long#MAX_VALUE} runs until the JVM is stopped
     * @return the jobs' items run: {@code xml-cities} and {@code xml-report}
     * @throws InterruptedException when interrupted
     */
    public static Map<String, Set<Integer>> run(String servers, long millis) throws InterruptedException {
        String namespace = "cronshard-xml-demo";
        DemoLauncher.printConsoleHint(servers, namespace);
        ClassPathXmlApplicationContext context = new ClassPathXmlApplicationContext(new String[] {"spring-xml-demo.xml"}, false);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("demo",
                Map.of("demo.zookeeper", servers, "demo.namespace", namespace)));
        context.registerShutdownHook();
        context.refresh();
        try {
            Thread.sleep(Math.min(millis, 20_000) / 3);
            System.out.println("=== running the one-off job xml-report ===");
            context.getBean("xml-report", OneOffJobBootstrap.class).execute();
            Thread.sleep(millis == Long.MAX_VALUE ? Long.MAX_VALUE : millis - millis / 3);
            return Map.of("xml-cities", Set.copyOf(context.getBean(CityJob.class).items()), "xml-report", Set.copyOf(ReportJob.ITEMS));
        } finally {
            context.close();
        }
    }
}
