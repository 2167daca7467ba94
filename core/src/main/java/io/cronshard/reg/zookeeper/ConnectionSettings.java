package io.cronshard.reg.zookeeper;

import org.apache.zookeeper.common.PathUtils;

/**
 * The checks of a {@link ZookeeperConfiguration}'s server list, namespace and digest, made in the
 * registry center's constructor so that a typo fails at once, naming the field, instead of after a
 * connection timeout or in the background.
 */
final class ConnectionSettings {

    /** The longest namespace, in characters (it prefixes every path of every job). */
    static final int MAX_NAMESPACE_LENGTH = 128;
    /** The longest server list, in characters. */
    static final int MAX_SERVER_LISTS_LENGTH = 4_096;
    /** The longest digest, in characters. */
    static final int MAX_DIGEST_LENGTH = 512;

    private ConnectionSettings() {
    }

    static void validateServerLists(String serverLists) {
        String expected = "expected comma-separated host:port pairs such as 'zk1:2181,zk2:2181' (ports 1 to 65535)";
        if (serverLists == null || serverLists.isBlank()) {
            throw new IllegalArgumentException("Invalid 'serverLists': must not be blank; " + expected);
        }
        if (serverLists.length() > MAX_SERVER_LISTS_LENGTH) {
            throw new IllegalArgumentException("Invalid 'serverLists': " + serverLists.length() + " characters; at most "
                    + MAX_SERVER_LISTS_LENGTH + " are allowed");
        }
        for (String server : serverLists.split(",", -1)) {
            String entry = server.trim();
            String host;
            String port;
            if (entry.startsWith("[")) {
                int close = entry.indexOf(']');
                host = close < 0 ? "" : entry.substring(1, close);
                String rest = close < 0 ? "" : entry.substring(close + 1);
                port = rest.startsWith(":") ? rest.substring(1) : rest.isEmpty() ? null : "?" + rest;
            } else {
                int colon = entry.lastIndexOf(':');
                host = colon < 0 ? entry : entry.substring(0, colon);
                port = colon < 0 ? null : entry.substring(colon + 1);
            }
            if (host.isBlank() || host.contains("/")) {
                throw new IllegalArgumentException("Invalid 'serverLists': '" + serverLists + "' has the entry '" + entry + "'; " + expected);
            }
            if (port != null && !validPort(port)) {
                throw new IllegalArgumentException("Invalid 'serverLists': '" + serverLists + "' has the port '" + port + "' in '" + entry
                        + "'; a port is a number from 1 to 65535");
            }
        }
    }

    private static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int value = Integer.parseInt(port);
        return value >= 1 && value <= 65_535;
    }

    static void validateNamespace(String namespace) {
        String expected = "e.g. 'cronshard' or 'team/cronshard'";
        if (namespace == null || namespace.isBlank() || namespace.startsWith("/") || namespace.endsWith("/") || namespace.contains("//")) {
            throw new IllegalArgumentException("Invalid 'namespace': '" + namespace
                    + "'; must not be blank and must not start or end with '/', " + expected);
        }
        if (namespace.length() > MAX_NAMESPACE_LENGTH) {
            throw new IllegalArgumentException("Invalid 'namespace': '" + namespace.substring(0, 40) + "…' has " + namespace.length()
                    + " characters; at most " + MAX_NAMESPACE_LENGTH + " are allowed");
        }
        if (namespace.equals("zookeeper") || namespace.startsWith("zookeeper/")) {
            throw new IllegalArgumentException("Invalid 'namespace': '" + namespace
                    + "'; /zookeeper is reserved by ZooKeeper for its own nodes, choose another name, " + expected);
        }
        try {
            PathUtils.validatePath("/" + namespace);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("Invalid 'namespace': '" + namespace + "'; ZooKeeper refuses it as a path: " + ex.getMessage()
                    + "; " + expected, ex);
        }
    }

    static void validateDigest(String digest) {
        if (digest == null || digest.isEmpty()) {
            return;
        }
        int colon = digest.indexOf(':');
        if (digest.length() > MAX_DIGEST_LENGTH || colon <= 0 || colon == digest.length() - 1) {
            throw new IllegalArgumentException("Invalid 'digest': expected 'user:password' with a non-empty user and password"
                    + (digest.length() > MAX_DIGEST_LENGTH ? " of at most " + MAX_DIGEST_LENGTH + " characters" : "")
                    + " (got a value of " + digest.length() + " characters" + (colon < 0 ? " without ':'" : "") + ")");
        }
    }
}
