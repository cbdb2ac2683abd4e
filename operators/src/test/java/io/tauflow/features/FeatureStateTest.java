package io.tauflow.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.features.FeatureState.Average;
import io.tauflow.features.FeatureState.Window;
import java.util.List;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class FeatureStateTest {

    /** One named scalar of {@link FeatureState#values}: how to write it and how to read it. */
    private record Named(
            String name, ObjDoubleConsumer<FeatureState> set, ToDoubleFunction<FeatureState> get) {}

    /** Every scalar, in the order of the layout savepoints hold. */
    private static final List<Named> VALUES =
            List.of(
                    new Named("prevClose", FeatureState::setPrevClose, FeatureState::prevClose),
                    new Named("prevHigh", FeatureState::setPrevHigh, FeatureState::prevHigh),
                    new Named("prevLow", FeatureState::setPrevLow, FeatureState::prevLow),
                    new Named("ewmaVar", FeatureState::setEwmaVar, FeatureState::ewmaVar),
                    new Named("slowVar", FeatureState::setSlowVar, FeatureState::slowVar),
                    new Named("sentiment", FeatureState::setSentiment, FeatureState::sentiment),
                    new Named(
                            "bookImbalance",
                            FeatureState::setBookImbalance,
                            FeatureState::bookImbalance),
                    new Named(
                            "bookSpreadBps",
                            FeatureState::setBookSpreadBps,
                            FeatureState::bookSpreadBps),
                    new Named("bookDepth", FeatureState::setBookDepth, FeatureState::bookDepth));

    /** A state with its scalars, averages and window sums allocated, as the calculator lays out. */
    private static FeatureState laidOut() {
        FeatureState s = new FeatureState();
        s.ensureValues();
        s.clearAveragesAndWindows();
        return s;
    }

    @Test
    void everyNamedScalarReadsBackWhatWasWrittenWithNoOtherNameOnItsSlot() {
        FeatureState s = laidOut();
        for (int i = 0; i < VALUES.size(); i++) {
            VALUES.get(i).set.accept(s, 1.5 + i);
        }

        double[] expected = new double[VALUES.size()];
        for (int i = 0; i < VALUES.size(); i++) {
            Named n = VALUES.get(i);
            assertThat(n.get.applyAsDouble(s)).as(n.name).isEqualTo(1.5 + i);
            expected[i] = 1.5 + i;
        }
        // every slot has exactly one name, in the order savepoints hold
        assertThat(s.values).containsExactly(expected);
    }

    @Test
    void everyAverageHasAValueAndACountOfItsOwn() {
        FeatureState s = laidOut();
        Average[] averages = Average.values();
        for (Average a : averages) {
            s.setAverage(a, 100.5 + a.ordinal(), 200 + a.ordinal());
        }

        for (Average a : averages) {
            assertThat(s.average(a)).as(a.name()).isEqualTo(100.5 + a.ordinal());
            assertThat(s.averageCount(a)).as(a.name()).isEqualTo(200 + a.ordinal());
        }
        assertThat(averages)
                .containsExactly(
                        Average.RSI_GAIN,
                        Average.RSI_LOSS,
                        Average.ATR,
                        Average.ADX_TRUE_RANGE,
                        Average.PLUS_DM,
                        Average.MINUS_DM,
                        Average.ADX,
                        Average.EMA_FAST,
                        Average.EMA_SLOW,
                        Average.MACD_SIGNAL);
        assertThat(s.averages)
                .containsExactly(
                        100.5, 101.5, 102.5, 103.5, 104.5, 105.5, 106.5, 107.5, 108.5, 109.5);
        assertThat(s.averageCounts)
                .containsExactly(200, 201, 202, 203, 204, 205, 206, 207, 208, 209);
    }

    @Test
    void everyWindowHasThreeSumsOfItsOwn() {
        FeatureState s = laidOut();
        Window[] windows = Window.values();
        for (Window w : windows) {
            int k = 10 * w.ordinal();
            s.setWindowShift(w, k + 1);
            s.setWindowS1(w, k + 2);
            s.setWindowS2(w, k + 3);
        }

        double[] expected = new double[3 * windows.length];
        for (Window w : windows) {
            int k = 10 * w.ordinal();
            assertThat(s.windowShift(w)).as("shift %s", w).isEqualTo(k + 1);
            assertThat(s.windowS1(w)).as("s1 %s", w).isEqualTo(k + 2);
            assertThat(s.windowS2(w)).as("s2 %s", w).isEqualTo(k + 3);
            for (int j = 0; j < 3; j++) {
                expected[3 * w.ordinal() + j] = k + 1 + j;
            }
        }
        assertThat(windows)
                .containsExactly(
                        Window.BOLLINGER,
                        Window.TREND,
                        Window.VOLUME,
                        Window.FLOW_IMBALANCE,
                        Window.FLOW_VOLUME);
        // shift, s1 and s2 of each window in turn, as savepoints hold them
        assertThat(s.windowSums).containsExactly(expected);
    }

    @Test
    void theScalarsAreAllocatedOnceAndKeptByLaterCalls() {
        FeatureState s = new FeatureState();
        s.ensureValues();
        double[] values = s.values;
        s.setSentiment(3.0);
        s.ensureValues();

        assertThat(s.values).isSameAs(values).hasSize(9);
        assertThat(s.sentiment()).isEqualTo(3.0);

        s.values = new double[4];
        s.ensureValues();
        assertThat(s.values).hasSize(9).containsOnly(0.0);
    }

    @Test
    void clearingAllocatesZeroedAveragesAndWindowSums() {
        FeatureState s = laidOut();
        s.setAverage(Average.ADX, 1.0, 1);
        s.setWindowS2(Window.FLOW_VOLUME, 2.0);
        s.clearAveragesAndWindows();

        assertThat(s.averages).hasSize(10).containsOnly(0.0);
        assertThat(s.averageCounts).hasSize(10).containsOnly(0);
        assertThat(s.windowSums).hasSize(15).containsOnly(0.0);
    }
}
