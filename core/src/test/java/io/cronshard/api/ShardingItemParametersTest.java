package io.cronshard.api;

import io.cronshard.api.JobConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardingItemParametersTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void nothingConfiguredGivesNoParameters(String value) {
        assertThat(ShardingItemParameters.parse(value, 3)).isEmpty();
    }

    @Test
    void pairsAreParsedIntoItemOrder() {
        assertThat(ShardingItemParameters.parse("2=Guangzhou,0=Beijing,1=Shanghai", 3))
                .containsExactly(Map.entry(0, "Beijing"), Map.entry(1, "Shanghai"), Map.entry(2, "Guangzhou"));
    }

    @Test
    void itemsNeedNotAllHaveAParameter() {
        assertThat(ShardingItemParameters.parse("1=only", 5)).containsExactly(Map.entry(1, "only"));
    }

    @Test
    void whiteSpaceAroundItemsAndParametersIsTrimmed() {
        assertThat(ShardingItemParameters.parse(" 0 = a ,\t1=b c ", 2)).containsExactly(Map.entry(0, "a"), Map.entry(1, "b c"));
    }

    @Test
    void aParameterMayBeEmptyOrContainEqualsSigns() {
        assertThat(ShardingItemParameters.parse("0=,1=k=v", 2)).containsExactly(Map.entry(0, ""), Map.entry(1, "k=v"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0a", "=a", "0=a,,1=b", ",0=a", "0=a,", "0=a, "})
    void aPairWithoutItemAndEqualsSignIsRefused(String value) {
        assertThatThrownBy(() -> ShardingItemParameters.parse(value, 3))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("'shardingItemParameters'")
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("expected comma-separated item=parameter pairs such as '0=a,1=b'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x=1", "1.5=a", "99999999999=a"})
    void anItemThatIsNotAnIntegerIsRefused(String value) {
        assertThatThrownBy(() -> ShardingItemParameters.parse(value, 3))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("'shardingItemParameters'")
                .hasMessageContaining("the item before '=' must be a number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3=d", "-1=z", "0=a,7=h"})
    void anItemOutsideZeroToTotalMinusOneIsRefused(String value) {
        assertThatThrownBy(() -> ShardingItemParameters.parse(value, 3))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("'shardingItemParameters'")
                .hasMessageContaining("is outside 0..2 (shardingTotalCount is 3)");
    }

    @Test
    void aDuplicateItemIsRefused() {
        assertThatThrownBy(() -> ShardingItemParameters.parse("1=a,0=b,1=c", 3))
                .isInstanceOf(JobConfigurationException.class)
                .hasMessageContaining("'shardingItemParameters'")
                .hasMessageContaining("item 1 is given more than once");
    }

    @Test
    void theResultCannotBeChanged() {
        Map<Integer, String> parsed = ShardingItemParameters.parse("0=a", 1);

        assertThatThrownBy(() -> parsed.put(1, "b")).isInstanceOf(UnsupportedOperationException.class);
    }
}
