package io.cronshard.internal.cache;

import io.cronshard.internal.storage.JobNodePaths;

/**
 * Which nodes of a job's subtree the cache keeps, and how: the marks whose existence is all that
 * matters ({@code running}, {@code misfire}, {@code disabled}) are tracked from watch events alone
 * (the resharding flag is read, for the version the leader clears it at); the data of a node is read only where it matters; the election latch,
 * the distribute-once sets and dump answers are not cached at all.
 */
final class TreePaths {

    private TreePaths() {
    }

    /**
     * @param root the job's root path
     * @param fullPath a path, possibly null
     * @return the path relative to the root ("" for the root itself), null when it is not under it
     */
    static String relative(String root, String fullPath) {
        if (fullPath == null) {
            return null;
        }
        if (fullPath.equals(root)) {
            return "";
        }
        return fullPath.startsWith(root + "/") ? fullPath.substring(root.length() + 1) : null;
    }

    static boolean isIgnored(String relative) {
        return relative.equals(JobNodePaths.ELECTION_LATCH) || relative.startsWith(JobNodePaths.ELECTION_LATCH + "/")
                || relative.equals(JobNodePaths.GUARANTEE) || relative.startsWith(JobNodePaths.GUARANTEE + "/")
                || relative.equals(JobNodePaths.DUMPS) || relative.startsWith(JobNodePaths.DUMPS + "/");
    }

    static boolean needsData(String relative) {
        if (relative.equals(JobNodePaths.CONFIG) || relative.equals(JobNodePaths.ELECTION_INSTANCE)
                || relative.equals(JobNodePaths.SHARDING_NECESSARY)) {
            return true;
        }
        String parent = JobNodePaths.parentOf(relative);
        if (parent.equals(JobNodePaths.SERVERS) || parent.equals(JobNodePaths.INSTANCES) || parent.equals(JobNodePaths.FAILOVER_ITEMS)) {
            return true;
        }
        if (JobNodePaths.itemOf(relative) >= 0) {
            String leaf = JobNodePaths.leafOf(relative);
            return !parent.equals(JobNodePaths.SHARDING) && ("instance".equals(leaf) || "failover".equals(leaf));
        }
        return false;
    }

    static boolean hasChildren(String relative) {
        switch (relative) {
            case "":
            case JobNodePaths.SERVERS:
            case JobNodePaths.INSTANCES:
            case JobNodePaths.SHARDING:
            case JobNodePaths.LEADER:
            case JobNodePaths.ELECTION:
            case "leader/sharding":
            case "leader/failover":
            case JobNodePaths.FAILOVER_ITEMS:
                return true;
            default:
                return JobNodePaths.parentOf(relative).equals(JobNodePaths.SHARDING);
        }
    }
}
