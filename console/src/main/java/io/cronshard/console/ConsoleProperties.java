package io.cronshard.console;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cronshard.console.*}: users and registry centers.
 */
@ConfigurationProperties("cronshard.console")
public class ConsoleProperties {

    private final User admin = new User("admin");
    private final User guest = new User("guest");
    /** Where registry centers added on the page are remembered; blank: in memory only. */
    private String registryCentersFile = System.getProperty("user.home") + "/.cronshard/console-registry-centers.json";
    /** Registry centers known at start (in addition to the remembered ones). */
    private List<RegistryCenter> registryCenters = new ArrayList<>();
    /** Connection timeout towards ZooKeeper, in milliseconds. */
    private int connectionTimeoutMilliseconds = 5000;

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
