package io.cronshard.benchmarks.support;

import io.cronshard.api.ShardingContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutionLogTest {

    @Test
    void readsInstanceAndSourceFromTheTaskIdAndCountsGapsAndDuplicates() {
        ExecutionLog log = new ExecutionLog();
        log.record(new ShardingContext("job", "job@-@0,1@-@NORMAL@-@10.0.0.1@-@42-2@-@ab12", 2, "", 0, "", 1L));
        ExecutionLog.Start start = log.all().get(0);
        assertThat(start.instance()).isEqualTo("10.0.0.1@-@42-2");
        assertThat(start.source()).isEqualTo("NORMAL");
        long second = start.second();
        log.record(new ShardingContext("job", "job@-@0@-@NORMAL@-@10.0.0.2@-@7@-@cd34", 2, "", 0, "", 1L));
        // item 0 ran twice in that second (unless the clock crossed a second between the two records), item 1 never
        ExecutionLog.Coverage coverage = log.coverage(second, second + 1, 2);
        assertThat(coverage.fires()).isEqualTo(1);
        assertThat(coverage.gaps() + coverage.duplicates()).isIn(2, 1);
        assertThat(coverage.worstItemGaps()).isEqualTo(1);
    }

    @Test
    void countsGapsAndDuplicatesOverSeveralJobs() {
        ExecutionLog log = new ExecutionLog();
        log.record(new ShardingContext("a", "a@-@0@-@NORMAL@-@10.0.0.1@-@42@-@ab12", 1, "", 0, "", 1L));
        long second = log.all().get(0).second();
        log.record(new ShardingContext("a", "a@-@0@-@NORMAL@-@10.0.0.2@-@7@-@cd34", 1, "", 0, "", 1L));
        log.record(new ShardingContext("b", "b@-@0@-@FAILOVER@-@10.0.0.2@-@7@-@cd34", 1, "", 0, "", 1L));
        assertThat(log.all()).extracting(ExecutionLog.Start::job).containsExactly("a", "a", "b");
        // job b ran only by failover, which is no cron run: a gap (unless the clock crossed a second in between)
        ExecutionLog.Coverage coverage = log.coverage(second, second + 1, List.of("a", "b"), 1);
        assertThat(coverage.fires()).isEqualTo(2);
        assertThat(coverage.gaps()).isBetween(1, 2);
        assertThat(coverage.duplicates()).isBetween(0, 1);
    }

    @Test
    void percentilesAreNearestRank() {
        Percentiles percentiles = new Percentiles(List.of(5, 1, 4, 2, 3, 6, 7, 8, 9, 10));
        assertThat(percentiles.at(50)).isEqualTo(5.0);
        assertThat(percentiles.at(99)).isEqualTo(10.0);
        assertThat(percentiles.max()).isEqualTo(10.0);
        assertThat(new Percentiles(List.<Integer>of()).at(50)).isNaN();
    }

    @Test
    void optionsRefuseUnknownKeys() {
        Options options = new Options(List.of("items=10,100", "seconds=5"));
        assertThat(options.intList("items", "1")).containsExactly(10, 100);
        assertThat(options.intValue("seconds", 15)).isEqualTo(5);
        assertThat(options.intValue("other", 3)).isEqualTo(3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Options(List.of("itmes=3")).requireKnown(List.of("items")))
                .hasMessageContaining("itmes");
    }
}
