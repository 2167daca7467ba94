package io.cronshard.testsupport;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the threads a ZooKeeper client leaves behind, to prove that closing something released
 * them. Client threads are Curator's ({@code Curator-ConnectionStateManager-0},
 * {@code Curator-Framework-0}, caches, ...) and the ZooKeeper client's, named after the thread
 * that created the client: {@code main-SendThread(127.0.0.1:2181)}, {@code main-EventThread}.
 * The embedded server's own threads are not client threads.
 *
 * <pre>{@code
 * Set<Thread> before = ZookeeperClientThreads.snapshot();
 * ... start and close something ...
 * ZookeeperClientThreads.awaitNoneStartedSince(before, Duration.ofSeconds(10));
 * }</pre>
 */
public final class ZookeeperClientThreads {

    private ZookeeperClientThreads() {
    }

    /**
     * @param thread a thread
     * @return whether it belongs to a Curator or ZooKeeper client
     */
    public static boolean isClientThread(Thread thread) {
        String name = thread.getName();
        return name.contains("Curator") || name.contains("-SendThread(") || name.endsWith("-EventThread");
    }

    /** @return the live client threads now */
    public static Set<Thread> snapshot() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(ZookeeperClientThreads::isClientThread)
                .collect(Collectors.toSet());
    }

    /**
     * @param before an earlier {@link #snapshot()}
     * @return the names of live client threads that were not in it
     */
    public static Set<String> startedSince(Set<Thread> before) {
        return snapshot().stream().filter(each -> !before.contains(each)).map(Thread::getName).collect(Collectors.toSet());
    }

    /**
     * Waits until every client thread started since {@code before} has ended.
     *
     * @param before an earlier {@link #snapshot()}
     * @param timeout how long to wait
     * @throws org.awaitility.core.ConditionTimeoutException naming the threads still alive
     */
    public static void awaitNoneStartedSince(Set<Thread> before, Duration timeout) {
        Awaitility.await("ZooKeeper client threads started since the snapshot to end")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> startedSince(before), Set::isEmpty);
    }
}
