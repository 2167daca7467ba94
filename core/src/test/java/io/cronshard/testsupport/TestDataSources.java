package io.cronshard.testsupport;

import org.h2.jdbcx.JdbcDataSource;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Data sources for event tracing tests: in-memory H2 databases, a broken one and a flaky one. */
public final class TestDataSources {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestDataSources() {
    }

    /**
     * @param prefix a readable part of the database name
     * @return a fresh in-memory H2 database that lives until the JVM ends
     */
    public static JdbcDataSource h2(String prefix) {
        JdbcDataSource result = new JdbcDataSource();
        result.setURL("jdbc:h2:mem:" + prefix + "-" + SEQUENCE.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        result.setUser("sa");
        result.setPassword("");
        return result;
    }

    /** A data source whose {@link #getConnection()} fails while {@link #broken} is set, and counts calls. */
    public static final class Switchable implements DataSource {

        /** While true, every connection request fails. */
        public volatile boolean broken;
        /** Connection requests so far. */
        public final AtomicInteger requests = new AtomicInteger();
        private final DataSource target;

        /**
         * @param target the working database
         * @param broken whether it starts broken
         */
        public Switchable(DataSource target, boolean broken) {
            this.target = target;
            this.broken = broken;
        }

        @Override
        public Connection getConnection() throws SQLException {
            requests.incrementAndGet();
            if (broken) {
                throw new SQLException("Connection refused (test: the database is down)", "08001");
            }
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }

        @Override
        public String toString() {
            return "Switchable{broken=" + broken + ", password=secret-password}";
        }
    }
}
