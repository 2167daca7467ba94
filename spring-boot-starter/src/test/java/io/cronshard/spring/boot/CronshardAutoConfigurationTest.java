package io.cronshard.spring.boot;

import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;
import io.cronshard.api.listener.JobListener;
import io.cronshard.api.listener.ShardingContexts;
import io.cronshard.bootstrap.OneOffJobBootstrap;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.reg.CoordinatorRegistryCenter;
import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import org.aopalliance.intercept.MethodInterceptor;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class CronshardAutoConfigurationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static TestingServer zookeeper;
    private static CuratorFramework client;

    private final String namespace = "boot-" + UUID.randomUUID();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CronshardAutoConfiguration.class));

    @BeforeAll
    static void startZookeeper() throws Exception {
        zookeeper = new TestingServer(true);
        client = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), new RetryOneTime(100));
        client.start();
    }

    @AfterAll
    static void stopZookeeper() throws Exception {
        client.close();
        zookeeper.close();
    }

    private String[] regCenter() {
        return new String[] {"cronshard.reg-center.server-lists=" + zookeeper.getConnectString(),
                "cronshard.reg-center.namespace=" + namespace, "cronshard.reg-center.connection-timeout-milliseconds=5000"};
    }

    private List<String> instances(String ns, String jobName) throws Exception {
        String path = "/" + ns + "/" + jobName + "/instances";
        return client.checkExists().forPath(path) == null ? List.of() : client.getChildren().forPath(path);
    }

    /** The application of the SpringApplication tests: two job beans and a listener. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(CronshardAutoConfiguration.class)
    static class JobsApplication {

        @Bean
        RecordingJob citiesJob() {
            return new RecordingJob();
        }

        @Bean
        RecordingJob.Other reportJob() {
            return new RecordingJob.Other();
        }

        @Bean
        CountingListener countingListener() {
            return new CountingListener();
        }
    }

    static class CountingListener implements JobListener {

        final AtomicInteger after = new AtomicInteger();

        @Override
        public void beforeJobExecuted(ShardingContexts shardingContexts) {
        }

        @Override
        public void afterJobExecuted(ShardingContexts shardingContexts) {
            after.incrementAndGet();
        }
    }

    @Test
    void jobsFromPropertiesRunWhenTheApplicationIsReadyAndStopWhenItCloses() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(JobsApplication.class).web(WebApplicationType.NONE)
                .properties(regCenter())
                .properties("cronshard.jobs.cities.job-class=" + RecordingJob.class.getName(),
                        "cronshard.jobs.cities.cron=0/1 * * * * ?",
                        "cronshard.jobs.cities.sharding-total-count=3",
                        "cronshard.jobs.cities.sharding-item-parameters=0=Beijing,1=Shanghai,2=Guangzhou",
                        "cronshard.jobs.cities.job-parameter=from-boot",
                        "cronshard.jobs.cities.job-sharding-strategy-type=ROUND_ROBIN",
                        "cronshard.jobs.cities.job-executor-service-handler-type=SINGLE_THREAD",
                        "cronshard.jobs.cities.description=cities of the Boot test",
                        "cronshard.jobs.cities.props.custom.key=custom value",
                        "cronshard.jobs.cities.listener-bean-names=countingListener",
                        "cronshard.jobs.cities.overwrite=true",
                        "cronshard.jobs.report.job-class=" + RecordingJob.Other.class.getName(),
                        "cronshard.jobs.report.sharding-total-count=2",
                        "cronshard.jobs.report.job-bootstrap-bean-name=reportBootstrap")
                .run();
        try {
            RecordingJob cities = context.getBean("citiesJob", RecordingJob.class);
            await().atMost(WAIT).until(() -> cities.items().equals(List.of(0, 1, 2)));
            ShardingContext first = cities.executions().get(0);
            assertThat(first.getJobParameter()).isEqualTo("from-boot");
            assertThat(cities.executions()).extracting(ShardingContext::getShardingParameter).contains("Beijing", "Shanghai", "Guangzhou");
            await().atMost(WAIT).until(() -> context.getBean(CountingListener.class).after.get() > 0);
            String stored = new String(client.getData().forPath("/" + namespace + "/cities/config"));
            assertThat(stored).contains("ROUND_ROBIN", "SINGLE_THREAD", "custom value", "cities of the Boot test");
            assertThat(context.getBean("citiesScheduleJobBootstrap")).isInstanceOf(ScheduleJobBootstrap.class);

            RecordingJob report = context.getBean("reportJob", RecordingJob.class);
            assertThat(report.executions()).isEmpty();
            context.getBean("reportBootstrap", OneOffJobBootstrap.class).execute();
            await().atMost(WAIT).until(() -> report.items().equals(List.of(0, 1)));
            assertThat(instances(namespace, "cities")).hasSize(1);
        } finally {
            context.close();
        }
        assertThat(instances(namespace, "cities")).isEmpty();
        assertThat(instances(namespace, "report")).isEmpty();
    }

    @Test
    void aRegistryCenterBeanOfTheUsersOwnWins() {
        String ownNamespace = namespace + "-own";
        runner.withPropertyValues(regCenter())
                .withBean("myRegCenter", CoordinatorRegistryCenter.class,
                        () -> new ZookeeperRegistryCenter(new ZookeeperConfiguration(zookeeper.getConnectString(), ownNamespace)),
                        definition -> {
                            definition.setInitMethodName("init");
                            definition.setDestroyMethodName("close");
                        })
                .withBean("job", RecordingJob.class, RecordingJob::new)
                .withPropertyValues("cronshard.jobs.mine.job-class=" + RecordingJob.class.getName(),
                        "cronshard.jobs.mine.sharding-total-count=1")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(CoordinatorRegistryCenter.class)
                            .doesNotHaveBean("cronshardRegistryCenter").hasBean("mineOneOffJobBootstrap");
                    assertThat(instances(ownNamespace, "mine")).hasSize(1);
                    assertThat(instances(namespace, "mine")).isEmpty();
                });
    }

    @Test
    void aJobBeanBehindAJdkProxyIsFoundByItsTargetClassAndRunsThroughTheProxy() {
        RecordingJob target = new RecordingJob();
        AtomicInteger intercepted = new AtomicInteger();
        ProxyFactory factory = new ProxyFactory(target);
        factory.addInterface(SimpleJob.class);
        factory.addAdvice((MethodInterceptor) invocation -> {
            intercepted.incrementAndGet();
            return invocation.proceed();
        });
        runner.withPropertyValues(regCenter())
                .withBean("proxiedJob", SimpleJob.class, () -> (SimpleJob) factory.getProxy())
                .withPropertyValues("cronshard.jobs.proxied.job-class=" + RecordingJob.class.getName(),
                        "cronshard.jobs.proxied.sharding-total-count=2")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    context.getBean("proxiedOneOffJobBootstrap", OneOffJobBootstrap.class).execute();
                    await().atMost(WAIT).until(() -> target.items().equals(List.of(0, 1)));
                    assertThat(intercepted.get()).isGreaterThanOrEqualTo(2);
                });
    }

    @Test
    void jobConfigurationCustomizersChangeEveryJobsConfigurationInOrder() throws Exception {
        runner.withPropertyValues(regCenter())
                .withBean("job", RecordingJob.class, RecordingJob::new)
                .withBean("second", JobConfigurationCustomizer.class, () -> new OrderedCustomizer(2, " and second"))
                .withBean("first", JobConfigurationCustomizer.class, () -> new OrderedCustomizer(1, "first"))
                .withPropertyValues("cronshard.jobs.custom.job-class=" + RecordingJob.class.getName(),
                        "cronshard.jobs.custom.sharding-total-count=1", "cronshard.jobs.custom.overwrite=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    String stored = new String(client.getData().forPath("/" + namespace + "/custom/config"));
                    assertThat(stored).contains("customized by first and second");
                });
    }

    /** Appends to the description, in its order. */
    record OrderedCustomizer(int order, String name) implements JobConfigurationCustomizer, org.springframework.core.Ordered {

        @Override
        public io.cronshard.api.JobConfiguration customize(io.cronshard.api.JobConfiguration configuration) {
            String description = configuration.getDescription().isEmpty() ? "customized by " : configuration.getDescription();
            return configuration.toBuilder().description(description + name).build();
        }

        @Override
        public int getOrder() {
            return order;
        }
    }

    @Test
    void aCustomizerThatReturnsAnotherJobIsExplained() {
        runner.withPropertyValues(regCenter())
                .withBean("job", RecordingJob.class, RecordingJob::new)
                .withBean("renaming", JobConfigurationCustomizer.class,
                        () -> config -> io.cronshard.api.JobConfiguration.newBuilder("other", 1).build())
                .withPropertyValues("cronshard.jobs.mine.job-class=" + RecordingJob.class.getName(), "cronshard.jobs.mine.sharding-total-count=1")
                .run(context -> {
                    FailureAnalysis analysis = new CronshardFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("returned the configuration of job 'other' for job 'mine'");
                    assertThat(analysis.getAction()).isEqualTo("Return the configuration it was given, or a copy of it made with toBuilder().");
                });
    }

    @Test
    void turnedOffItConfiguresNothing() {
        runner.withPropertyValues("cronshard.enabled=false", "cronshard.jobs.x.job-class=" + RecordingJob.class.getName())
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CoordinatorRegistryCenter.class)
                        .doesNotHaveBean(OneOffJobBootstrap.class));
    }

    @Test
    void withTracingTypeRdbEveryJobRecordsItsExecutionsInTheContextsDataSource() {
        org.h2.jdbcx.JdbcDataSource dataSource = new org.h2.jdbcx.JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:boot-tracing;DB_CLOSE_DELAY=-1");
        runner.withPropertyValues(regCenter())
                .withBean("dataSource", javax.sql.DataSource.class, () -> dataSource)
                .withBean("job", RecordingJob.class, RecordingJob::new)
                .withPropertyValues("cronshard.tracing.type=RDB", "cronshard.jobs.traced.job-class=" + RecordingJob.class.getName(),
                        "cronshard.jobs.traced.sharding-total-count=2")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    io.cronshard.bootstrap.OneOffJobBootstrap bootstrap = context.getBean("tracedOneOffJobBootstrap",
                            io.cronshard.bootstrap.OneOffJobBootstrap.class);
                    bootstrap.execute();
                    await().atMost(java.time.Duration.ofSeconds(20)).until(() -> executionRows(dataSource, "traced") == 2);
                });
    }

    @Test
    void tracingWithoutADataSourceIsExplained() {
        runner.withPropertyValues(regCenter())
                .withBean("job", RecordingJob.class, RecordingJob::new)
                .withPropertyValues("cronshard.tracing.type=RDB", "cronshard.jobs.traced.job-class=" + RecordingJob.class.getName(),
                        "cronshard.jobs.traced.sharding-total-count=1")
                .run(context -> {
                    FailureAnalysis analysis = new CronshardFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("cronshard.tracing.type=RDB needs a javax.sql.DataSource bean");
                });
    }

    private static int executionRows(javax.sql.DataSource dataSource, String job) {
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM JOB_EXECUTION_LOG WHERE JOB_NAME = ?")) {
            statement.setString(1, job);
            try (java.sql.ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        } catch (java.sql.SQLException notYet) {
            return 0;
        }
    }

    @Test
    void aMissingServerListIsExplained() {
        runner.run(context -> {
            FailureAnalysis analysis = new CronshardFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("cronshard.reg-center.server-lists is not set");
            assertThat(analysis.getAction()).contains("Set cronshard.reg-center.server-lists", "CoordinatorRegistryCenter bean",
                    "cronshard.enabled=false");
        });
    }

    @Test
    void aJobClassWithoutABeanIsExplained() {
        runner.withPropertyValues(regCenter())
                .withPropertyValues("cronshard.jobs.orphan.job-class=" + RecordingJob.class.getName(),
                        "cronshard.jobs.orphan.sharding-total-count=1")
                .run(context -> {
                    FailureAnalysis analysis = new CronshardFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).isEqualTo("Cronshard job 'orphan' needs one bean of cronshard.jobs.orphan.job-class "
                            + RecordingJob.class.getName() + ", found none.");
                    assertThat(analysis.getAction()).contains("Define a bean of " + RecordingJob.class.getName());
                });
    }

    @Test
    void anInvalidValueIsExplainedWithItsProperty() {
        runner.withPropertyValues(regCenter())
                .withBean("job", RecordingJob.class, RecordingJob::new)
                .withPropertyValues("cronshard.jobs.zero.job-class=" + RecordingJob.class.getName(),
                        "cronshard.jobs.zero.cron=0/1 * * * * ?",
                        "cronshard.jobs.zero.sharding-total-count=0")
                .run(context -> {
                    FailureAnalysis analysis = new CronshardFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).isEqualTo(
                            "Invalid configuration of Cronshard job 'zero': Invalid 'shardingTotalCount': 0; must be at least 1");
                    assertThat(analysis.getAction()).isEqualTo("Fix cronshard.jobs.zero.sharding-total-count.");
                });
    }

    @Test
    void aFailedStartPrintsTheAnalysisInsteadOfAStackTrace(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(JobsApplication.class).web(WebApplicationType.NONE)
                .properties(regCenter())
                .properties("cronshard.jobs.bad.job-class=" + RecordingJob.class.getName(),
                        "cronshard.jobs.bad.cron=every second", "cronshard.jobs.bad.sharding-total-count=1")
                .run().close());
        assertThat(output).contains("APPLICATION FAILED TO START",
                "Invalid configuration of Cronshard job 'bad': Invalid 'cron': 'every second'", "Fix cronshard.jobs.bad.cron.");
    }
}
