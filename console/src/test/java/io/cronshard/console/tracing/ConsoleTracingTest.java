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
        assertThat(third.queryAPI()).isEmpty();
    }

    @Test
    void safeUrlDropsCredentials() {
        assertThat(ConsoleTracing.safeUrl("jdbc:postgresql://bob:secret@db:5432/trace?user=bob&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/trace?ssl=true");
        assertThat(ConsoleTracing.safeUrl("jdbc:h2:tcp://db/~/t;USER=sa;PASSWORD=x;MODE=MySQL")).isEqualTo("jdbc:h2:tcp://db/~/t;MODE=MySQL");
    }
}
