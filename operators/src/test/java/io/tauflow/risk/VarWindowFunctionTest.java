package io.tauflow.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.schema.Regime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

class VarWindowFunctionTest {

    private static final Instant WINDOW_START = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant WINDOW_END = WINDOW_START.plus(Duration.ofHours(1));
    private static final TimeWindow WINDOW =
            new TimeWindow(WINDOW_START.toEpochMilli(), WINDOW_END.toEpochMilli());
    private static final String SYMBOL = "AAA";
    private static final int MIN_RETURNS = 20;

    private final VarWindowFunction function = new VarWindowFunction(MIN_RETURNS);

    /** The smallest context a process window function needs: its window. */
    private VarWindowFunction.Context context() {
        return function.new Context() {
            @Override
            public TimeWindow window() {
                return WINDOW;
            }

            @Override
            public long currentProcessingTime() {
                return 0;
            }

            @Override
            public long currentWatermark() {
                return WINDOW.maxTimestamp();
            }

            @Override
            public KeyedStateStore windowState() {
                throw new UnsupportedOperationException();
            }

            @Override
            public KeyedStateStore globalState() {
                throw new UnsupportedOperationException();
            }

            @Override
            public <X> void output(OutputTag<X> outputTag, X value) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static List<ReturnPoint> points(double[] returns) {
        List<ReturnPoint> out = new ArrayList<>();
        for (int i = 0; i < returns.length; i++) {
            out.add(
                    ReturnPoint.of(
                            SYMBOL,
                            WINDOW_START.plus(Duration.ofMinutes(i)).toEpochMilli(),
                            returns[i]));
        }
        return out;
    }

    private static double[] randomReturns(int n, long seed) {
        Random r = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = 0.004 * r.nextGaussian();
        }
        return out;
    }

    private List<VarEstimate> run(double[] returns) {
        List<VarEstimate> out = new ArrayList<>();
        function.process(SYMBOL, context(), points(returns), new ListCollector<>(out));
        return out;
    }

    @Test
    void tooFewReturnsEmitNothing() {
        assertThat(run(randomReturns(MIN_RETURNS - 1, 1))).isEmpty();
        assertThat(run(new double[0])).isEmpty();
    }

    @Test
    void enoughReturnsEmitOneEstimateForTheWindow() {
        double[] returns = randomReturns(MIN_RETURNS, 2);

        List<VarEstimate> out = run(returns);

        assertThat(out).hasSize(1);
        VarEstimate v = out.get(0);
        assertThat(v.symbol).isEqualTo(SYMBOL);
        assertThat(v.windowEndMs).isEqualTo(WINDOW_END.toEpochMilli() - 1);
        assertThat(v.returns).isEqualTo(MIN_RETURNS);
        assertThat(v.var95).isEqualTo(HistoricalVarTest.expectedVar(returns, "0.95"));
        assertThat(v.var99).isEqualTo(HistoricalVarTest.expectedVar(returns, "0.99"));
        assertThat(v.cvar95)
                .isCloseTo(HistoricalVarTest.expectedCvar(returns, "0.95"), within(1e-15));
        assertThat(v.cvar99)
                .isCloseTo(HistoricalVarTest.expectedCvar(returns, "0.99"), within(1e-15));
        assertThat(v.volatility).isCloseTo(HistoricalVarTest.sampleStdDev(returns), within(1e-15));
    }

    @Test
    void anHourOfMinuteReturns() {
        double[] returns = randomReturns(60, 3);
        returns[17] = -0.03; // the worst minute
        returns[42] = -0.02; // the second worst
        returns[5] = -0.015; // the third worst

        VarEstimate v = run(returns).get(0);

        // n = 60: 95 % -> k = 3 (fourth worst), 99 % -> k = 0 (worst)
        double[] sorted = returns.clone();
        Arrays.sort(sorted);
        assertThat(v.var99).isEqualTo(0.03);
        assertThat(v.cvar99).isEqualTo(0.03);
        assertThat(v.var95).isEqualTo(-sorted[3]);
        assertThat(v.cvar95)
                .isCloseTo(-(sorted[0] + sorted[1] + sorted[2] + sorted[3]) / 4, within(1e-15));
    }

    @Test
    void refusesAMinimumBelowTwo() {
        assertThatThrownBy(() -> new VarWindowFunction(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2");
    }

    @Test
    void harnessSlidingWindowsEmitPerSymbolAndWindowEndAndThenForget() throws Exception {
        Duration size = Duration.ofMinutes(30);
        Duration slide = Duration.ofMinutes(10);
        KeySelector<ReturnPoint, String> bySymbol = p -> p.symbol;
        VarConfig config = VarConfig.defaults();
        WindowOperatorBuilder<ReturnPoint, String, TimeWindow> builder =
                new WindowOperatorBuilder<>(
                        SlidingEventTimeWindows.of(size, slide),
                        EventTimeTrigger.create(),
                        new ExecutionConfig(),
                        TypeInformation.of(ReturnPoint.class),
                        bySymbol,
                        Types.STRING);
        OneInputStreamOperator<ReturnPoint, VarEstimate> operator =
                builder.process(new VarWindowFunction(MIN_RETURNS, config));
        double[] aaa = randomReturns(60, 7);
        double[] bbb = randomReturns(60, 8);
        try (KeyedOneInputStreamOperatorTestHarness<String, ReturnPoint, VarEstimate> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(operator, bySymbol, Types.STRING)) {
            harness.open();
            for (int i = 0; i < 60; i++) {
                long t = WINDOW_START.plus(Duration.ofMinutes(i)).toEpochMilli();
                harness.processElement(
                        new StreamRecord<>(
                                ReturnPoint.of("AAA", t, aaa[i], 60_000, Regime.BEAR_VOLATILE), t));
                harness.processElement(
                        new StreamRecord<>(ReturnPoint.of("BBB", t, bbb[i], 60_000, null), t));
            }
            assertThat(harness.extractOutputValues()).isEmpty();
            assertThat(harness.numEventTimeTimers()).isPositive();

            long firstFullEnd = WINDOW_START.plus(size).toEpochMilli();
            harness.processWatermark(firstFullEnd - 1);

            // windows ending 10:10, 10:20, 10:30 have fired with 10, 20, 30 returns: the last two
            // emit
            List<VarEstimate> out = harness.extractOutputValues();
            assertThat(out)
                    .extracting(v -> v.symbol)
                    .containsExactlyInAnyOrder("AAA", "BBB", "AAA", "BBB");
            VarWindow reference = new VarWindow(config);
            for (VarEstimate v : out) {
                long end = v.windowEndMs + 1;
                int from =
                        (int)
                                Duration.ofMillis(
                                                end - size.toMillis() - WINDOW_START.toEpochMilli())
                                        .toMinutes();
                int to = (int) Duration.ofMillis(end - WINDOW_START.toEpochMilli()).toMinutes();
                double[] all = v.symbol.equals("AAA") ? aaa : bbb;
                double[] window = Arrays.copyOfRange(all, Math.max(0, from), to);
                assertThat(v.returns).isEqualTo(window.length);
                VarEstimate expected =
                        reference.estimate(
                                v.symbol,
                                v.windowEndMs,
                                window,
                                60_000,
                                v.symbol.equals("AAA") ? Regime.BEAR_VOLATILE : null);
                assertThat(v).isEqualTo(expected);
                assertThat(v.barIntervalMs).isEqualTo(60_000);
                assertThat(v.mcLevel).isEqualTo(1);
            }

            harness.processWatermark(Long.MAX_VALUE);
            // then 10:40, 10:50, 11:00 (30 returns) and 11:10 (20) emit, 11:20 (10) does not
            assertThat(harness.extractOutputValues()).hasSize(4 + 2 * 4);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }
}
