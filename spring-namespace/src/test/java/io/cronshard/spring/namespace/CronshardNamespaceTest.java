package io.cronshard.spring.namespace;

import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;
import io.cronshard.bootstrap.OneOffJobBootstrap;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import io.cronshard.test.CronshardTestContext;
import io.cronshard.test.CronshardTestExtension;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.parsing.BeanDefinitionParsingException;
import org.springframework.beans.factory.xml.XmlBeanDefinitionStoreException;
import org.springframework.context.support.ClassPathXmlApplicationContext;
import org.springframework.context.support.GenericXmlApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@ExtendWith(CronshardTestExtension.class)
class CronshardNamespaceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** This test's ZooKeeper namespace and a registry center in it, from the test kit. */
    private CronshardTestContext cronshard;

    @BeforeEach
    void useTheTestKit(CronshardTestContext cronshard) {
        this.cronshard = cronshard;
    }

    private Map<String, Object> properties() {
        return Map.of("zk.servers", cronshard.zookeeper().connectString(), "zk.namespace", cronshard.namespace());
    }

    private List<String> instances(String jobName) {
        return cronshard.instances(jobName);
    }

    private String storedConfig(String jobName) {
        return cronshard.registryCenter().get("/" + jobName + "/config");
    }

    @Test
    void jobsDeclaredInXmlRunEveryItemWithTheirConfigurationAndStopWhenTheContextCloses() {
        ClassPathXmlApplicationContext context = new ClassPathXmlApplicationContext(
                new String[] {"io/cronshard/spring/namespace/jobs.xml"}, false, null);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties()));
        context.refresh();
        try {
            RecordingJob cities = context.getBean("recordingJob", RecordingJob.class);
            await().atMost(WAIT).until(() -> cities.items().equals(List.of(0, 1, 2)));
            ShardingContext first = cities.executions().get(0);
            assertThat(first.getJobName()).isEqualTo("cities");
            assertThat(first.getShardingTotalCount()).isEqualTo(3);
            assertThat(first.getJobParameter()).isEqualTo("from-xml");
            assertThat(cities.executions()).extracting(ShardingContext::getShardingParameter)
                    .contains("Beijing", "Shanghai", "Guangzhou");
            CountingListener listener = context.getBean("countingListener", CountingListener.class);
            await().atMost(WAIT).until(() -> listener.after.get() > 0);

            String stored = storedConfig("cities");
            assertThat(stored).contains("ROUND_ROBIN", "SINGLE_THREAD", "custom value", "cities of the XML test", "UTC");
            assertThat(context.getBean("cities")).isInstanceOf(ScheduleJobBootstrap.class);
            assertThat(context.getBean("regCenter")).isInstanceOf(ZookeeperRegistryCenter.class);

            await().atMost(WAIT).until(() -> instances("byClass").size() == 1);
            RecordingJob onDemand = context.getBean("onDemandJob", RecordingJob.class);
            assertThat(onDemand.executions()).isEmpty();
            assertThat(instances("cities")).hasSize(1);
        } finally {
            context.close();
        }
        assertThat(instances("cities")).isEmpty();
        assertThat(instances("byClass")).isEmpty();
        assertThat(instances("onDemand")).isEmpty();
    }

    @Test
    void aJobWithoutCronIsAOneOffBootstrapThatRunsEveryItemOnDemand() {
        try (GenericXmlApplicationContext context = XmlContexts.start("""
                <cronshard:zookeeper id="regCenter" server-lists="${zk.servers}" namespace="${zk.namespace}"/>
                <bean id="job" class="io.cronshard.spring.namespace.RecordingJob"/>
                <cronshard:job id="oneOff" job-ref="job" registry-center-ref="regCenter" sharding-total-count="4"
                               job-parameter="p"/>
                """, properties())) {
            RecordingJob job = context.getBean("job", RecordingJob.class);
            OneOffJobBootstrap bootstrap = context.getBean("oneOff", OneOffJobBootstrap.class);
            assertThat(job.executions()).isEmpty();
            bootstrap.execute();
            await().atMost(WAIT).until(() -> job.items().equals(List.of(0, 1, 2, 3)));
            assertThat(job.executions()).hasSize(4);
        }
    }

    @Test
    void aJobWithATracingRefRecordsItsExecutionsInTheDataSource() {
        try (GenericXmlApplicationContext context = XmlContexts.start("""
                <cronshard:zookeeper id="regCenter" server-lists="${zk.servers}" namespace="${zk.namespace}"/>
                <bean id="dataSource" class="org.h2.jdbcx.JdbcDataSource">
                    <property name="URL" value="jdbc:h2:mem:xml-tracing;DB_CLOSE_DELAY=-1"/>
                </bean>
                <bean id="tracing" class="io.cronshard.tracing.TracingConfiguration" factory-method="rdb">
                    <constructor-arg ref="dataSource"/>
                </bean>
                <bean id="job" class="io.cronshard.spring.namespace.RecordingJob"/>
                <cronshard:job id="traced" job-ref="job" registry-center-ref="regCenter" sharding-total-count="2"
                               cron="* * * * * ?" tracing-ref="tracing"/>
                """, properties())) {
            javax.sql.DataSource dataSource = context.getBean("dataSource", javax.sql.DataSource.class);
            await().atMost(WAIT).until(() -> executionRows(dataSource, "traced") >= 2);
            assertThat(storedConfig("traced")).doesNotContain("jdbc:h2");
        }
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
    void aJobBehindAJdkProxyOfItsInterfaceRunsThroughTheProxy() {
        RecordingJob target = new RecordingJob();
        AtomicInteger intercepted = new AtomicInteger();
        ProxyFactory factory = new ProxyFactory(target);
        factory.addInterface(SimpleJob.class);
        factory.addAdvice((MethodInterceptor) invocation -> {
            intercepted.incrementAndGet();
            return invocation.proceed();
        });
        Object proxy = factory.getProxy();
        assertThat(AopUtils.isJdkDynamicProxy(proxy)).isTrue();
        try (GenericXmlApplicationContext context = XmlContexts.start("""
                <cronshard:zookeeper id="regCenter" server-lists="${zk.servers}" namespace="${zk.namespace}"/>
                <cronshard:job id="proxied" job-ref="proxiedJob" registry-center-ref="regCenter" cron="0/1 * * * * ?"
                               sharding-total-count="2"/>
                """, properties(), ctx -> ctx.getBeanFactory().registerSingleton("proxiedJob", proxy))) {
            await().atMost(WAIT).until(() -> target.items().equals(List.of(0, 1)));
            assertThat(intercepted.get()).isGreaterThanOrEqualTo(2);
        }
    }

    /** A job's interface the proxy does not expose. */
    interface Auditable {
    }

    @Test
    void aProxyThatHidesTheJobInterfaceIsRefusedWithTheTargetClass() {
        ProxyFactory factory = new ProxyFactory(new RecordingJob());
        factory.setInterfaces(Auditable.class);
        Object proxy = factory.getProxy();
        assertThatThrownBy(() -> XmlContexts.start("""
                <cronshard:zookeeper id="regCenter" server-lists="${zk.servers}" namespace="${zk.namespace}"/>
                <cronshard:job id="hidden" job-ref="hiddenJob" registry-center-ref="regCenter" cron="0/1 * * * * ?"
                               sharding-total-count="1"/>
                """, properties(), ctx -> ctx.getBeanFactory().registerSingleton("hiddenJob", proxy)))
                .rootCause().isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("job 'hidden'").hasMessageContaining(RecordingJob.class.getName());
    }

    @Test
    void anUnknownAttributeFailsWithTheSchemasMessage() {
        assertThatThrownBy(() -> XmlContexts.start("""
                <cronshard:zookeeper id="regCenter" server-lists="${zk.servers}" namespace="${zk.namespace}"/>
                <cronshard:job id="typo" job-class="io.cronshard.spring.namespace.RecordingJob" registry-center-ref="regCenter"
                               shardng-total-count="1" sharding-total-count="1"/>
                """, properties()))
                .isInstanceOf(XmlBeanDefinitionStoreException.class).hasMessageContaining("Line 12")
                .cause().hasMessageContaining("Attribute 'shardng-total-count' is not allowed to appear in element 'cronshard:job'");
    }

    @Test
    void aMissingRequiredAttributeFailsWithTheSchemasMessage() {
        assertThatThrownBy(() -> XmlContexts.start("""
                <cronshard:zookeeper id="regCenter" namespace="${zk.namespace}"/>
                """, properties()))
                .isInstanceOf(XmlBeanDefinitionStoreException.class).hasMessageContaining("Line 10")
                .cause().hasMessageContaining("Attribute 'server-lists' must appear on element 'cronshard:zookeeper'");
    }

    @Test
    void aJobNeedsExactlyOneBody() {
        assertThatThrownBy(() -> XmlContexts.start("""
                <cronshard:zookeeper id="regCenter" server-lists="${zk.servers}" namespace="${zk.namespace}"/>
                <cronshard:job id="twoBodies" job-class="io.cronshard.spring.namespace.RecordingJob" job-type="SCRIPT"
                               registry-center-ref="regCenter" sharding-total-count="1"/>
                """, properties()))
                .isInstanceOf(BeanDefinitionParsingException.class)
                .hasMessageContaining("<cronshard:job id=\"twoBodies\"> needs exactly one of job-ref, job-class and job-type");
    }

    @Test
    void invalidValuesFailWithAJobConfigurationExceptionNamingTheField() {
        assertThatThrownBy(() -> XmlContexts.start("""
                <cronshard:zookeeper id="regCenter" server-lists="${zk.servers}" namespace="${zk.namespace}"/>
                <cronshard:job id="none" job-class="io.cronshard.spring.namespace.RecordingJob" registry-center-ref="regCenter"
                               cron="0/1 * * * * ?" sharding-total-count="0"/>
                """, properties()))
                .rootCause().isInstanceOf(JobConfigurationException.class)
                .hasMessage("Invalid 'shardingTotalCount': 0; must be at least 1");
        assertThatThrownBy(() -> XmlContexts.start("""
                <cronshard:zookeeper id="regCenter" server-lists="${zk.servers}" namespace="${zk.namespace}"/>
                <cronshard:job id="yes" job-class="io.cronshard.spring.namespace.RecordingJob" registry-center-ref="regCenter"
                               cron="0/1 * * * * ?" sharding-total-count="1" failover="yes"/>
                """, properties()))
                .rootCause().isInstanceOf(JobConfigurationException.class)
                .hasMessage("Invalid 'failover': 'yes'; must be true or false");
        assertThatThrownBy(() -> XmlContexts.start("""
                <cronshard:zookeeper id="regCenter" server-lists="${zk.servers}" namespace="${zk.namespace}"/>
                <cronshard:job id="badCron" job-class="io.cronshard.spring.namespace.RecordingJob" registry-center-ref="regCenter"
                               cron="every minute" sharding-total-count="1"/>
                """, properties()))
                .rootCause().isInstanceOf(JobConfigurationException.class)
                .hasMessageStartingWith("Invalid 'cron': 'every minute'");
    }
}
