package io.cronshard.internal.fire;

import io.cronshard.api.JobConfiguration;
import io.cronshard.internal.events.ExecutionSource;
import io.cronshard.internal.storage.JobNodePaths;
import io.cronshard.testsupport.MapCacheView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision of one fire, from a map of nodes: no ZooKeeper. */
class FireDecisionTest {

    private static final String ME = "10.0.0.1@-@1";
    private static final String OTHER = "10.0.0.2@-@1";

    private final MapCacheView cache = new MapCacheView()
            .put(JobNodePaths.server("10.0.0.1"), "")
            .split(Map.of(0, ME, 1, OTHER, 2, ME, 3, ME));

    private static JobConfiguration.Builder job() {
        return JobConfiguration.newBuilder("j", 4).cron("* * * * * ?");
    }

    private FireDecision decide(JobConfiguration config, ExecutionSource source, Set<Integer> runningHere, Set<Integer> remembered) {
        return FireDecision.decide(cache, config, ME, "10.0.0.1", source, runningHere, remembered);
    }

    @Test
    void theItemsThisInstanceOwnsStart() {
        FireDecision decision = decide(job().build(), ExecutionSource.NORMAL, Set.of(), Set.of());

        assertThat(decision.verdict()).isEqualTo(FireDecision.Verdict.DISPATCH);
        assertThat(decision.start()).containsExactly(0, 2, 3);
        assertThat(decision.missed()).isEmpty();
    }

    @Test
    void aDisabledItemDoesNotStart() {
        cache.put(JobNodePaths.itemDisabled(2), null);

        assertThat(decide(job().build(), ExecutionSource.NORMAL, Set.of(), Set.of()).start()).containsExactly(0, 3);
    }

    @Test
    void aDisabledJobOrServerSkipsTheFire() {
        assertThat(decide(job().disabled(true).build(), ExecutionSource.NORMAL, Set.of(), Set.of()).verdict())
                .isEqualTo(FireDecision.Verdict.DISABLED);
        cache.put(JobNodePaths.server("10.0.0.1"), JobNodePaths.DISABLED);
        FireDecision decision = decide(job().build(), ExecutionSource.MANUAL, Set.of(), Set.of());
        assertThat(decision.verdict()).isEqualTo(FireDecision.Verdict.DISABLED);
        assertThat(decision.start()).isEmpty();
    }

    @Test
    void aFireWaitsWhileTheSplitIsBeingChangedOrNotLoaded() {
        cache.put(JobNodePaths.SHARDING_NECESSARY, "");
        assertThat(decide(job().build(), ExecutionSource.NORMAL, Set.of(), Set.of()).verdict()).isEqualTo(FireDecision.Verdict.PENDING);
        cache.remove(JobNodePaths.SHARDING_NECESSARY).loaded(false);
        assertThat(decide(job().build(), ExecutionSource.NORMAL, Set.of(), Set.of()).verdict()).isEqualTo(FireDecision.Verdict.PENDING);
    }

    @Test
    void anItemStillRunningHereMissesTheFireAndIsRememberedWithAMisfireMark() {
        FireDecision decision = decide(job().build(), ExecutionSource.NORMAL, Set.of(2), Set.of());

        assertThat(decision.start()).containsExactly(0, 3);
        assertThat(decision.missed()).containsExactly(2);
        assertThat(decision.remember()).containsExactly(2);
        assertThat(decision.markMisfire()).containsExactly(2);
    }

    @Test
    void anItemRunningElsewhereMissesTheFireOnlyWithMonitorExecution() {
        cache.put(JobNodePaths.itemRunning(3), null);

        assertThat(decide(job().build(), ExecutionSource.NORMAL, Set.of(), Set.of()).missed()).containsExactly(3);
        assertThat(decide(job().monitorExecution(false).build(), ExecutionSource.NORMAL, Set.of(), Set.of()).start()).containsExactly(0, 2, 3);
    }

    @Test
    void theMisfireMarkIsWrittenOnceAndNotWhenOneIsThere() {
        assertThat(decide(job().build(), ExecutionSource.NORMAL, Set.of(0), Set.of(0)).markMisfire()).isEmpty();
        cache.put(JobNodePaths.itemMisfire(0), null);
        FireDecision decision = decide(job().build(), ExecutionSource.NORMAL, Set.of(0), Set.of());
        assertThat(decision.remember()).containsExactly(0);
        assertThat(decision.markMisfire()).isEmpty();
    }

    @Test
    void withMisfireOffAMissedCronFireIsForgotten() {
        FireDecision decision = decide(job().misfire(false).build(), ExecutionSource.NORMAL, Set.of(0), Set.of());

        assertThat(decision.missed()).containsExactly(0);
        assertThat(decision.remember()).isEmpty();
        assertThat(decision.markMisfire()).isEmpty();
    }

    @Test
    void aManualTriggerThatMeetsARunningItemRunsOnceAfterItWithoutAMarkWhateverMisfireSays() {
        FireDecision decision = decide(job().misfire(false).build(), ExecutionSource.MANUAL, Set.of(0), Set.of());

        assertThat(decision.remember()).containsExactly(0);
        assertThat(decision.markMisfire()).isEmpty();
    }

    @Test
    void aMakeUpRunDecidesOnlyTheGivenItems() {
        FireDecision decision = FireDecision.forItems(cache, job().build(), List.of(2, 3), ExecutionSource.MISFIRE, Set.of(3), Set.of());

        assertThat(decision.start()).containsExactly(2);
        assertThat(decision.missed()).containsExactly(3);
    }
}
