package io.cronshard.internal.storage;

/**
 * Every node of a job's subtree, named in one place. Paths returned by the {@code rel…} methods
 * are relative to the job's root ({@code config}); the others are full paths inside the
 * registry's namespace ({@code /myJob/config}).
 */
public final class JobNodePaths {

    public static final String CONFIG = "config";
    public static final String SERVERS = "servers";
    public static final String INSTANCES = "instances";
    public static final String SHARDING = "sharding";
    public static final String LEADER = "leader";
    public static final String ELECTION = "leader/election";
    public static final String ELECTION_LATCH = "leader/election/latch";
    public static final String ELECTION_INSTANCE = "leader/election/instance";
    public static final String SHARDING_NECESSARY = "leader/sharding/necessary";
    public static final String SHARDING_PROCESSING = "leader/sharding/processing";
    public static final String FAILOVER_ITEMS = "leader/failover/items";
    public static final String GUARANTEE = "guarantee";

    /** Data of a disabled server node. */
    public static final String DISABLED = "DISABLED";
    /** Data written on an instance node to run the job now on that instance. */
    public static final String TRIGGER = "TRIGGER";
    /** Data written on an instance node to ask that instance for its dump, answered in {@link #dump(String)}. */
    public static final String DUMP = "DUMP";
    /** Where instances answer dump requests: {@code dumps/{instanceId}}, ephemeral, not cached. */
    public static final String DUMPS = "dumps";

    private final String jobName;
    private final String root;

    /**
     * @param jobName the job
     */
    public JobNodePaths(String jobName) {
        this.jobName = jobName;
        this.root = "/" + jobName;
    }

    public String getJobName() {
        return jobName;
    }

    /** @return {@code /jobName} */
    public String root() {
        return root;
    }

    /**
     * @param relative a path relative to the job's root, or "" for the root
     * @return the full path
     */
    public String full(String relative) {
        return relative.isEmpty() ? root : root + "/" + relative;
    }

    public static String server(String ip) {
        return SERVERS + "/" + ip;
    }

    public static String instance(String instanceId) {
        return INSTANCES + "/" + instanceId;
    }

    public static String dump(String instanceId) {
        return DUMPS + "/" + instanceId;
    }

    public static String item(int item) {
        return SHARDING + "/" + item;
    }

    public static String itemInstance(int item) {
        return item(item) + "/instance";
    }

    public static String itemRunning(int item) {
        return item(item) + "/running";
    }

    public static String itemMisfire(int item) {
        return item(item) + "/misfire";
    }

    public static String itemDisabled(int item) {
        return item(item) + "/disabled";
    }

    public static String itemFailover(int item) {
        return item(item) + "/failover";
    }

    /** @return the item's checkpoint (persistent, written only when its owner saves one) */
    public static String itemCheckpoint(int item) {
        return item(item) + "/checkpoint";
    }

    /** @return the item's overdue mark (ephemeral, while a body runs past its timeout or usual duration) */
    public static String itemOverdue(int item) {
        return item(item) + "/overdue";
    }

    /**
     * @param item an item
     * @return its entry in the failover queue, {@code leader/failover/items/{item}}
     */
    public static String failoverEntry(int item) {
        return FAILOVER_ITEMS + "/" + item;
    }

    /**
     * @param relative a relative path such as {@code sharding/3/running}
     * @return the item number when the path is {@code sharding/{item}/…} or {@code sharding/{item}}, otherwise -1
     */
    public static int itemOf(String relative) {
        if (!relative.startsWith(SHARDING + "/")) {
            return -1;
        }
        int start = SHARDING.length() + 1;
        int end = relative.indexOf('/', start);
        String number = end < 0 ? relative.substring(start) : relative.substring(start, end);
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException ex) {
            return -1;
        }
    }

    /**
     * @param relative a relative path
     * @return its last segment
     */
    public static String leafOf(String relative) {
        return relative.substring(relative.lastIndexOf('/') + 1);
    }

    /**
     * @param relative a relative path
     * @return its parent, "" for a top-level node
     */
    public static String parentOf(String relative) {
        int at = relative.lastIndexOf('/');
        return at < 0 ? "" : relative.substring(0, at);
    }
}
