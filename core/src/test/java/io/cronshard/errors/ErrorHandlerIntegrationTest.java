package io.cronshard.errors;

import io.cronshard.api.JobConfiguration;
import io.cronshard.api.JobExecutionException;
import io.cronshard.api.SimpleJob;
import io.cronshard.bootstrap.ScheduleJobBootstrap;
import io.cronshard.lifecycle.JobAPIFactory;
import io.cronshard.lifecycle.JobOperateAPI;
import io.cronshard.testsupport.EmbeddedZookeeper;
import io.cronshard.testsupport.JobTree;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Error handlers behave the same for one item and for many (design note 11, docs/design-notes.md): every failing
 * item is handed to the handler once, the other items and the next fires are not affected.
 */
class ErrorHandlerIntegrationTest {

    private static final String YEARLY = "0 0 0 1 1 ? 2099";

    @RegisterExtension
    static final EmbeddedZookeeper ZOOKEEPER = new EmbeddedZookeeper();

    private final List<ScheduleJobBootstrap> bootstraps = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private String namespace;
    private JobOperateAPI operateAPI;
    private CuratorFramework raw;

    @BeforeEach
    void setUp() {
        namespace = ZOOKEEPER.uniqueNamespace("errors");
        operateAPI = JobAPIFactory.createJobOperateAPI(ZOOKEEPER.newRegistryCenter(namespace));
        raw = ZOOKEEPER.newRawClient();
        RecordingErrorHandler.FAILURES.clear();
        logs.start();
        ((Logger) LoggerFactory.getLogger("io.cronshard.internal.execution.ItemTries")).addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger("io.cronshard.internal.execution.ItemTries")).detachAppender(logs);
        bootstraps.forEach(ScheduleJobBootstrap::shutdown);
        ZOOKEEPER.closeClients();
    }

    private void startFailing(String job, int items, String handler, AtomicInteger runs) {
        SimpleJob failing = context -> {
            runs.incrementAndGet();
            if (context.getShardingItem() % 2 == 0 || items == 1) {
                throw new IllegalStateException("boom " + context.getShardingItem());
            }
        };
        ScheduleJobBootstrap bootstrap = new ScheduleJobBootstrap(ZOOKEEPER.newRegistryCenter(namespace), failing,
                JobConfiguration.newBuilder(job, items).cron(YEARLY).jobErrorHandlerType(handler).build());
        bootstrap.schedule();
        bootstraps.add(bootstrap);
        new JobTree(raw, namespace).awaitSettled(job, items, 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void aCustomHandlerByTypeGetsEveryFailingItemOnce(int items) {
        AtomicInteger runs = new AtomicInteger();
        String job = "custom-" + items;
        startFailing(job, items, "recording", runs);
        int failing = items == 1 ? 1 : items / 2;

        operateAPI.trigger(job);
        await().atMost(Duration.ofSeconds(10)).until(() -> RecordingErrorHandler.FAILURES.size() == failing);
        assertThat(RecordingErrorHandler.FAILURES).allMatch(each -> each.startsWith(job + "#") && each.contains("boom"));
        // the fire ended: the next one runs every item again
        operateAPI.trigger(job);
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 2 * items && RecordingErrorHandler.FAILURES.size() == 2 * failing);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void throwReportsEveryFailingItemAsAJobExecutionExceptionAtError(int items) {
        AtomicInteger runs = new AtomicInteger();
        String job = "throw-" + items;
        startFailing(job, items, "THROW", runs);
        int failing = items == 1 ? 1 : items / 2;

        operateAPI.trigger(job);
        await().atMost(Duration.ofSeconds(10)).until(() -> errorsOf(job).size() == failing);
        assertThat(errorsOf(job)).allMatch(each -> each.getThrowableProxy() != null
                && each.getThrowableProxy().getClassName().equals(JobExecutionException.class.getName()));
        operateAPI.trigger(job);
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 2 * items && errorsOf(job).size() == 2 * failing);
    }

    private List<ILoggingEvent> errorsOf(String job) {
        return logs.list.stream().filter(each -> each.getLevel() == Level.ERROR && each.getFormattedMessage().contains("'" + job + "'")).toList();
    }
}
