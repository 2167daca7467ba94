package io.cronshard.internal.diagnostics;

import io.cronshard.internal.cache.JobTreeCache;
import io.cronshard.internal.storage.JobNodePaths;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One instance's view of a job next to ZooKeeper's: every node of the job's subtree, with the
 * value in ZooKeeper and in the instance's cache side by side, and a mark where they differ.
 * Nodes the cache keeps for their existence only show {@code (exists)}; the election latch and
 * the distribute-once nodes are not cached and show {@code (not cached)}.
 */
public final class JobDump {

    private final CuratorFramework client;
    private final JobNodePaths paths;
    private final JobTreeCache cache;

    /**
     * @param client the registry's client
     * @param paths the job's paths
     * @param cache the instance's cache
     */
    public JobDump(CuratorFramework client, JobNodePaths paths, JobTreeCache cache) {
        this.client = client;
        this.paths = paths;
        this.cache = cache;
    }

    /**
     * Reads the whole subtree from ZooKeeper (one request per node: meant for an operator, not a loop).
     *
     * @param instanceId the dumping instance, for the header
     * @return the dump, one line per node: {@code path | zookeeper | cache | mark}
     */
    public String dump(String instanceId) {
        Map<String, String> stored = new TreeMap<>();
        try {
            read("", stored);
        } catch (Exception ex) {
            return "Cannot read job '" + paths.getJobName() + "' from ZooKeeper: " + ex + System.lineSeparator();
        }
        Map<String, String> cached = cache.snapshot();
        TreeSet<String> all = new TreeSet<>(stored.keySet());
        all.addAll(cached.keySet());
        all.remove("");
        StringBuilder out = new StringBuilder();
        out.append("# job ").append(paths.getJobName()).append(" as seen by instance ").append(instanceId).append(System.lineSeparator());
        out.append("# path | zookeeper | cache | difference").append(System.lineSeparator());
        int differences = 0;
        for (String path : all) {
            boolean inZookeeper = stored.containsKey(path);
            boolean inCache = cached.containsKey(path);
            String zk = inZookeeper ? show(stored.get(path)) : "(absent)";
            String local;
            String mark = "";
            if (!inCache) {
                local = ignoredByCache(path) ? "(not cached)" : "(absent)";
                if (inZookeeper && !ignoredByCache(path)) {
                    mark = "DIFF";
                }
            } else {
                String value = cached.get(path);
                local = value == null ? "(exists)" : show(value);
                if (!inZookeeper || value != null && !value.equals(stored.get(path))) {
                    mark = "DIFF";
                }
            }
            if (!mark.isEmpty()) {
                differences++;
            }
            out.append(path).append(" | ").append(zk).append(" | ").append(local).append(" | ").append(mark).append(System.lineSeparator());
        }
        out.append("# ").append(differences).append(differences == 1 ? " difference" : " differences").append(System.lineSeparator());
        return out.toString();
    }

    private void read(String relative, Map<String, String> out) throws Exception {
        String full = paths.full(relative);
        byte[] data;
        try {
            data = client.getData().forPath(full);
        } catch (KeeperException.NoNodeException gone) {
            return;
        }
        out.put(relative, data == null ? "" : new String(data, StandardCharsets.UTF_8));
        for (String child : client.getChildren().forPath(full)) {
            read(relative.isEmpty() ? child : relative + "/" + child, out);
        }
    }

    private static boolean ignoredByCache(String path) {
        return path.startsWith(JobNodePaths.ELECTION_LATCH) || path.startsWith(JobNodePaths.GUARANTEE) || path.startsWith(JobNodePaths.DUMPS);
    }

    private static String show(String value) {
        String oneLine = value.replace('\n', ' ').replace('\r', ' ');
        return oneLine.isEmpty() ? "\"\"" : oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }

    /**
     * @param dump a dump
     * @param maxBytes the most bytes to keep
     * @return the dump as UTF-8, cut after its last whole line within {@code maxBytes}, with a note, when it is longer
     */
    public static byte[] cut(String dump, int maxBytes) {
        byte[] text = dump.getBytes(StandardCharsets.UTF_8);
        if (text.length <= maxBytes) {
            return text;
        }
        String kept = new String(text, 0, maxBytes, StandardCharsets.UTF_8);
        return (kept.substring(0, kept.lastIndexOf('\n') + 1) + "# … cut at " + maxBytes + " of " + text.length
                + " bytes; the whole dump is returned by the bootstrap's dump() or the dump port" + System.lineSeparator())
                .getBytes(StandardCharsets.UTF_8);
    }
}
