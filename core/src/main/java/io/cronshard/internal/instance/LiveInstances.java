package io.cronshard.internal.instance;

import io.cronshard.internal.cache.CacheView;
import io.cronshard.internal.cache.CachedNode;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.sharding.JobInstance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The live instances of a job that may run items: those on enabled servers, in the order they joined. */
public final class LiveInstances {

    private LiveInstances() {
    }

    /**
     * @param cache the job's subtree
     * @return live instances whose server is enabled, oldest first (by the zxid that created their node, then by id)
     */
    public static List<JobInstance> eligible(CacheView cache) {
        Set<String> disabledServers = new HashSet<>();
        for (String server : cache.getChildren(JobNodePaths.SERVERS)) {
            if (JobNodePaths.DISABLED.equals(cache.getData(JobNodePaths.server(server)))) {
                disabledServers.add(server);
            }
        }
        List<String> ids = new ArrayList<>(cache.getChildren(JobNodePaths.INSTANCES));
        ids.sort(Comparator.comparingLong((String id) -> {
            CachedNode node = cache.get(JobNodePaths.instance(id));
            return node == null || node.getStat() == null ? Long.MAX_VALUE : node.getStat().getCzxid();
        }).thenComparing(Comparator.naturalOrder()));
        List<JobInstance> result = new ArrayList<>(ids.size());
        for (String id : ids) {
            JobInstance instance = new JobInstance(id);
            if (!disabledServers.contains(instance.getServerIp())) {
                result.add(instance);
            }
        }
        return result;
    }
}
