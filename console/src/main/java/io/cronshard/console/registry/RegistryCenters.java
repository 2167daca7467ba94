package io.cronshard.console.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.cronshard.console.ConsoleProperties;
import io.cronshard.reg.CoordinatorRegistryCenter;
import io.cronshard.reg.zookeeper.ZookeeperConfiguration;
import io.cronshard.reg.zookeeper.ZookeeperRegistryCenter;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The registry centers the console knows (from properties, and added on the page and remembered in
 * a local file), and one open connection per registry center, shared by every request and closed
 * when the registry center is removed or the console stops.
 */
@Component
public class RegistryCenters {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryCenters.class);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private final Map<String, RegistryCenterConfig> configs = new LinkedHashMap<>();
    private final Map<String, ZookeeperRegistryCenter> connections = new ConcurrentHashMap<>();
    private final Path file;
    private final int connectionTimeoutMilliseconds;

    /**
     * @param properties the console's properties
     */
    public RegistryCenters(ConsoleProperties properties) {
        this.connectionTimeoutMilliseconds = properties.getConnectionTimeoutMilliseconds();
        String location = properties.getRegistryCentersFile();
        this.file = location == null || location.isBlank() ? null : Path.of(location);
        for (ConsoleProperties.RegistryCenter each : properties.getRegistryCenters()) {
            configs.put(each.getName(), new RegistryCenterConfig(each.getName(), each.getServerLists(), each.getNamespace(), blankToNull(each.getDigest())));
        }
        if (file != null && Files.isRegularFile(file)) {
            try {
                RegistryCenterConfig[] stored = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), RegistryCenterConfig[].class);
                if (stored != null) {
                    Arrays.stream(stored).forEach(each -> configs.putIfAbsent(each.name(), each));
                }
                LOG.info("Registry centers remembered in {}: {}", file, stored == null ? 0 : stored.length);
            } catch (IOException | RuntimeException ex) {
                LOG.warn("Cannot read the remembered registry centers from {}: {}", file, ex.toString());
            }
        }
    }

    /** @return every known registry center, in the order they were added */
    public synchronized List<RegistryCenterConfig> list() {
        return new ArrayList<>(configs.values());
    }

    /**
     * @param name a registry center's name
     * @return it, or null
     */
    public synchronized RegistryCenterConfig find(String name) {
        return configs.get(name);
    }

    /**
     * Adds (or replaces) a registry center and remembers it.
     *
     * @param config the registry center
     */
    public synchronized void add(RegistryCenterConfig config) {
        configs.put(config.name(), config);
        closeConnection(config.name());
        save();
    }

    /**
     * Forgets a registry center and closes its connection.
     *
     * @param name its name
     * @return whether it was known
     */
    public synchronized boolean remove(String name) {
        boolean result = configs.remove(name) != null;
        closeConnection(name);
        save();
        return result;
    }

    /**
     * Tries a registry center without adding it.
     *
     * @param config the registry center
     * @throws RuntimeException when it cannot connect
     */
    public void probe(RegistryCenterConfig config) {
        ZookeeperRegistryCenter regCenter = newRegistryCenter(config);
        try {
            regCenter.init();
            regCenter.getChildrenKeys("/");
        } finally {
            regCenter.close();
        }
    }

    /**
     * @param name a known registry center
     * @return its shared, connected registry center (connects on first use)
     * @throws UnknownRegistryCenterException when the name is not known
     */
    public CoordinatorRegistryCenter connection(String name) {
        RegistryCenterConfig config = find(name);
        if (config == null) {
            throw new UnknownRegistryCenterException(name);
        }
        return connections.computeIfAbsent(name, key -> {
            ZookeeperRegistryCenter result = newRegistryCenter(config);
            result.init();
            return result;
        });
    }

    private ZookeeperRegistryCenter newRegistryCenter(RegistryCenterConfig config) {
        ZookeeperConfiguration zkConfig = new ZookeeperConfiguration(config.serverLists(), config.namespace());
        zkConfig.setDigest(blankToNull(config.digest()));
        zkConfig.setConnectionTimeoutMilliseconds(connectionTimeoutMilliseconds);
        return new ZookeeperRegistryCenter(zkConfig);
    }

    private void closeConnection(String name) {
        ZookeeperRegistryCenter connection = connections.remove(name);
        if (connection != null) {
            connection.close();
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".registry-centers", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ex) {
                LOG.debug("No POSIX permissions on {}", tmp);
            }
            Files.writeString(tmp, GSON.toJson(configs.values()), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot remember the registry centers in " + file, ex);
        }
    }

    /** Closes every connection. */
    @PreDestroy
    public void close() {
        connections.keySet().forEach(this::closeConnection);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A registry center name the console does not know. */
    public static class UnknownRegistryCenterException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnknownRegistryCenterException(String name) {
            super("No registry center named '" + name + "'");
        }
    }
}
