package io.cronshard.testsupport;

import io.cronshard.api.ItemCheckpoint;
import io.cronshard.api.ShardingContext;
import io.cronshard.api.SimpleJob;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chaos suite's checkpoint checks catch what they are meant to, without ZooKeeper. */
class CheckpointLedgerTest {

    /** One item's checkpoint, shared by every "instance", as ZooKeeper would keep it. */
    private final ItemCheckpoint store = ItemCheckpoint.inMemory(null);

    private static ShardingContext context(long token, ItemCheckpoint checkpoint) {
        return new ShardingContext("job", "job@-@0@-@NORMAL@-@i@-@" + token, 1, "", 0, "", token, () -> true, checkpoint);
    }

    /** Runs one try of the body against the shared store; a failure is part of the scenario. */
    private static void run(SimpleJob body, long token, ItemCheckpoint checkpoint) {
        try {
            body.execute(context(token, checkpoint));
        } catch (Exception expected) {
            // a random failure or a refused save: the ledger recorded it
        }
    }

    private static Map<Integer, String> storedAtTheEnd(String value) {
        Map<Integer, String> result = new HashMap<>();
        result.put(0, value);
        return result;
    }

    @Test
    void ownersFollowingEachOtherPass() {
        CheckpointLedger ledger = new CheckpointLedger(2, 0L, 0.0);
        SimpleJob a = ledger.jobFor("a");
        SimpleJob b = ledger.jobFor("b");
        run(a, 10, store);
        // a completed normally: the runtime may clear the checkpoint, and then b starts afresh
        ItemCheckpoint cleared = ItemCheckpoint.inMemory(null);
        run(b, 20, cleared);
        run(a, 30, cleared);
        ledger.assertNoLostCheckpoint(storedAtTheEnd(cleared.load()));
        ledger.assertNoOverlap();
        assertThat(ledger.completedSince(0)).containsExactly(0);
    }

    @Test
    void aSaveByAnOwnerThatLostTheItemIsCaught() {
        CheckpointLedger ledger = new CheckpointLedger(1, 0L, 1.0);
        run(ledger.jobFor("a"), 10, store);
        run(ledger.jobFor("b"), 20, store);
        run(ledger.jobFor("a"), 10, store); // the zombie's late save goes through
        assertThatThrownBy(() -> ledger.assertNoLostCheckpoint(storedAtTheEnd(store.load()))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("no longer owned");
    }

    @Test
    void aCheckpointNotFoundWithoutACompletedRunIsCaughtAsLost() {
        CheckpointLedger ledger = new CheckpointLedger(1, 0L, 1.0);
        run(ledger.jobFor("a"), 10, store);
        run(ledger.jobFor("b"), 20, ItemCheckpoint.inMemory(null));
        assertThatThrownBy(() -> ledger.assertNoLostCheckpoint(storedAtTheEnd(null))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("it was lost");
    }

    @Test
    void anOlderCheckpointReadAfterANewerWasSavedIsCaught() {
        CheckpointLedger ledger = new CheckpointLedger(1, 0L, 1.0);
        run(ledger.jobFor("a"), 10, store);
        String first = store.load();
        run(ledger.jobFor("b"), 20, store);
        run(ledger.jobFor("c"), 30, ItemCheckpoint.inMemory(first)); // reads what b overwrote
        assertThatThrownBy(() -> ledger.assertNoLostCheckpoint(Map.of())).isInstanceOf(AssertionError.class)
                .hasMessageContaining("older than");
    }

    @Test
    void theStoredCheckpointAtTheEndCountsAsALastRead() {
        CheckpointLedger ledger = new CheckpointLedger(1, 0L, 1.0);
        run(ledger.jobFor("a"), 10, store);
        run(ledger.jobFor("b"), 20, store);
        ledger.assertNoLostCheckpoint(storedAtTheEnd(store.load()));
        assertThatThrownBy(() -> ledger.assertNoLostCheckpoint(storedAtTheEnd("10:1"))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the end");
    }
}
