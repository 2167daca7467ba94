package io.cronshard.internal.execution;

import io.cronshard.testsupport.EmbeddedZookeeper;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Group commit against a real ZooKeeper: every caller gets exactly its own answer. */
class MultiBatcherTest {

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private ZooKeeper handle;
    private String root;

    /** What a caller heard. */
    record Answer(int rc, List<OpResult> results) {
    }

    @BeforeEach
    void setUp() throws Exception {
        CuratorFramework client = ZOOKEEPER.newRawClient();
        root = "/" + ZOOKEEPER.uniqueNamespace("batch");
        client.create().forPath(root);
        client.create().forPath(root + "/taken");
        handle = client.getZookeeperClient().getZooKeeper();
    }

    @AfterEach
    void tearDown() {
        ZOOKEEPER.closeClients();
    }

    private Op create(String name) {
        return Op.create(root + "/" + name, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    }

    @Test
    void callersSentTogetherEachGetTheirOwnResultsAndARefusalStaysWithItsCaller() throws Exception {
        MultiBatcher batcher = new MultiBatcher();
        Map<String, Answer> answers = new ConcurrentHashMap<>();
        for (int i = 0; i < 50; i++) {
            String name = "n" + i;
            batcher.multi(handle, List.of(create(name), create(name + "-child-free")), (rc, path, ctx, results) -> answers.put(name, new Answer(rc, results)));
        }
        batcher.multi(handle, List.of(create("refused-free"), create("taken")), (rc, path, ctx, results) -> answers.put("refused", new Answer(rc, results)));
        for (int i = 50; i < 100; i++) {
            String name = "n" + i;
            batcher.multi(handle, List.of(create(name)), (rc, path, ctx, results) -> answers.put(name, new Answer(rc, results)));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> answers.size() == 101);
        for (int i = 0; i < 100; i++) {
            Answer answer = answers.get("n" + i);
            assertThat(answer.rc()).as("n%d", i).isEqualTo(KeeperException.Code.OK.intValue());
            assertThat(answer.results()).hasSize(i < 50 ? 2 : 1).allMatch(OpResult.CreateResult.class::isInstance);
            assertThat(handle.exists(root + "/n" + i, false)).isNotNull();
        }
        Answer refused = answers.get("refused");
        assertThat(refused.rc()).isEqualTo(KeeperException.Code.NODEEXISTS.intValue());
        assertThat(refused.results()).hasSize(2);
        assertThat(((OpResult.ErrorResult) refused.results().get(1)).getErr()).isEqualTo(KeeperException.Code.NODEEXISTS.intValue());
        assertThat(handle.exists(root + "/refused-free", false)).as("rolled back with its caller's refusal").isNull();
    }

    @Test
    void aClosedSessionAnswersEveryCaller() throws Exception {
        MultiBatcher batcher = new MultiBatcher();
        handle.close();
        Map<String, Answer> answers = new ConcurrentHashMap<>();

        batcher.multi(handle, List.of(create("a")), (rc, path, ctx, results) -> answers.put("a", new Answer(rc, results)));
        batcher.multi(handle, List.of(create("b")), (rc, path, ctx, results) -> answers.put("b", new Answer(rc, results)));

        await().atMost(Duration.ofSeconds(20)).until(() -> answers.size() == 2);
        assertThat(answers.values()).allMatch(each -> each.rc() != KeeperException.Code.OK.intValue() && each.results() == null);
    }
}
