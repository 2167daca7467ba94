package io.cronshard.internal.execution;

import io.cronshard.internal.instance.JobScope;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Marks whose write or delete was in doubt when the connection dropped: once the session is
 * back (the same one), they may still exist and would block their items, so they are deleted
 * then — only when this session made them.
 */
public final class StaleMarks {

    private static final Logger LOG = LoggerFactory.getLogger(StaleMarks.class);

    private final JobScope scope;
    private final byte[] instanceIdBytes;
    private final Set<String> marks = new TreeSet<>();

    /**
     * @param scope where the job instance lives
     */
    public StaleMarks(JobScope scope) {
        this.scope = scope;
        this.instanceIdBytes = scope.instanceId().getBytes(StandardCharsets.UTF_8);
    }

    synchronized void add(Collection<String> relativePaths) {
        marks.addAll(relativePaths);
    }

    /** Deletes the remembered marks this session still holds; call after reconnecting, off the ZooKeeper event thread. */
    public void clear() {
        List<String> stale;
        synchronized (this) {
            stale = new ArrayList<>(marks);
            marks.clear();
        }
        for (String mark : stale) {
            try {
                Stat stat = new Stat();
                byte[] data = scope.client().getData().storingStatIn(stat).forPath(scope.paths().full(mark));
                long session = scope.client().getZookeeperClient().getZooKeeper().getSessionId();
                if (stat.getEphemeralOwner() == session && Arrays.equals(data, instanceIdBytes)) {
                    scope.client().delete().withVersion(stat.getVersion()).forPath(scope.paths().full(mark));
                    LOG.info("Job '{}': cleared mark {} left while ZooKeeper was out of reach", scope.jobName(), mark);
                }
            } catch (KeeperException.NoNodeException | KeeperException.BadVersionException gone) {
                LOG.debug("Mark {} of job '{}' went with the old session", mark, scope.jobName());
            } catch (Exception ex) {
                LOG.warn("Cannot clear mark {} of job '{}': {}", mark, scope.jobName(), ex.toString());
                add(List.of(mark));
            }
        }
    }
}
