package io.tauflow.regime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tauflow.features.FeatureVector;
import io.tauflow.schema.Regime;
import io.tauflow.testing.Harnesses;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MarketRegimeFunctionTest {

    private static final long MINUTE = 60_000L;
    private static final long T0 = Instant.parse("2013-10-07T13:30:00Z").toEpochMilli();
    private static final long T1 = T0 + MINUTE;
    private static final long T2 = T0 + 2 * MINUTE;
    private static final long MAX_AGE = 15 * MINUTE;

    private KeyedBroadcastOperatorTestHarness<String, FeatureVector, RegimeMark, FeatureVector>
            harness;

    @BeforeEach
    void start() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new MarketRegimeFunction(MAX_AGE),
                        v -> v.symbol,
                        Types.STRING,
                        MarketRegimeFunction.MARKET_REGIMES);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private static FeatureVector vector(String symbol, long time) {
        FeatureVector v = new FeatureVector();
        v.symbol = symbol;
        v.eventTimeMs = time;
        v.close = 100.0;
        v.regime = Regime.RANGE_BOUND;
        return v;
    }

    private void watermark(long t) throws Exception {
        harness.processWatermark(t);
        harness.processBroadcastWatermark(t);
    }

    @Test
    void holdsVectorsUntilTheWatermarkThenStampsTheLatestMarkAtOrBeforeTheirTime()
            throws Exception {
        harness.processBroadcastElement(RegimeMark.of(T0, Regime.BULL_TRENDING), T0);
        // The vector of T1 arrives before the reference bar of T1: it must still get T1's regime.
        harness.processElement(vector("IBM", T1), T1);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        assertThat(Harnesses.numKeyedStateEntries(harness)).isEqualTo(1);

        harness.processBroadcastElement(RegimeMark.of(T1, Regime.BEAR_VOLATILE), T1);
        watermark(T1);

        assertThat(harness.extractOutputValues())
                .extracting(v -> v.symbol, v -> v.eventTimeMs, v -> v.marketRegime)
                .containsExactly(tuple("IBM", T1, Regime.BEAR_VOLATILE));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(Harnesses.numKeyedStateEntries(harness)).isZero();
    }

    @Test
    void aVectorBetweenMarksGetsTheEarlierOne() throws Exception {
        harness.processBroadcastElement(RegimeMark.of(T0, Regime.BULL_VOLATILE), T0);
        harness.processBroadcastElement(RegimeMark.of(T2, Regime.BEAR_TRENDING), T2);
        harness.processElement(vector("BAC", T1), T1);
        harness.processElement(vector("BAC", T2), T2);
        watermark(T1);
        assertThat(harness.extractOutputValues())
                .extracting(v -> v.eventTimeMs, v -> v.marketRegime)
                .containsExactly(tuple(T1, Regime.BULL_VOLATILE));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        watermark(T2);
        assertThat(harness.extractOutputValues())
                .extracting(v -> v.eventTimeMs, v -> v.marketRegime)
                .containsExactly(tuple(T1, Regime.BULL_VOLATILE), tuple(T2, Regime.BEAR_TRENDING));
    }

    @Test
    void noMarkOrAStaleMarkGivesNull() throws Exception {
        harness.processElement(vector("AIG", T0), T0);
        watermark(T0);
        harness.processBroadcastElement(RegimeMark.of(T1, Regime.BULL_TRENDING), T1);
        long justFresh = T1 + MAX_AGE;
        long stale = justFresh + 1;
        harness.processElement(vector("AIG", justFresh), justFresh);
        harness.processElement(vector("AIG", stale), stale);
        watermark(stale);
        assertThat(harness.extractOutputValues())
                .extracting(v -> v.eventTimeMs, v -> v.marketRegime)
                .containsExactly(
                        tuple(T0, null),
                        tuple(justFresh, Regime.BULL_TRENDING),
                        tuple(stale, null));
    }

    @Test
    void marksTooOldToMatterArePrunedAsTheWatermarkMoves() throws Exception {
        for (int i = 0; i < 40; i++) {
            long t = T0 + i * MINUTE;
            watermark(t - 1);
            harness.processBroadcastElement(RegimeMark.of(t, Regime.RANGE_BOUND), t);
        }
        Map<Long, Regime> kept = new java.util.HashMap<>();
        for (Map.Entry<Long, Regime> e :
                harness.getBroadcastState(MarketRegimeFunction.MARKET_REGIMES).immutableEntries()) {
            kept.put(e.getKey(), e.getValue());
        }
        long watermark = T0 + 39 * MINUTE - 1;
        assertThat(kept.keySet()).allMatch(t -> t >= watermark - MAX_AGE);
        assertThat(kept).hasSize(16).containsKey(T0 + 39 * MINUTE);
    }

    @Test
    void regimeAtPicksTheLatestMarkNotAfterTheTime() {
        List<Map.Entry<Long, Regime>> marks =
                List.of(
                        Map.entry(T2, Regime.BEAR_TRENDING),
                        Map.entry(T0, Regime.BULL_TRENDING),
                        Map.entry(T1, Regime.RANGE_BOUND));
        assertThat(MarketRegimeFunction.regimeAt(marks, T1, MAX_AGE)).isEqualTo(Regime.RANGE_BOUND);
        assertThat(MarketRegimeFunction.regimeAt(marks, T0 - 1, MAX_AGE)).isNull();
        assertThat(MarketRegimeFunction.regimeAt(marks, T2 + MAX_AGE, MAX_AGE))
                .isEqualTo(Regime.BEAR_TRENDING);
        assertThat(MarketRegimeFunction.regimeAt(marks, T2 + MAX_AGE + 1, MAX_AGE)).isNull();
    }

    @Test
    void rejectsANonPositiveMaxAge() {
        assertThatThrownBy(() -> new MarketRegimeFunction(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max age");
    }
}
