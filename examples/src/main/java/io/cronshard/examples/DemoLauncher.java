package io.cronshard.examples;

import org.apache.curator.test.TestingServer;

/**
 * What every demo's {@code main} does: reads {@code --zookeeper host:port} and
 * {@code --keep-running}, starts an embedded ZooKeeper unless one is given, runs the demo, stops
 * the embedded ZooKeeper and exits.
 */
public final class DemoLauncher {

    /** A demo's body. */
    @FunctionalInterface
    public interface Demo {

        /**
         * @param servers ZooKeeper's server list
         * @param keepRunning whether to run until the JVM is stopped instead of exiting after a while
         * @throws Exception when the demo fails
         */
        void run(String servers, boolean keepRunning) throws Exception;
    }

    private DemoLauncher() {
    }

    /**
     * Prints, once at start, what to type into the web console's "registry center" form to watch the demo.
     *
     * @param servers ZooKeeper's server list
     * @param namespace the demo's namespace
     */
    public static void printConsoleHint(String servers, String namespace) {
        System.out.println("To watch this demo in the web console, add the registry center: ZooKeeper address "
                + servers + ", namespace " + namespace);
    }

    /**
     * @param name the demo's class name, for the usage line
     * @param args the command line
     * @param demo the demo
     * @throws Exception when the demo fails
     */
    public static void launch(String name, String[] args, Demo demo) throws Exception {
        String zookeeper = null;
        boolean keepRunning = false;
        for (int i = 0; i < args.length; i++) {
            if ("--zookeeper".equals(args[i]) && i + 1 < args.length) {
                zookeeper = args[++i];
            } else if ("--keep-running".equals(args[i])) {
                keepRunning = true;
            } else {
                System.err.println("Usage: " + name + " [--zookeeper host:port] [--keep-running]");
                System.exit(2);
            }
        }
        TestingServer embedded = zookeeper == null ? new TestingServer(true) : null;
        String servers = zookeeper == null ? embedded.getConnectString() : zookeeper;
        System.out.println(zookeeper == null ? "Started an embedded ZooKeeper at " + servers : "Using ZooKeeper at " + servers);
        try {
            demo.run(servers, keepRunning);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
        System.exit(0);
    }
}
