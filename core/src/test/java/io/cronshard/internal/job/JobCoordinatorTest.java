package io.cronshard.internal.job;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobConfigurationException;
import io.cronshard.api.SimpleJob;
import io.cronshard.internal.execution.ItemRunner;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import io.cronshard.testsupport.EmbeddedZookeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The lifecycle of one instance: start once, refuse what can be refused, shut down idempotently, leave nothing. */
class JobCoordinatorTest {

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private static final SimpleJob NOTHING = context -> { };

    @AfterEach
    void tearDown() {
        ZOOKEEPER.closeClients();
    }

    private static JobConfiguration yearly(String job) {
        return JobConfiguration.newBuilder(job, 2).cron("0 0 0 1 1 ? 2099").build();
    }

    @Test
    void startsOnceRegistersAndShutsDownIdempotently() throws Exception {
        ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("coordinator"));
        JobCoordinator coordinator = new JobCoordinator(regCenter, ItemRunner.of(NOTHING), yearly("life"), List.of(), true);

        coordinator.start();
        assertThatThrownBy(coordinator::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
        assertThat(coordinator.awaitStarted(10_000)).isTrue();
        assertThat(coordinator.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> coordinator.status().ownedItems().size() == 2);
        assertThat(coordinator.status().registered()).isTrue();
        assertThat(coordinator.status().nextFireTime()).isNotNull();

        coordinator.shutdown();
        coordinator.shutdown();
        assertThat(coordinator.isRunning()).isFalse();
        assertThat(regCenter.getChildrenKeys("/life/instances")).isEmpty();
    }

    @Test
    void aCronThatNeverFiresAgainIsRefusedBeforeAnythingIsWritten() {
        ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("coordinator"));
        JobConfiguration past = JobConfiguration.newBuilder("past", 1).cron("0 0 0 1 1 ? 2001").build();

        assertThatThrownBy(() -> new JobCoordinator(regCenter, ItemRunner.of(NOTHING), past, List.of(), true))
                .isInstanceOf(JobConfigurationException.class).hasMessageContaining("'cron'");
        assertThat(regCenter.isExisted("/past")).isFalse();
    }

    @Test
    void startingOnARegistryCenterThatIsNotInitialisedIsRefused() {
        ZookeeperRegistryCenter closed = new ZookeeperRegistryCenter(ZOOKEEPER.newZookeeperConfiguration("closed"));
        JobCoordinator coordinator = new JobCoordinator(closed, ItemRunner.of(NOTHING), yearly("early"), List.of(), true);

        assertThatThrownBy(coordinator::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("init()");
        assertThat(coordinator.isRunning()).isFalse();
    }

    @Test
    void aStoredConfigurationItCannotRunIsRefusedAndLeavesNothingBehind() {
        String namespace = ZOOKEEPER.uniqueNamespace("coordinator");
        ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(namespace);
        regCenter.persist("/oneoff/config", "{\"jobName\":\"oneoff\",\"shardingTotalCount\":1}");
        JobCoordinator coordinator = new JobCoordinator(regCenter, ItemRunner.of(NOTHING), yearly("oneoff"), List.of(), true);

        assertThatThrownBy(coordinator::start).isInstanceOf(JobConfigurationException.class).hasMessageContaining("has no cron");
        assertThat(regCenter.getChildrenKeys("/oneoff")).containsExactly("config");
        assertThat(coordinator.status().registered()).isFalse();
    }
}
