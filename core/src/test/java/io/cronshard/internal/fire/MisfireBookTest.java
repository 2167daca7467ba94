package io.cronshard.internal.fire;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The memory of missed fires: any number of misses make one more run, when the item is free and still owned. */
class MisfireBookTest {

    private final MisfireBook book = new MisfireBook();

    @Test
    void manyMissesMakeOneMoreRunWhenTheFireEnds() {
        book.remember(List.of(1, 2));
        book.remember(List.of(1));

        assertThat(book.takeEnded(List.of(1, 2, 3), item -> true)).containsExactly(1, 2);
        assertThat(book.takeEnded(List.of(1, 2, 3), item -> true)).isEmpty();
    }

    @Test
    void anItemThatChangedHandsMeanwhileIsKeptForItsNewOwnerToSee() {
        book.remember(List.of(1, 2));

        assertThat(book.takeEnded(List.of(1, 2), item -> item == 2)).containsExactly(2);
        assertThat(book.remembered()).isEqualTo(Set.of(1));
    }

    @Test
    void aRunningMarkGoneElsewhereReleasesAnItemNotRunningHereAndOwned() {
        book.remember(List.of(4));

        assertThat(book.takeReleased(4, true, true)).as("still runs here").isFalse();
        assertThat(book.takeReleased(4, false, false)).as("not owned here").isFalse();
        assertThat(book.takeReleased(4, false, true)).isTrue();
        assertThat(book.takeReleased(4, false, true)).as("taken once").isFalse();
    }
}
