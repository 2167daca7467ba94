package io.cronshard.console;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cronshard.console.*}: users, login throttling, registry centers and the event-trace database.
 */
@ConfigurationProperties("cronshard.console")
public class ConsoleProperties {

    private final User admin = new User("admin");
    private final User guest = new User("guest");
    /** Users beside (or instead of) {@code admin} and {@code guest}: any number of ADMINs and GUESTs, each with a BCrypt hash. */
    private List<NamedUser> users = new ArrayList<>();
    /** Refusing logins for a while after repeated failures. */
    private final LoginThrottle loginThrottle = new LoginThrottle();
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

    public List<NamedUser> getUsers() {
        return users;
    }

    public void setUsers(List<NamedUser> users) {
        this.users = users;
    }

    public LoginThrottle getLoginThrottle() {
        return loginThrottle;
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

    /**
     * {@code cronshard.console.users[n].*}: a user with a role. The password is a BCrypt hash ({@code {bcrypt}$2a$10$…},
     * or the bare {@code $2a$}/{@code $2b$}/{@code $2y$} hash {@code htpasswd -B} prints); plain text is refused at start.
     */
    public static class NamedUser {

        private String username;
        private String password;
        private String role = "GUEST";

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

        /** @return {@code ADMIN} (reads and operates) or {@code GUEST} (reads only) */
        public String getRole() {
            return role;
        }

        public void setRole(String role) {
            this.role = role;
        }
    }

    /** {@code cronshard.console.login-throttle.*}: after repeated failed logins for a user or from a client address, refuse its logins for a while. */
    public static class LoginThrottle {

        /** Failed logins for one user name in a row (within {@code lock-seconds}) that lock it. */
        private int maxFailuresPerUser = 5;
        /** Failed logins from one client address in a row (within {@code lock-seconds}) that lock it. */
        private int maxFailuresPerClient = 20;
        /** How long a lock lasts, and how long failures are remembered, in seconds. */
        private int lockSeconds = 300;
        /** Most user names and client addresses remembered at once (the oldest are forgotten first). */
        private int maxTracked = 10000;

        public int getMaxFailuresPerUser() {
            return maxFailuresPerUser;
        }

        public void setMaxFailuresPerUser(int maxFailuresPerUser) {
            this.maxFailuresPerUser = maxFailuresPerUser;
        }

        public int getMaxFailuresPerClient() {
            return maxFailuresPerClient;
        }

        public void setMaxFailuresPerClient(int maxFailuresPerClient) {
            this.maxFailuresPerClient = maxFailuresPerClient;
        }

        public int getLockSeconds() {
            return lockSeconds;
        }

        public void setLockSeconds(int lockSeconds) {
            this.lockSeconds = lockSeconds;
        }

        public int getMaxTracked() {
            return maxTracked;
        }

        public void setMaxTracked(int maxTracked) {
            this.maxTracked = maxTracked;
        }
    }

    /**
     * {@code cronshard.console.admin.*} / {@code guest.*}: the simple single-admin (and guest) setup. The password is a BCrypt
     * hash as for {@link NamedUser}; blank (and no {@code users}): a random one is generated at start and logged once.
     */
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
