package io.cronshard.test;

import io.cronshard.api.JobConfiguration;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.spring.boot.CronshardAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** @CronshardTest on a Spring Boot application of the starter: its ZooKeeper, its namespace, and the jobs observed. */
@SpringBootTest(classes = CronshardTestSpringBootTest.RegionsApplication.class, properties = {
        "cronshard.reg-center.server-lists=zookeeper.example.com:2181", "cronshard.reg-center.namespace=production",
        "cronshard.jobs.regions.job-class=io.cronshard.test.RegionJob", "cronshard.jobs.regions.cron=0 0 3 * * ?",
        "cronshard.jobs.regions.sharding-total-count=4", "cronshard.jobs.regions.sharding-item-parameters=0=north,1=south,2=east,3=west"})
@CronshardTest
class CronshardTestSpringBootTest {

    /** The user's application: the starter and a job bean. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(CronshardAutoConfiguration.class)
    static class RegionsApplication {

        @Bean
        RegionJob regionJob() {
            return new RegionJob();
        }
    }

    @Autowired
    CronshardTestContext cronshard;

    @Autowired
    ScheduleJobBootstrap regions;

    @Autowired
    RegionJob job;

    @Autowired
    Environment environment;

    @Test
    void theApplicationRunsOnTheTestsZookeeperInAFreshNamespace() {
        assertThat(environment.getProperty("cronshard.reg-center.server-lists")).isEqualTo(cronshard.zookeeper().connectString());
        assertThat(environment.getProperty("cronshard.reg-center.namespace")).isEqualTo(cronshard.namespace());
        // schedule() returns before the registration has landed
        await().atMost(CronshardTestContext.DEFAULT_TIMEOUT).untilAsserted(() -> assertThat(cronshard.instances("regions")).contains(regions.getJobInstanceId()));
    }

    @Test
    void fireNowRunsTheApplicationsJobAndWithASecondInstanceSaysWhereEachItemRan() {
        JobFire alone = cronshard.fireNow("regions");
        assertThat(alone.items()).containsExactly(0, 1, 2, 3);
        assertThat(alone.itemsByInstance()).containsOnlyKeys(regions.getJobInstanceId());

        ScheduleJobBootstrap second = cronshard.schedule(cronshard.newRegistryCenter(), new RegionJob(),
                JobConfiguration.newBuilder("regions", 4).cron("0 0 3 * * ?").build());
        try {
            job.failOn(0, 1, 2, 3);
            JobFire shared = cronshard.fireNow("regions");
            assertThat(shared.itemsByInstance()).containsOnlyKeys(regions.getJobInstanceId(), second.getJobInstanceId());
            // only the application's instance fails: its items are the fire's failed items
            assertThat(shared.failedItems()).isEqualTo(shared.itemsByInstance().get(regions.getJobInstanceId()));
        } finally {
            job.failOn();
            second.shutdown();
        }
    }
}
