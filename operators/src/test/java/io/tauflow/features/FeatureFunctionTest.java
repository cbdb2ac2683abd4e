package io.tauflow.features;

import static io.tauflow.testing.TestRecords.candle;
import static io.tauflow.testing.TestRecords.control;
import static io.tauflow.testing.TestRecords.level;
import static io.tauflow.testing.TestRecords.sentiment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.ingest.InboundEvent;
import io.tauflow.schema.ControlScope;
import io.tauflow.schema.ControlType;
import io.tauflow.schema.Regime;
import io.tauflow.testing.Harnesses;
import io.tauflow.testing.TestRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeatureFunctionTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T0_SENTIMENT = T0.plusSeconds(30);
    private static final Instant T0_BOOK = T0.plusSeconds(45);
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);

    private static final FeatureConfig CONFIG = FeatureConfig.defaults();

    private KeyedOneInputStreamOperatorTestHarness<String, InboundEvent, FeatureVector> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new FeatureFunction(CONFIG), InboundEvent::symbol, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(InboundEvent e) throws Exception {
        harness.processElement(e, e.eventTimeMs());
    }

    private static double decayed(double score, Instant published, Instant at) {
        double age = Duration.between(published, at).toMillis();
        return score * Math.pow(0.5, age / CONFIG.sentimentHalfLifeMs());
    }

    @Test
    void emitsAVectorPerCandleAndFoldsSentimentAndBookIntoTheNext() throws Exception {
        send(InboundEvent.candle(candle("AAA", T0, 100.0)));
        harness.processWatermark(T0.toEpochMilli());

        assertThat(harness.extractOutputValues()).hasSize(1);
        FeatureVector first = harness.extractOutputValues().get(0);
        assertThat(first.symbol).isEqualTo("AAA");
        assertThat(first.eventTimeMs).isEqualTo(T0.toEpochMilli());
        assertThat(first.sentiment).isZero();
        assertThat(first.bookImbalance).isZero();
        assertThat(first.warm).isFalse();
        assertThat(first.hasPrevious).isFalse();
        assertThat(first.regime).isEqualTo(Regime.RANGE_BOUND);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        send(InboundEvent.sentiment(sentiment("AAA", T0_SENTIMENT, 4.0)));
        send(
                InboundEvent.book(
                        TestRecords.book(
                                "AAA",
                                T0_BOOK,
                                List.of(level(99.9, 3.0), level(99.8, 2.0)),
                                List.of(level(100.1, 1.0), level(100.2, 1.0)))));
        harness.processWatermark(T0_BOOK.toEpochMilli());

        // sentiment and book produce no output of their own
        assertThat(harness.extractOutputValues()).hasSize(1);

        send(InboundEvent.candle(candle("AAA", T1, 101.0)));
        harness.processWatermark(T1.toEpochMilli());

        List<FeatureVector> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        FeatureVector second = out.get(1);
        assertThat(second.eventTimeMs).isEqualTo(T1.toEpochMilli());
        assertThat(second.close).isEqualTo(101.0);
        assertThat(second.logReturn).isCloseTo(Math.log(101.0 / 100.0), within(1e-12));
        assertThat(second.volatility).isCloseTo(Math.log(101.0 / 100.0), within(1e-12));
        assertThat(second.sentiment).isCloseTo(decayed(4.0, T0_SENTIMENT, T1), within(1e-12));
        assertThat(second.bookImbalance).isCloseTo((5.0 - 2.0) / (5.0 + 2.0), within(1e-12));
        assertThat(second.bookSpreadBps).isCloseTo(0.2 / 100.0 * 10_000, within(1e-6));
        assertThat(second.bookDepth).isEqualTo(5.0 + 2.0);
        assertThat(second.hasPrevious).isTrue();
        assertThat(second.vpin)
                .as("buy share (1 + imbalance)/2 from the book: |buy - sell| / volume = imbalance")
                .isCloseTo((5.0 - 2.0) / (5.0 + 2.0) / 2, within(1e-12));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void eachSymbolHasItsOwnState() throws Exception {
        send(InboundEvent.candle(candle("AAA", T0, 100.0)));
        send(InboundEvent.candle(candle("BBB", T0, 50.0)));
        send(InboundEvent.sentiment(sentiment("BBB", T0_SENTIMENT, -7.0)));
        harness.processWatermark(T0_SENTIMENT.toEpochMilli());
        send(InboundEvent.candle(candle("AAA", T1, 100.0)));
        send(InboundEvent.candle(candle("BBB", T1, 55.0)));
        harness.processWatermark(T1.toEpochMilli());

        List<FeatureVector> out = harness.extractOutputValues();
        assertThat(out).extracting(v -> v.symbol).containsExactly("AAA", "BBB", "AAA", "BBB");
        assertThat(out.get(2).sentiment).isZero();
        assertThat(out.get(2).logReturn).isZero();
        assertThat(out.get(3).sentiment).isCloseTo(decayed(-7.0, T0_SENTIMENT, T1), within(1e-12));
        assertThat(out.get(3).logReturn).isCloseTo(Math.log(55.0 / 50.0), within(1e-12));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isZero();

        FeatureState bbb = Harnesses.valueState(harness, "BBB", FeatureFunction.stateDescriptor());
        assertThat(bbb.bars).isEqualTo(2);
        assertThat(bbb.sentimentTimeMs).isEqualTo(T0_SENTIMENT.toEpochMilli());
        assertThat(bbb.prevClose()).isEqualTo(55.0);
        assertThat(bbb.closes)
                .hasSize(Math.max(CONFIG.longBars() + 1, CONFIG.trendMaPeriod()))
                .startsWith(50.0, 55.0);
        assertThat(bbb.flowImbalances).hasSize(CONFIG.vpinBars());
    }

    @Test
    void sentimentBeforeTheFirstCandleCreatesState() throws Exception {
        send(InboundEvent.sentiment(sentiment("AAA", T0_SENTIMENT, 2.0)));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        send(InboundEvent.candle(candle("AAA", T2, 10.0)));

        assertThat(harness.extractOutputValues().get(0).sentiment)
                .isCloseTo(decayed(2.0, T0_SENTIMENT, T2), within(1e-12));
    }

    @Test
    void refusesRecordsItCannotUse() {
        InboundEvent cmd =
                InboundEvent.control(
                        control("c-1", T0, ControlType.KILL_SWITCH_ON, ControlScope.SYMBOL, "AAA"));

        assertThatThrownBy(() -> harness.processElement(cmd, T0.toEpochMilli()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("features cannot use a CONTROL record");
    }
}
