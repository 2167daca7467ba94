package io.cronshard.console.tracing;

import java.util.Optional;

import io.cronshard.console.ConsoleProperties;
import io.cronshard.tracing.TracingQueryAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The event-trace database of {@code cronshard.console.tracing.*}, read through {@link TracingQueryAPI};
 * empty when no URL is configured. Its settings stay on the server.
 */
@Component
public class ConsoleTracing {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleTracing.class);

    private final TracingQueryAPI queryAPI;

    ConsoleTracing(ConsoleProperties properties) {
        ConsoleProperties.Tracing tracing = properties.getTracing();
        if (tracing.isConfigured()) {
            queryAPI = new TracingQueryAPI(new DriverManagerDataSource(tracing.getUrl().trim(), tracing.getUsername(),
                    tracing.getPassword(), tracing.getDriverClassName()));
            LOG.info("Execution history reads the event-trace database configured in cronshard.console.tracing.url");
        } else {
            queryAPI = null;
            LOG.info("Event tracing is not configured (cronshard.console.tracing.url): the history screens are off");
        }
    }

    /** @return the query API, or empty when event tracing is not configured */
    public Optional<TracingQueryAPI> queryAPI() {
        return Optional.ofNullable(queryAPI);
    }
}
