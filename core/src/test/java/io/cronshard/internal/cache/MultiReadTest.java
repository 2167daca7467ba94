package io.cronshard.internal.cache;

import io.cronshard.testsupport.EmbeddedZookeeper;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Multi-reads against a real ZooKeeper: a missing node fails its own read only. */
class MultiReadTest {

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    @AfterEach
    void tearDown() {
        ZOOKEEPER.closeClients();
    }

    @Test
    void aMissingNodeFailsItsOwnReadAndTheOthersAreAnswered() throws Exception {
        CuratorFramework client = (CuratorFramework) ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("multiread")).getRawClient();
        client.create().creatingParentsIfNeeded().forPath("/job/config", "{}".getBytes(StandardCharsets.UTF_8));
        client.create().forPath("/job/instances");
        client.create().forPath("/job/instances/a");
        List<Pending> reads = List.of(read("config", false), read("gone", false), read("instances", true), read("missing", true));
        Map<String, OpResult> answers = new ConcurrentHashMap<>();
        AtomicInteger requests = new AtomicInteger();

        MultiRead.send(client, reads, relative -> "/job/" + relative, (read, result) -> answers.put(read.path, result), requests::incrementAndGet);

        await().atMost(Duration.ofSeconds(10)).until(() -> requests.get() == 1);
        assertThat(answers.get("config")).isInstanceOfSatisfying(OpResult.GetDataResult.class,
                data -> assertThat(new String(data.getData(), StandardCharsets.UTF_8)).isEqualTo("{}"));
        assertThat(answers.get("instances")).isInstanceOfSatisfying(OpResult.GetChildrenResult.class,
                children -> assertThat(children.getChildren()).containsExactly("a"));
        assertThat(answers.get("gone")).isInstanceOfSatisfying(OpResult.ErrorResult.class,
                error -> assertThat(error.getErr()).isEqualTo(KeeperException.Code.NONODE.intValue()));
        assertThat(answers.get("missing")).isInstanceOfSatisfying(OpResult.ErrorResult.class,
                error -> assertThat(error.getErr()).isEqualTo(KeeperException.Code.NONODE.intValue()));
    }

    private static Pending read(String path, boolean listing) {
        Pending result = new Pending(path, true);
        result.listing = listing;
        return result;
    }
}
