package io.cronshard.console.tracing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A plain JDBC {@link DataSource}: one new connection from {@link DriverManager} per call, closed by
 * the caller. Enough for the console's few history reads; no pool, no extra dependency.
 */
public final class DriverManagerDataSource implements DataSource {

    private final String url;
    private final Properties credentials = new Properties();

    /**
     * @param url the JDBC URL
     * @param username the user, or null
     * @param password the password, or null
     * @param driverClassName the driver class to load first (for drivers that do not register themselves), or null
     */
    public DriverManagerDataSource(String url, String username, String password, String driverClassName) {
        this.url = Objects.requireNonNull(url, "url must not be null");
        if (username != null) {
            credentials.setProperty("user", username);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        if (driverClassName != null && !driverClassName.isBlank()) {
            try {
                Class.forName(driverClassName.trim(), true, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException ex) {
                throw new IllegalStateException("JDBC driver class not found: " + driverClassName
                        + " (put the driver's jar on the console's classpath)", ex);
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url, credentials);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties other = new Properties();
        if (username != null) {
            other.setProperty("user", username);
        }
        if (password != null) {
            other.setProperty("password", password);
        }
        return DriverManager.getConnection(url, other);
    }

    @Override
    public PrintWriter getLogWriter() {
        return DriverManager.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        DriverManager.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper for " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "DriverManagerDataSource[" + url + "]";
    }
}
