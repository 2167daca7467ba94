package io.cronshard.console;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cronshard.console.*}: users, registry centers and the event-trace database.
 */
@ConfigurationProperties("cronshard.console")
public class ConsoleProperties {

    private final User admin = new User("admin");
    private final User guest = new User("guest");
    /** Where registry centers added on the page are remembered; blank: in memory only. */
    private String registryCentersFile = System.getProperty("user.home") + "/.cronshard/console-registry-centers.json";
    private String tracingFile = System.getProperty("user.home") + "/.cronshard/console-tracing.json";
    /** Registry centers known at start (in addition to the remembered ones). */
    private List<RegistryCenter> registryCenters = new ArrayList<>();
    /** Connection timeout towards ZooKeeper, in milliseconds. */
    private int connectionTimeoutMilliseconds = 5000;
    /** The event-trace database the history screens read; unset URL: no history. */
    private final Tracing tracing = new Tracing();

    public User getAdmin() {
        return admin;
    }

    public User getGuest() {
        return guest;
    }

    public String getRegistryCentersFile() {
        return registryCentersFile;
    }

    public void setRegistryCentersFile(String registryCentersFile) {
        this.registryCentersFile = registryCentersFile;
    }

    /** @return where the event-trace database set on the page is remembered (owner-only file); blank: in memory only */
    public String getTracingFile() {
        return tracingFile;
    }

    public void setTracingFile(String tracingFile) {
        this.tracingFile = tracingFile;
    }

    public List<RegistryCenter> getRegistryCenters() {
        return registryCenters;
    }

    public void setRegistryCenters(List<RegistryCenter> registryCenters) {
        this.registryCenters = registryCenters;
    }

    public int getConnectionTimeoutMilliseconds() {
        return connectionTimeoutMilliseconds;
    }

    public void setConnectionTimeoutMilliseconds(int connectionTimeoutMilliseconds) {
        this.connectionTimeoutMilliseconds = connectionTimeoutMilliseconds;
    }

    public Tracing getTracing() {
        return tracing;
    }

    /**
     * {@code cronshard.console.tracing.*}: the JDBC database the jobs' event tracing writes to
     * ({@code JOB_EXECUTION_LOG}, {@code JOB_STATUS_TRACE_LOG}). Stays on the server: never sent to a
     * browser, never stored in ZooKeeper.
     */
    public static class Tracing {

        private String url;
        private String username;
        private String password;
        private String driverClassName;
        /** Most connections the console's pool to this database holds (HikariCP). */
        private int maximumPoolSize = 4;
        /** How long a read waits for a connection from the pool, in milliseconds. */
        private int connectionTimeoutMilliseconds = 5000;

        public int getMaximumPoolSize() {
            return maximumPoolSize;
        }

        public void setMaximumPoolSize(int maximumPoolSize) {
            this.maximumPoolSize = maximumPoolSize;
        }

        public int getConnectionTimeoutMilliseconds() {
            return connectionTimeoutMilliseconds;
        }

        public void setConnectionTimeoutMilliseconds(int connectionTimeoutMilliseconds) {
            this.connectionTimeoutMilliseconds = connectionTimeoutMilliseconds;
        }

        public boolean isConfigured() {
            return url != null && !url.isBlank();
        }

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getDriverClassName() {
            return driverClassName;
        }

        public void setDriverClassName(String driverClassName) {
            this.driverClassName = driverClassName;
        }
    }

    /** A console user: name, password (plain or {@code {bcrypt}…}; blank: generated at start) and whether it may log in. */
    public static class User {

        private String username;
        private String password;
        private boolean enabled = true;

        User(String username) {
            this.username = username;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** A registry center configured in properties. */
    public static class RegistryCenter {

        private String name;
        private String serverLists;
        private String namespace;
        private String digest;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getServerLists() {
            return serverLists;
        }

        public void setServerLists(String serverLists) {
            this.serverLists = serverLists;
        }

        public String getNamespace() {
            return namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }

        public String getDigest() {
            return digest;
        }

        public void setDigest(String digest) {
            this.digest = digest;
        }
    }
}
