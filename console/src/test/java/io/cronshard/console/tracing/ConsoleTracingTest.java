package io.cronshard.console.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.cronshard.console.ConsoleProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event-trace database set on the page is remembered in an owner-only local file and wins over the properties. */
class ConsoleTracingTest {

    @Test
    void remembersThePageChoiceInAnOwnerOnlyFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/tracing.json");
        ConsoleProperties properties = new ConsoleProperties();
        properties.setTracingFile(file.toString());
        properties.getTracing().setUrl("jdbc:h2:mem:from-properties");
        ConsoleTracing first = new ConsoleTracing(properties);
        assertThat(first.source()).isEqualTo("properties");
        assertThat(first.url()).isEqualTo("jdbc:h2:mem:from-properties");

        first.set("jdbc:h2:mem:from-page", "sa", "pw");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        ConsoleTracing second = new ConsoleTracing(properties);
        assertThat(second.source()).isEqualTo("page");
        assertThat(second.url()).isEqualTo("jdbc:h2:mem:from-page");
        assertThat(second.passwordSet()).isTrue();

        second.clear();
        ConsoleTracing third = new ConsoleTracing(properties);
        assertThat(third.source()).isEqualTo("none");
        assertThat(third.isConfigured()).isFalse();
        first.close();
        second.close();
        third.close();
    }

    @Test
    void readsThroughAPoolThatIsClosedWhenTheDatabaseChangesOnceItsReadsEnd() throws Exception {
        ConsoleProperties properties = new ConsoleProperties();
        properties.setTracingFile("");
        properties.getTracing().setUrl("jdbc:h2:mem:pool-first;DB_CLOSE_DELAY=-1");
        ConsoleTracing tracing = new ConsoleTracing(properties);
        TraceDatabase first = tracing.current();
        assertThat(first.dataSource()).isInstanceOf(com.zaxxer.hikari.HikariDataSource.class);
        long total = tracing.read(database -> database.queryAPI().findExecutions(io.cronshard.tracing.ExecutionQuery.newBuilder().build())
                .total());
        assertThat(total).isZero();

        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread slowRead = new Thread(() -> {
            try {
                tracing.read(database -> {
                    try (java.sql.Connection connection = database.dataSource().getConnection()) {
                        reading.countDown();
                        release.await();
                        return connection.isValid(1);
                    } catch (InterruptedException ex) {
                        throw new IllegalStateException(ex);
                    }
                });
            } catch (java.sql.SQLException ex) {
                throw new IllegalStateException(ex);
            }
        });
        slowRead.start();
        reading.await();
        tracing.set("jdbc:h2:mem:pool-second;DB_CLOSE_DELAY=-1", "sa", "");
        assertThat(tracing.current()).isNotSameAs(first);
        assertThat(first.isClosed()).as("closed only once its read in flight ends").isFalse();
        release.countDown();
        slowRead.join(5000);
        assertThat(first.isClosed()).isTrue();

        TraceDatabase second = tracing.current();
        tracing.clear();
        assertThat(second.isClosed()).isTrue();
        assertThat(tracing.isConfigured()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tracing.read(database -> 1))
                .isInstanceOf(ConsoleTracing.NotConfiguredException.class);
    }

    @Test
    void aDatabaseThatCannotBeReachedChangesNothing() throws Exception {
        ConsoleProperties properties = new ConsoleProperties();
        properties.setTracingFile("");
        ConsoleTracing tracing = new ConsoleTracing(properties);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tracing.set("jdbc:nosuchdriver:x", null, null))
                .isInstanceOf(RuntimeException.class);
        assertThat(tracing.isConfigured()).isFalse();
    }

    @Test
    void safeUrlDropsCredentials() {
        assertThat(ConsoleTracing.safeUrl("jdbc:postgresql://bob:secret@db:5432/trace?user=bob&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/trace?ssl=true");
        assertThat(ConsoleTracing.safeUrl("jdbc:h2:tcp://db/~/t;USER=sa;PASSWORD=x;MODE=MySQL")).isEqualTo("jdbc:h2:tcp://db/~/t;MODE=MySQL");
    }
}
