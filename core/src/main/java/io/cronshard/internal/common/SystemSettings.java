package io.cronshard.internal.common;

/**
 * The settings Cronshard takes from system properties, named and read in this one place (and
 * listed in docs/configuration.md): each is read when a job instance starts, so that instances
 * started later in the same JVM may differ (as tests of several servers in one JVM need).
 */
public final class SystemSettings {

    /** The ip this JVM registers under {@code servers/} and in its instance ids; default: the first site-local address. */
    public static final String SERVER_IP = "cronshard.server.ip";
    /** Seconds a {@code servers/{ip}} node may stay without a live instance before the leader removes it (default 600). */
    public static final String SERVERS_CLEANUP_GRACE_SECONDS = "cronshard.servers.cleanupGraceSeconds";
    /** The loopback port job dumps are served on; unset or 0: off. */
    public static final String DUMP_PORT = "cronshard.dump.port";

    /** How many times its usual duration an item without a timeout may run before it is reported overdue (default 5). */
    public static final String OVERDUE_FACTOR = "cronshard.overdue.factor";
    /** The shortest run, in milliseconds, an item without a timeout is reported overdue after (default 60000). */
    public static final String OVERDUE_MIN_MILLIS = "cronshard.overdue.minMillis";

    private SystemSettings() {
    }

    /** @return how many times its usual duration an item may run before it is overdue, at least 1 */
    public static int overdueFactor() {
        return Math.max(1, Integer.getInteger(OVERDUE_FACTOR, 5));
    }

    /** @return the shortest run an item without a timeout is reported overdue after, in milliseconds */
    public static long overdueMinMillis() {
        return Math.max(0L, Long.getLong(OVERDUE_MIN_MILLIS, 60_000L));
    }

    /** @return the configured server ip, null when unset or blank */
    public static String serverIp() {
        String value = System.getProperty(SERVER_IP);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** @return how long a server node may stay without instances, in milliseconds */
    public static long staleServerGraceMillis() {
        return Long.getLong(SERVERS_CLEANUP_GRACE_SECONDS, 600L) * 1000L;
    }

    /** @return the dump port, 0 when off */
    public static int dumpPort() {
        return Integer.getInteger(DUMP_PORT, 0);
    }
}
