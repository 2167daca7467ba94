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

    private SystemSettings() {
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
