package io.tauflow.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SymbolStateCacheTest {

    @Test
    void holdsTheObjectLastPutForItsKeyOnly() {
        SymbolStateCache cache = new SymbolStateCache(64);
        SymbolState spy = SymbolState.fresh();
        assertThat(cache.get("SPY")).isNull();
        cache.put("SPY", spy);
        assertThat(cache.get(new String("SPY"))).isSameAs(spy);
        assertThat(cache.get("IBM")).isNull();
        SymbolState newer = SymbolState.fresh();
        cache.put("SPY", newer);
        assertThat(cache.get("SPY")).isSameAs(newer);
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(2);
    }

    @Test
    void aSingleSlotHoldsOnlyTheLastKey() {
        SymbolStateCache cache = new SymbolStateCache(1);
        cache.put("SPY", SymbolState.fresh());
        SymbolState ibm = SymbolState.fresh();
        cache.put("IBM", ibm);
        assertThat(cache.get("SPY")).isNull();
        assertThat(cache.get("IBM")).isSameAs(ibm);
    }

    @Test
    void clearForgetsEverything() {
        SymbolStateCache cache = new SymbolStateCache(8);
        cache.put("SPY", SymbolState.fresh());
        cache.clear();
        assertThat(cache.get("SPY")).isNull();
    }

    @Test
    void roundsSlotsUpToAPowerOfTwoAndRejectsNonsense() {
        assertThat(new SymbolStateCache(1000).slots()).isEqualTo(1024);
        assertThatThrownBy(() -> new SymbolStateCache(0)).hasMessageContaining("slots");
        assertThatThrownBy(() -> new SymbolStateCache(8).put("SPY", null))
                .hasMessageContaining("SPY");
        assertThatThrownBy(() -> new AgentCaches(-1, 0)).hasMessageContaining("symbol cache");
        assertThatThrownBy(() -> new AgentCaches(0, -1)).hasMessageContaining("row cache");
    }
}
