package io.cronshard.console;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.SimpleJob;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobBriefInfo;
import io.cronshard.lifecycle.JobStatisticsAPI;
import io.cronshard.lifecycle.JobStatus;
import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import io.cronshard.tracing.TracingConfiguration;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.curator.test.TestingServer;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real ZooKeeper (Curator's TestingServer), jobs running against it, and the console started on a
 * random port with a registry center named {@value #RC} pointing at it.
 */
final class ConsoleFixture implements AutoCloseable {

    static final String RC = "test";
    static final String NAMESPACE = "console-it";
    static final String ADMIN_PASSWORD = "admin-secret-1";
    static final String GUEST_PASSWORD = "guest-secret-1";
    /** A second ADMIN, {@code ops}, and a second GUEST, {@code viewer}, from {@code cronshard.console.users[n]}. */
    static final String OPS_PASSWORD = "ops-secret-1";
    static final String VIEWER_PASSWORD = "viewer-secret-1";
    /** A GUEST, {@code victim}, that a test locks out with failed logins. */
    static final String VICTIM_PASSWORD = "victim-secret-1";
    /** BCrypt at its lowest cost: the console checks it like any other hash, tests stay fast. */
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

    private final TestingServer zookeeper;
    private final List<ScheduleJobBootstrap> jobs = new ArrayList<>();
    private final List<ZookeeperRegistryCenter> regCenters = new ArrayList<>();
    private final ConfigurableApplicationContext console;
    private final String tracingUrl;
    private final boolean poolPerJob;
    private final List<HikariDataSource> writerPools = new ArrayList<>();
    private TracingConfiguration tracing;

    ConsoleFixture(String... jobNames) throws Exception {
        this(null, true, false, jobNames);
    }

    /**
     * @param tracingUrl a JDBC URL the jobs trace to; the console is not told (it is set on the page)
     * @param jobNames the jobs to start
     * @return the fixture
     */
    static ConsoleFixture withJobTracingOnly(String tracingUrl, String... jobNames) throws Exception {
        return new ConsoleFixture(tracingUrl, false, false, jobNames);
    }

    /**
     * @param tracingUrl a JDBC URL every job traces to through its own pool, as separate applications would,
     *                   and the console reads
     * @param jobNames the jobs to start
     * @return the fixture
     */
    static ConsoleFixture withTracingPoolPerJob(String tracingUrl, String... jobNames) throws Exception {
        return new ConsoleFixture(tracingUrl, true, true, jobNames);
    }

    /**
     * @param tracingUrl a JDBC URL: the jobs trace to it and the console reads it (cronshard.console.tracing.url); null for none
     * @param jobNames the jobs to start
     * @return the fixture
     */
    static ConsoleFixture withTracing(String tracingUrl, String... jobNames) throws Exception {
        return new ConsoleFixture(tracingUrl, true, false, jobNames);
    }

    private ConsoleFixture(String tracingUrl, boolean consoleTracing, boolean poolPerJob, String[] jobNames) throws Exception {
        this.tracingUrl = tracingUrl;
        this.poolPerJob = poolPerJob;
        System.setProperty("zookeeper.admin.enableServer", "false");
        zookeeper = new TestingServer(true);
        for (String each : jobNames) {
            startJob(each);
        }
        try (JobStatisticsAPI api = JobAPIFactory.createJobStatisticsAPI(zookeeper.getConnectString(), NAMESPACE, null)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> jobNames.length == 0 || api.getAllJobsBriefInfo().stream()
                    .filter(job -> job.status() == JobStatus.OK).map(JobBriefInfo::jobName).toList().containsAll(List.of(jobNames)));
        }
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--cronshard.console.admin.password=" + hash(ADMIN_PASSWORD),
                "--cronshard.console.guest.password=" + hash(GUEST_PASSWORD),
                "--cronshard.console.users[0].username=ops",
                "--cronshard.console.users[0].password=" + hash(OPS_PASSWORD),
                "--cronshard.console.users[0].role=ADMIN",
                "--cronshard.console.users[1].username=viewer",
                "--cronshard.console.users[1].password=" + hash(VIEWER_PASSWORD),
                "--cronshard.console.users[1].role=GUEST",
                "--cronshard.console.users[2].username=victim",
                "--cronshard.console.users[2].password=" + hash(VICTIM_PASSWORD),
                "--cronshard.console.users[2].role=GUEST",
                "--cronshard.console.registry-centers-file=",
                "--cronshard.console.tracing-file=",
                "--cronshard.console.registry-centers[0].name=" + RC,
                "--cronshard.console.registry-centers[0].server-lists=" + zookeeper.getConnectString(),
                "--cronshard.console.registry-centers[0].namespace=" + NAMESPACE));
        if (tracingUrl != null && consoleTracing) {
            args.add("--cronshard.console.tracing.url=" + tracingUrl);
            args.add("--cronshard.console.tracing.username=sa");
        }
        console = SpringApplication.run(ConsoleApplication.class, args.toArray(String[]::new));
    }

    /** @return the password's BCrypt hash as the console's properties take it */
    static String hash(String password) {
        return "{bcrypt}" + BCRYPT.encode(password);
    }

    /**
     * Starts one instance of a 2-item job firing every second. Its items run 50 to 150 ms (200 more when its name
     * contains "report"); item 1 of a job whose name starts with "failing" throws.
     */
    void startJob(String jobName) {
        SimpleJob job = context -> {
            Thread.sleep(50 + java.util.concurrent.ThreadLocalRandom.current().nextInt(100) + (jobName.contains("report") ? 200 : 0));
            if (jobName.startsWith("failing") && context.getShardingItem() == 1) {
                throw new IllegalStateException("item 1 of " + jobName + " fails on purpose");
            }
        };
        JobConfiguration.Builder config = JobConfiguration.newBuilder(jobName, 2).cron("0/1 * * * * ?").description("test job " + jobName)
                .shardingItemParameters("0=a,1=b");
        startJob(config, job);
    }

    /**
     * Starts one instance of a job of the test's own making.
     *
     * @param config its configuration (the fixture adds its tracing)
     * @param job its body
     */
    void startJob(JobConfiguration.Builder config, SimpleJob job) {
        ZookeeperRegistryCenter regCenter = new ZookeeperRegistryCenter(new ZookeeperConfiguration(zookeeper.getConnectString(), NAMESPACE));
        regCenter.init();
        regCenters.add(regCenter);
        if (tracingUrl != null) {
            config.tracing(tracing());
        }
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(regCenter, job, config.build());
        bootstrap.schedule();
        jobs.add(bootstrap);
    }

    /** The jobs' tracing: one pooled data source shared by every job of this fixture, as an application would (or one per job). */
    private synchronized TracingConfiguration tracing() {
        if (tracing == null || poolPerJob) {
            HikariDataSource pool = DataSourceBuilder.create().type(HikariDataSource.class).url(tracingUrl).username("sa").password("").build();
            writerPools.add(pool);
            tracing = TracingConfiguration.rdb(pool);
        }
        return tracing;
    }

    /** @return the console's application context (its beans, for tests that look inside) */
    ConfigurableApplicationContext context() {
        return console;
    }

    String baseUrl() {
        return "http://localhost:" + ((WebServerApplicationContext) console).getWebServer().getPort();
    }

    String connectString() {
        return zookeeper.getConnectString();
    }

    @Override
    public void close() throws Exception {
        console.close();
        jobs.forEach(ScheduleJobBootstrap::shutdown);
        regCenters.forEach(ZookeeperRegistryCenter::close);
        writerPools.forEach(HikariDataSource::close);
        zookeeper.close();
    }
}
