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
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.cronshard.console.ConsoleProperties;
import io.cronshard.tracing.TracingQueryAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The event-trace database the history screens read, through {@link TracingQueryAPI}: initially the one of
 * {@code cronshard.console.tracing.*}; an admin may set or clear it on the page, and that choice is remembered
 * in a local file with owner-only permissions ({@code cronshard.console.tracing-file}), which wins over the
 * properties at the next start. Its URL and credentials stay on the server: never returned to a browser
 * (only {@link #safeUrl the URL without credentials}), never stored in ZooKeeper.
 */
@Component
public class ConsoleTracing {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleTracing.class);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");
    private static final Pattern FIRST_CREDENTIAL_PARAM = Pattern.compile("(?i)\\?(password|pwd|user|username)=[^;&]*&?");
    private static final Pattern CREDENTIAL_PARAM = Pattern.compile("(?i)[;&](password|pwd|user|username)=[^;&]*");
    private static final int CONNECTION_TEST_TIMEOUT_SECONDS = 5;

    /** What the file remembers: a database, or {@code url == null} for "cleared on the page". */
    record Settings(String url, String username, String password, String driverClassName) {
    }

    private final Path file;
    private volatile Settings settings;
    private volatile String source;
    private volatile TracingQueryAPI queryAPI;

    ConsoleTracing(ConsoleProperties properties) {
        String location = properties.getTracingFile();
        this.file = location == null || location.isBlank() ? null : Path.of(location);
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
        use(initial, initialSource);
        if (initial == null) {
            LOG.info("Event tracing is not configured (cronshard.console.tracing.url, or the History page): the history screens are off");
        } else {
            LOG.info("Execution history reads the event-trace database {} (from the {})", safeUrl(initial.url()), initialSource);
        }
    }

    /** @return the query API, or empty when event tracing is not configured */
    public Optional<TracingQueryAPI> queryAPI() {
        return Optional.ofNullable(queryAPI);
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

    /**
     * Connects to a database (and closes the connection) without using it.
     *
     * @param url its JDBC URL
     * @param username its user, or null
     * @param password its password, or null
     * @throws SQLException when it cannot connect
     */
    public void probe(String url, String username, String password) throws SQLException {
        try (Connection connection = new DriverManagerDataSource(url, username, password, null).getConnection()) {
            if (!connection.isValid(CONNECTION_TEST_TIMEOUT_SECONDS)) {
                throw new SQLException("The connection is not valid");
            }
        }
    }

    /**
     * Uses this database from now on and remembers it in the local file.
     *
     * @param url its JDBC URL
     * @param username its user, or null
     * @param password its password, or null
     */
    public synchronized void set(String url, String username, String password) {
        Settings updated = new Settings(url, emptyToNull(username), emptyToNull(password), null);
        save(updated);
        use(updated, "page");
        LOG.info("Event-trace database set on the page: {}", safeUrl(url));
    }

    /** No event-trace database from now on (remembered in the local file, so the properties do not come back at the next start). */
    public synchronized void clear() {
        save(new Settings(null, null, null, null));
        use(null, "none");
        LOG.info("Event-trace database cleared on the page");
    }

    private void use(Settings updated, String updatedSource) {
        settings = updated;
        source = updatedSource;
        queryAPI = updated == null ? null
                : new TracingQueryAPI(new DriverManagerDataSource(updated.url(), updated.username(), updated.password(), updated.driverClassName()));
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
