package io.cronshard.console.tracing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.cronshard.console.ConsoleProperties;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.stereotype.Component;

/**
 * The event-trace database the history screens and the activity columns read: initially the one of
 * {@code cronshard.console.tracing.*}; an admin may set or clear it on the page, and that choice is remembered
 * in a local file with owner-only permissions ({@code cronshard.console.tracing-file}), which wins over the
 * properties at the next start. Reads go through a HikariCP pool built with Spring Boot's
 * {@link DataSourceBuilder}; the pool connects on first use (a database that is down at start does not stop
 * the console) and is closed when the database is changed or cleared, once the reads in flight have ended.
 * Its URL and credentials stay on the server: never returned to a browser (only {@link #safeUrl the URL
 * without credentials}), never stored in ZooKeeper.
 */
@Component
public class ConsoleTracing {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleTracing.class);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");
    private static final Pattern FIRST_CREDENTIAL_PARAM = Pattern.compile("(?i)\\?(password|pwd|user|username)=[^;&]*&?");
    private static final Pattern CREDENTIAL_PARAM = Pattern.compile("(?i)[;&](password|pwd|user|username)=[^;&]*");
    private static final int CONNECTION_TEST_TIMEOUT_SECONDS = 5;
    private static final AtomicInteger POOLS = new AtomicInteger();

    /** What the file remembers: a database, or {@code url == null} for "cleared on the page". */
    record Settings(String url, String username, String password, String driverClassName) {
    }

    /** Work done with the event-trace database. */
    @FunctionalInterface
    public interface Read<T> {
        /**
         * @param database the database, leased for the length of the call
         * @return the result
         * @throws SQLException when the database fails
         */
        T read(TraceDatabase database) throws SQLException;
    }

    /** Thrown by {@link #read} when no event-trace database is configured. */
    public static final class NotConfiguredException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotConfiguredException() {
            super("Event tracing is not configured");
        }
    }

    private final Path file;
    private final ConsoleProperties.Tracing pool;
    private volatile Settings settings;
    private volatile String source;
    private volatile TraceDatabase database;

    ConsoleTracing(ConsoleProperties properties) {
        String location = properties.getTracingFile();
        this.file = location == null || location.isBlank() ? null : Path.of(location);
        this.pool = properties.getTracing();
        Settings initial = null;
        String initialSource = "none";
        ConsoleProperties.Tracing tracing = properties.getTracing();
        if (tracing.isConfigured()) {
            initial = new Settings(tracing.getUrl().trim(), tracing.getUsername(), tracing.getPassword(), tracing.getDriverClassName());
            initialSource = "properties";
        }
        if (file != null && Files.isRegularFile(file)) {
            try {
                Settings stored = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Settings.class);
                if (stored != null) {
                    initial = stored.url() == null || stored.url().isBlank() ? null : stored;
                    initialSource = initial == null ? "none" : "page";
                    LOG.info("Event-trace database remembered in {}: {}", file, initial == null ? "none (cleared on the page)" : safeUrl(initial.url()));
                }
            } catch (IOException | RuntimeException ex) {
                LOG.warn("Cannot read the remembered event-trace database from {}: {}", file, ex.toString());
            }
        }
        TraceDatabase initialDatabase = null;
        if (initial != null) {
            try {
                initialDatabase = new TraceDatabase(newPool(initial));
            } catch (RuntimeException ex) {
                LOG.warn("Cannot use the event-trace database {}: {}", safeUrl(initial.url()), ex.toString());
                initial = null;
                initialSource = "none";
            }
        }
        use(initial, initialSource, initialDatabase);
        if (initial == null) {
            LOG.info("Event tracing is not configured (cronshard.console.tracing.url, or the History page): the history screens are off");
        } else {
            LOG.info("Execution history reads the event-trace database {} (from the {})", safeUrl(initial.url()), initialSource);
        }
    }

    /** @return whether an event-trace database is configured */
    public boolean isConfigured() {
        return database != null;
    }

    /**
     * Runs a read with the current database, leased so that a change on the page does not close its pool
     * under it.
     *
     * @param work the read
     * @param <T> its result
     * @return its result
     * @throws NotConfiguredException when no database is configured
     * @throws SQLException when the database fails
     */
    public <T> T read(Read<T> work) throws SQLException {
        while (true) {
            TraceDatabase current = database;
            if (current == null) {
                throw new NotConfiguredException();
            }
            if (current.lease()) {
                try {
                    return work.read(current);
                } finally {
                    current.release();
                }
            }
        }
    }

    /** @return the current database's URL without credentials, or null */
    public String url() {
        Settings current = settings;
        return current == null ? null : safeUrl(current.url());
    }

    /** @return whether the current database has a password */
    public boolean passwordSet() {
        Settings current = settings;
        return current != null && current.password() != null && !current.password().isEmpty();
    }

    /** @return where the current choice comes from: {@code properties}, {@code page} or {@code none} */
    public String source() {
        return source;
    }

    /** @return the pool's connections: {@code active}, {@code idle}, {@code total}, {@code max}; empty when none */
    public java.util.Map<String, Integer> poolState() {
        TraceDatabase current = database;
        java.util.Map<String, Integer> result = new java.util.LinkedHashMap<>();
        if (current != null) {
            HikariPoolMXBean bean = current.pool().getHikariPoolMXBean();
            result.put("active", bean == null ? 0 : bean.getActiveConnections());
            result.put("idle", bean == null ? 0 : bean.getIdleConnections());
            result.put("total", bean == null ? 0 : bean.getTotalConnections());
            result.put("max", current.pool().getMaximumPoolSize());
        }
        return result;
    }

    /**
     * Connects to a database once, through a new pool, and uses it from now on, remembering it in the local file;
     * the previous pool is closed once its reads in flight end. Nothing changes when it cannot connect.
     *
     * @param url its JDBC URL
     * @param username its user, or null
     * @param password its password, or null
     * @throws SQLException when it cannot connect
     */
    public synchronized void set(String url, String username, String password) throws SQLException {
        Settings updated = new Settings(url, emptyToNull(username), emptyToNull(password), null);
        HikariDataSource candidate = newPool(updated);
        try (Connection connection = candidate.getConnection()) {
            if (!connection.isValid(CONNECTION_TEST_TIMEOUT_SECONDS)) {
                throw new SQLException("The connection is not valid");
            }
        } catch (SQLException | RuntimeException ex) {
            candidate.close();
            throw ex;
        }
        save(updated);
        use(updated, "page", new TraceDatabase(candidate));
        LOG.info("Event-trace database set on the page: {}", safeUrl(url));
    }

    /** No event-trace database from now on (remembered in the local file, so the properties do not come back at the next start). */
    public synchronized void clear() {
        save(new Settings(null, null, null, null));
        use(null, "none", null);
        LOG.info("Event-trace database cleared on the page");
    }

    /** Closes the pool when the console stops. */
    @PreDestroy
    public synchronized void close() {
        TraceDatabase current = database;
        database = null;
        if (current != null) {
            current.retire();
        }
    }

    /** @return the database in use, or null (tests) */
    TraceDatabase current() {
        return database;
    }

    private void use(Settings updated, String updatedSource, TraceDatabase updatedDatabase) {
        TraceDatabase previous = database;
        settings = updated;
        source = updatedSource;
        database = updatedDatabase;
        if (previous != null) {
            previous.retire();
        }
    }

    private HikariDataSource newPool(Settings target) {
        DataSourceBuilder<HikariDataSource> builder = DataSourceBuilder.create(ConsoleTracing.class.getClassLoader()).type(HikariDataSource.class)
                .url(target.url()).username(target.username()).password(target.password());
        if (target.driverClassName() != null && !target.driverClassName().isBlank()) {
            builder.driverClassName(target.driverClassName().trim());
        }
        HikariDataSource result = builder.build();
        result.setPoolName("cronshard-console-tracing-" + POOLS.incrementAndGet());
        result.setMaximumPoolSize(Math.max(1, pool.getMaximumPoolSize()));
        result.setMinimumIdle(Math.min(1, result.getMaximumPoolSize()));
        result.setConnectionTimeout(Math.max(250, pool.getConnectionTimeoutMilliseconds()));
        result.setReadOnly(false);
        return result;
    }

    private void save(Settings updated) {
        if (file == null) {
            return;
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tracing", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ex) {
                LOG.debug("No POSIX permissions on {}", tmp);
            }
            Files.writeString(tmp, GSON.toJson(updated), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot remember the event-trace database in " + file, ex);
        }
    }

    /**
     * @param url a JDBC URL
     * @return it without {@code user:password@} and without {@code user}/{@code password} parameters
     */
    public static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        String result = USER_INFO.matcher(url).replaceAll("//");
        String previous;
        do {
            previous = result;
            result = FIRST_CREDENTIAL_PARAM.matcher(result).replaceAll("?");
        } while (!result.equals(previous));
        result = CREDENTIAL_PARAM.matcher(result).replaceAll("");
        return result.endsWith("?") ? result.substring(0, result.length() - 1) : result;
    }

    /**
     * @param url a JDBC URL typed on the page
     * @return why it is refused, or null
     */
    public static String check(String url) {
        if (url == null || url.isBlank()) {
            return "Required: a JDBC URL (jdbc:…)";
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:")) {
            return "A JDBC URL starts with jdbc:";
        }
        if (lower.startsWith("jdbc:h2:") && (lower.contains("init=") || lower.contains("runscript") || lower.contains("create alias"))) {
            return "H2 URLs with INIT (scripts run at connect) are refused";
        }
        return null;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
