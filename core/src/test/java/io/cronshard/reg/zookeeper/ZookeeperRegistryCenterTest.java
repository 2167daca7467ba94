package io.cronshard.reg.zookeeper;

import io.cronshard.reg.RegistryCenterException;
import io.cronshard.testsupport.EmbeddedZookeeper;
import io.cronshard.testsupport.ZookeeperClientThreads;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ZookeeperRegistryCenterTest {

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private static final Duration THREADS_GONE = Duration.ofSeconds(10);

    @AfterEach
    void closeClients() {
        ZOOKEEPER.closeClients();
    }

    @Nested
    class Storage {

        @Test
        void aPersistedValueIsReadBack() {
            ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("storage"));

            regCenter.persist("/job/config", "{\"jobName\":\"job\"}");

            assertThat(regCenter.get("/job/config")).isEqualTo("{\"jobName\":\"job\"}");
            assertThat(regCenter.isExisted("/job/config")).isTrue();
        }

        @Test
        void persistingAgainReplacesTheValue() {
            ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("storage"));

            regCenter.persist("/job/servers/10.0.0.1", "");
            regCenter.persist("/job/servers/10.0.0.1", "DISABLED");

            assertThat(regCenter.get("/job/servers/10.0.0.1")).isEqualTo("DISABLED");
        }

        @Test
        void valuesKeepNonAsciiCharacters() {
            ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("storage"));

            regCenter.persist("/job/description", "订单同步 ✓");

            assertThat(regCenter.get("/job/description")).isEqualTo("订单同步 ✓");
        }

        @Test
        void missingParentsAreCreatedEmpty() {
            ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("storage"));

            regCenter.persist("/job/sharding/0/instance", "10.0.0.1@-@1");

            assertThat(regCenter.get("/job/sharding/0")).isEmpty();
            assertThat(regCenter.get("/job/sharding")).isEmpty();
        }

        @Test
        void aMissingNodeReadsAsNullAndDoesNotExist() {
            ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("storage"));

            assertThat(regCenter.get("/nothing/here")).isNull();
            assertThat(regCenter.isExisted("/nothing/here")).isFalse();
        }

        @Test
        void childrenAreListedInAscendingStringOrder() {
            ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("storage"));
            for (String each : new String[]{"9", "10", "b", "1", "a", "2"}) {
                regCenter.persist("/job/sharding/" + each, "");
            }

            assertThat(regCenter.getChildrenKeys("/job/sharding")).containsExactly("1", "10", "2", "9", "a", "b");
        }

        @Test
        void aMissingNodeHasNoChildren() {
            ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("storage"));

            assertThat(regCenter.getChildrenKeys("/nothing/here")).isEmpty();
        }

        @Test
        void removeDeletesTheWholeSubtree() {
            ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("storage"));
            regCenter.persist("/job/sharding/0/instance", "a");
            regCenter.persist("/job/sharding/1/instance", "b");
            regCenter.persist("/job/config", "{}");

            regCenter.remove("/job/sharding");

            assertThat(regCenter.isExisted("/job/sharding")).isFalse();
            assertThat(regCenter.isExisted("/job/sharding/0/instance")).isFalse();
            assertThat(regCenter.get("/job/config")).isEqualTo("{}");
        }

        @Test
        void removingAMissingNodeDoesNothing() {
            ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("storage"));

            assertThatCode(() -> regCenter.remove("/nothing/here")).doesNotThrowAnyException();
        }

        @Test
        void theRawClientIsCurators() {
            ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("storage"));

            assertThat(regCenter.getRawClient()).isInstanceOf(CuratorFramework.class);
        }
    }

    @Nested
    class EphemeralNodes {

        @Test
        void anEphemeralNodeIsVisibleToOtherSessions() {
            String namespace = ZOOKEEPER.uniqueNamespace("ephemeral");
            ZookeeperRegistryCenter owner = ZOOKEEPER.newRegistryCenter(namespace);
            ZookeeperRegistryCenter observer = ZOOKEEPER.newRegistryCenter(namespace);

            owner.persistEphemeral("/job/instances/10.0.0.1@-@1", "");

            assertThat(observer.isExisted("/job/instances/10.0.0.1@-@1")).isTrue();
            assertThat(observer.getChildrenKeys("/job/instances")).containsExactly("10.0.0.1@-@1");
        }

        @Test
        void persistingAnEphemeralNodeAgainReplacesItsValue() {
            ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("ephemeral"));

            regCenter.persistEphemeral("/job/instances/i1", "");
            regCenter.persistEphemeral("/job/instances/i1", "TRIGGER");

            assertThat(regCenter.get("/job/instances/i1")).isEqualTo("TRIGGER");
        }

        @Test
        void anEphemeralNodeGoesWhenItsOwnerCloses() {
            String namespace = ZOOKEEPER.uniqueNamespace("ephemeral");
            ZookeeperRegistryCenter owner = ZOOKEEPER.newRegistryCenter(namespace);
            ZookeeperRegistryCenter observer = ZOOKEEPER.newRegistryCenter(namespace);
            owner.persistEphemeral("/job/instances/i1", "");
            owner.persist("/job/servers/10.0.0.1", "");

            owner.close();

            await().atMost(Duration.ofSeconds(10)).until(() -> !observer.isExisted("/job/instances/i1"));
            assertThat(observer.isExisted("/job/servers/10.0.0.1")).as("persistent nodes stay").isTrue();
        }

        @Test
        void anEphemeralNodeGoesWhenItsOwnersSessionExpires() {
            String namespace = ZOOKEEPER.uniqueNamespace("ephemeral");
            ZookeeperRegistryCenter owner = ZOOKEEPER.newRegistryCenter(namespace);
            ZookeeperRegistryCenter observer = ZOOKEEPER.newRegistryCenter(namespace);
            owner.persistEphemeral("/job/instances/i1", "");

            ZOOKEEPER.expireSession(owner);

            await().atMost(Duration.ofSeconds(10)).until(() -> !observer.isExisted("/job/instances/i1"));
            // Curator opens a new session: the owner can register again
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
                owner.persistEphemeral("/job/instances/i1", "again");
                assertThat(observer.get("/job/instances/i1")).isEqualTo("again");
            });
        }
    }

    @Nested
    class Namespace {

        @Test
        void everyKeyLivesUnderTheNamespace() throws Exception {
            String namespace = ZOOKEEPER.uniqueNamespace("namespaced");
            ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(namespace);
            CuratorFramework raw = ZOOKEEPER.newRawClient();

            regCenter.persist("/job/config", "value");

            assertThat(new String(raw.getData().forPath("/" + namespace + "/job/config"), StandardCharsets.UTF_8)).isEqualTo("value");
            assertThat(raw.checkExists().forPath("/job/config")).isNull();
        }

        @Test
        void aNestedNamespaceIsAccepted() throws Exception {
            String namespace = "team/" + ZOOKEEPER.uniqueNamespace("nested");
            ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(namespace);
            CuratorFramework raw = ZOOKEEPER.newRawClient();

            regCenter.persist("/job/config", "value");

            assertThat(raw.checkExists().forPath("/" + namespace + "/job/config")).isNotNull();
        }

        @Test
        void registryCentersWithDifferentNamespacesDoNotSeeEachOther() {
            ZookeeperRegistryCenter first = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("first"));
            ZookeeperRegistryCenter second = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("second"));

            first.persist("/job/config", "first");

            assertThat(second.get("/job/config")).isNull();
        }
    }

    @Nested
    class Digest {

        @Test
        void nodesCreatedWithADigestCannotBeReadWithoutIt() {
            String namespace = ZOOKEEPER.uniqueNamespace("secured");
            ZookeeperConfiguration securedConfig = ZOOKEEPER.newZookeeperConfiguration(namespace);
            securedConfig.setDigest("alice:secret");
            ZookeeperRegistryCenter secured = ZOOKEEPER.newRegistryCenter(securedConfig);
            secured.persist("/job/config", "value");
            CuratorFramework raw = ZOOKEEPER.newRawClient();
            ZookeeperRegistryCenter anonymous = ZOOKEEPER.newRegistryCenter(namespace);

            assertThatThrownBy(() -> raw.getData().forPath("/" + namespace + "/job/config"))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> anonymous.get("/job/config"))
                    .isInstanceOf(RegistryCenterException.class)
                    .hasMessageContaining("/job/config")
                    .hasRootCauseInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> anonymous.persist("/job/config", "overwritten"))
                    .isInstanceOf(RegistryCenterException.class)
                    .hasRootCauseInstanceOf(KeeperException.NoAuthException.class);
        }

        @Test
        void nodesCreatedWithADigestCannotBeReadWithAnotherOne() {
            String namespace = ZOOKEEPER.uniqueNamespace("secured");
            ZookeeperConfiguration securedConfig = ZOOKEEPER.newZookeeperConfiguration(namespace);
            securedConfig.setDigest("alice:secret");
            ZOOKEEPER.newRegistryCenter(securedConfig).persist("/job/config", "value");
            ZookeeperConfiguration otherConfig = ZOOKEEPER.newZookeeperConfiguration(namespace);
            otherConfig.setDigest("alice:guess");
            ZookeeperRegistryCenter other = ZOOKEEPER.newRegistryCenter(otherConfig);

            assertThatThrownBy(() -> other.get("/job/config"))
                    .isInstanceOf(RegistryCenterException.class)
                    .hasRootCauseInstanceOf(KeeperException.NoAuthException.class);
        }

        @Test
        void nodesCreatedWithADigestCanBeReadAndChangedWithIt() {
            String namespace = ZOOKEEPER.uniqueNamespace("secured");
            ZookeeperConfiguration securedConfig = ZOOKEEPER.newZookeeperConfiguration(namespace);
            securedConfig.setDigest("alice:secret");
            ZOOKEEPER.newRegistryCenter(securedConfig).persist("/job/config", "value");
            ZookeeperConfiguration sameConfig = ZOOKEEPER.newZookeeperConfiguration(namespace);
            sameConfig.setDigest("alice:secret");
            ZookeeperRegistryCenter same = ZOOKEEPER.newRegistryCenter(sameConfig);

            assertThat(same.get("/job/config")).isEqualTo("value");
            same.persist("/job/config", "changed");
            same.remove("/job/config");
            assertThat(same.isExisted("/job/config")).isFalse();
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void initFailsWithinItsConnectionTimeoutWhenNoServerListens() throws IOException {
            String serverLists = "127.0.0.1:" + portNobodyListensOn();
            ZookeeperConfiguration config = new ZookeeperConfiguration(serverLists, "unreachable");
            config.setConnectionTimeoutMilliseconds(1500);
            config.setBaseSleepTimeMilliseconds(100);
            config.setMaxSleepTimeMilliseconds(500);
            ZookeeperRegistryCenter regCenter = new ZookeeperRegistryCenter(config);
            Set<Thread> before = ZookeeperClientThreads.snapshot();
            long started = System.nanoTime();

            assertThatThrownBy(regCenter::init)
                    .isInstanceOf(RegistryCenterException.class)
                    .hasMessageContaining(serverLists)
                    .hasMessageContaining("connectionTimeoutMilliseconds=1500");

            // loose bound: the point is that it gives up instead of hanging on retries
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            ZookeeperClientThreads.awaitNoneStartedSince(before, THREADS_GONE);
            assertThatCode(regCenter::close).doesNotThrowAnyException();
        }

        @Test
        void closeReleasesEveryClientThread() {
            Set<Thread> before = ZookeeperClientThreads.snapshot();
            ZookeeperRegistryCenter regCenter = new ZookeeperRegistryCenter(ZOOKEEPER.newZookeeperConfiguration(ZOOKEEPER.uniqueNamespace("life")));
            regCenter.init();
            regCenter.persistEphemeral("/job/instances/i1", "");
            assertThat(ZookeeperClientThreads.startedSince(before)).as("the client's threads while open")
                    .anyMatch(each -> each.contains("-SendThread("))
                    .anyMatch(each -> each.endsWith("-EventThread"))
                    .anyMatch(each -> each.startsWith("Curator-"));

            regCenter.close();

            ZookeeperClientThreads.awaitNoneStartedSince(before, THREADS_GONE);
        }

        @Test
        void closeIsIdempotent() {
            ZookeeperRegistryCenter regCenter = new ZookeeperRegistryCenter(ZOOKEEPER.newZookeeperConfiguration(ZOOKEEPER.uniqueNamespace("life")));
            regCenter.init();

            regCenter.close();

            assertThatCode(regCenter::close).doesNotThrowAnyException();
        }

        @Test
        void closeWithoutInitIsFine() {
            ZookeeperRegistryCenter regCenter = new ZookeeperRegistryCenter(ZOOKEEPER.newZookeeperConfiguration("never-started"));

            assertThatCode(regCenter::close).doesNotThrowAnyException();
        }

        @Test
        void initTwiceKeepsTheFirstConnection() {
            ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("life"));
            Object client = regCenter.getRawClient();

            regCenter.init();
            regCenter.persist("/job/config", "v");

            assertThat(regCenter.getRawClient()).isSameAs(client);
            assertThat(regCenter.get("/job/config")).isEqualTo("v");
        }

        private int portNobodyListensOn() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }

    @Nested
    class InvalidConfiguration {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  "})
        void aBlankServerListIsRefused(String serverLists) {
            assertThatThrownBy(() -> new ZookeeperRegistryCenter(new ZookeeperConfiguration(serverLists, "cronshard")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'serverLists'")
                    .hasMessageContaining("host:port");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"/cronshard", "cronshard/", "a//b", " "})
        void aNamespaceThatIsBlankOrNotARelativePathIsRefused(String namespace) {
            assertThatThrownBy(() -> new ZookeeperRegistryCenter(new ZookeeperConfiguration("localhost:2181", namespace)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'namespace'")
                    .hasMessageContaining("must not start or end with '/'");
        }

        @Test
        void nonPositiveTimeoutsAreRefused() {
            ZookeeperConfiguration config = new ZookeeperConfiguration("localhost:2181", "cronshard");
            config.setConnectionTimeoutMilliseconds(0);

            assertThatThrownBy(() -> new ZookeeperRegistryCenter(config))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'connectionTimeoutMilliseconds'");
        }

        @Test
        void negativeRetrySettingsAreRefused() {
            ZookeeperConfiguration config = new ZookeeperConfiguration("localhost:2181", "cronshard");
            config.setMaxRetries(-1);

            assertThatThrownBy(() -> new ZookeeperRegistryCenter(config))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'maxRetries'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"localhost:99999", "localhost:0", "localhost:", "localhost:21a1", "zk1:2181,", ":2181", "zk1:2181,zk2:65536"})
        void aServerListWithABadEntryOrPortIsRefusedAtOnce(String serverLists) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> new ZookeeperRegistryCenter(new ZookeeperConfiguration(serverLists, "cronshard")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'serverLists'")
                    .hasMessageContaining(serverLists);
            assertThat(System.nanoTime() - started).as("refused without trying to connect").isLessThan(2_000_000_000L);
        }

        @ParameterizedTest
        @ValueSource(strings = {"localhost", "localhost:2181", "zk1:2181,zk2:2182,zk3:2183", "10.0.0.1:2181", "[::1]:2181", " zk1:2181 , zk2:2181 "})
        void wellFormedServerListsAreAccepted(String serverLists) {
            new ZookeeperRegistryCenter(new ZookeeperConfiguration(serverLists, "cronshard")).close();
        }

        @ParameterizedTest
        @ValueSource(strings = {"zookeeper", "zookeeper/quota", "zookeeper/cronshard"})
        void zookeepersReservedNodeIsNotANamespace(String namespace) {
            assertThatThrownBy(() -> new ZookeeperRegistryCenter(new ZookeeperConfiguration("localhost:2181", namespace)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'namespace'")
                    .hasMessageContaining("reserved");
        }

        @Test
        void aNamespaceHasALengthLimit() {
            new ZookeeperRegistryCenter(new ZookeeperConfiguration("localhost:2181", "n".repeat(128))).close();
            assertThatThrownBy(() -> new ZookeeperRegistryCenter(new ZookeeperConfiguration("localhost:2181", "n".repeat(129))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'namespace'")
                    .hasMessageContaining("129 characters")
                    .hasMessageContaining("at most 128");
        }

        @ParameterizedTest
        @ValueSource(strings = {"user", ":", "user:", ":password"})
        void aDigestWithoutUserAndPasswordIsRefused(String digest) {
            ZookeeperConfiguration config = new ZookeeperConfiguration("localhost:2181", "cronshard");
            config.setDigest(digest);
            assertThatThrownBy(() -> new ZookeeperRegistryCenter(config))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'digest'")
                    .hasMessageContaining("user:password");
        }

        @Test
        void aValueTooLargeForOneRequestIsRefusedBeforeItIsSent() {
            ZookeeperRegistryCenter regCenter = ZOOKEEPER.newRegistryCenter(ZOOKEEPER.uniqueNamespace("big-value"));
            assertThatThrownBy(() -> regCenter.persist("/big", "x".repeat(ZookeeperRegistryCenter.MAX_VALUE_BYTES + 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("/big")
                    .hasMessageContaining("524289 bytes");
            regCenter.persist("/fits", "x".repeat(ZookeeperRegistryCenter.MAX_VALUE_BYTES));
            assertThat(regCenter.get("/fits")).hasSize(ZookeeperRegistryCenter.MAX_VALUE_BYTES);
        }

        @Test
        void aMissingConfigurationIsRefused() {
            assertThatThrownBy(() -> new ZookeeperRegistryCenter(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ZookeeperConfiguration");
        }
    }
}
