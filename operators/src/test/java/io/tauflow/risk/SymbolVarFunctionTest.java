package io.tauflow.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.features.BarClose;
import io.tauflow.schema.Regime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The per-symbol estimates from one incremental window of returns are exactly those of Flink's
 * sliding windows: every window {@code [k slide - window, k slide)} that holds a return, computed
 * once the watermark passes its end, over its returns in time order; none with fewer than the
 * minimum. The reference below assigns each return to its windows as {@code
 * SlidingEventTimeWindows} does and computes each with the same {@link VarWindow}.
 */
class SymbolVarFunctionTest {

    private static final long MINUTE = 60_000L;
    private static final long T0 = Instant.parse("2024-03-01T10:03:00Z").toEpochMilli();
    private static final VarWindows WINDOWS =
            new VarWindows(Duration.ofMinutes(60), Duration.ofMinutes(5), 20);

    private static KeyedOneInputStreamOperatorTestHarness<String, BarClose, VarEstimate> harness()
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, BarClose, VarEstimate> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new io.tauflow.state.WriteBackOperator<>(
                                new SymbolVarFunction(WINDOWS, VarConfig.defaults())),
                        b -> b.symbol,
                        Types.STRING);
        return h;
    }

    /** Bars of two symbols, one a minute with gaps, the first of each without a return. */
    private static List<BarClose> bars(int n, long seed) {
        Random rnd = new Random(seed);
        List<BarClose> out = new ArrayList<>();
        long t = T0;
        for (int k = 0; k < n; k++) {
            t += MINUTE * (rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(90) : 1);
            for (String symbol : List.of("AAA", "BBB")) {
                BarClose b = new BarClose();
                b.symbol = symbol;
                b.eventTimeMs = t;
                b.intervalMs = MINUTE;
                b.close = 100.0;
                b.hasPrevious = k > 0;
                b.logReturn = b.hasPrevious ? 0.002 * rnd.nextGaussian() : 0.0;
                b.regime = Regime.values()[rnd.nextInt(Regime.values().length)];
                out.add(b);
            }
        }
        return out;
    }

    /** Every sliding window of each symbol, as Flink assigns and fires them. */
    private static List<VarEstimate> reference(List<BarClose> bars) {
        long w = WINDOWS.window().toMillis();
        long s = WINDOWS.slide().toMillis();
        VarWindow var = new VarWindow(VarConfig.defaults());
        java.util.Map<String, java.util.TreeMap<Long, List<BarClose>>> windows =
                new java.util.TreeMap<>();
        for (BarClose b : bars) {
            if (!b.hasPrevious) {
                continue;
            }
            long last = b.eventTimeMs - Math.floorMod(b.eventTimeMs, s);
            for (long start = last; start > b.eventTimeMs - w; start -= s) {
                windows.computeIfAbsent(b.symbol, k -> new java.util.TreeMap<>())
                        .computeIfAbsent(start + w - 1, k -> new ArrayList<>())
                        .add(b);
            }
        }
        List<VarEstimate> out = new ArrayList<>();
        windows.forEach(
                (symbol, byEnd) ->
                        byEnd.forEach(
                                (end, in) -> {
                                    if (in.size() >= WINDOWS.minReturns()) {
                                        double[] r = new double[in.size()];
                                        for (int i = 0; i < r.length; i++) {
                                            r[i] = in.get(i).logReturn;
                                        }
                                        out.add(
                                                var.estimate(
                                                        symbol,
                                                        end,
                                                        r,
                                                        MINUTE,
                                                        in.get(in.size() - 1).regime));
                                    }
                                }));
        return out;
    }

    private static List<VarEstimate> sorted(List<VarEstimate> v) {
        List<VarEstimate> out = new ArrayList<>(v);
        out.sort(
                java.util.Comparator.comparing((VarEstimate e) -> e.symbol)
                        .thenComparingLong(e -> e.windowEndMs));
        return out;
    }

    @Test
    void estimatesEqualThoseOfFlinksSlidingWindows() throws Exception {
        List<BarClose> bars = bars(400, 1);
        List<VarEstimate> expected = reference(bars);
        assertThat(expected).hasSizeGreaterThan(50);

        try (var h = harness()) {
            h.open();
            long watermark = Long.MIN_VALUE;
            for (BarClose b : bars) {
                h.processElement(b, b.eventTimeMs);
                // the watermark trails by a few minutes and moves in jumps
                if (b.eventTimeMs - 3 * MINUTE > watermark + 7 * MINUTE) {
                    watermark = b.eventTimeMs - 3 * MINUTE;
                    h.processWatermark(watermark);
                }
            }
            h.processWatermark(Long.MAX_VALUE);
            assertThat(sorted(h.extractOutputValues())).isEqualTo(sorted(expected));
            // one timer per symbol at most: the next window end
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aRestoreFromACheckpointContinuesWithTheSameEstimates() throws Exception {
        List<BarClose> bars = bars(300, 2);
        List<VarEstimate> expected = reference(bars);
        List<VarEstimate> got = new ArrayList<>();
        int cut = bars.size() / 2;
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            for (BarClose b : bars.subList(0, cut)) {
                h.processElement(b, b.eventTimeMs);
                h.processWatermark(b.eventTimeMs - 1);
            }
            snapshot = h.snapshot(1L, 1L);
            got.addAll(h.extractOutputValues());
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            for (BarClose b : bars.subList(cut, bars.size())) {
                h.processElement(b, b.eventTimeMs);
                h.processWatermark(b.eventTimeMs - 1);
            }
            h.processWatermark(Long.MAX_VALUE);
            got.addAll(h.extractOutputValues());
        }
        assertThat(sorted(got)).isEqualTo(sorted(expected));
    }

    @Test
    void theFirstWindowEndHoldingAReturnIsTheEarliestSlidingWindowOfIt() {
        SymbolVarFunction f = new SymbolVarFunction(WINDOWS, VarConfig.defaults());
        long t = Instant.parse("2024-03-01T10:07:30Z").toEpochMilli();
        // windows [09:10, 10:10) ... [10:05, 11:05) hold 10:07:30; the earliest ends 10:09:59.999
        assertThat(f.firstEnd(t))
                .isEqualTo(Instant.parse("2024-03-01T10:10:00Z").toEpochMilli() - 1);
    }
}
