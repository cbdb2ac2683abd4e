package io.tauflow.sizing;

import static io.tauflow.testing.TestRecords.sideRecords;
import static io.tauflow.testing.TestRecords.sideValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.agent.AgentDecision;
import io.tauflow.emotion.EmotionSignal;
import io.tauflow.schema.Action;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Emotion;
import io.tauflow.schema.Side;
import io.tauflow.testing.Harnesses;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SizerFunctionTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final Instant T3 = T0.plusSeconds(180);
    private static final Instant T4 = T0.plusSeconds(240);
    private static final double BASE = 150.0;
    private static final String ACCOUNT = "acct-1";

    private KeyedOneInputStreamOperatorTestHarness<String, SizerEvent, Decision> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new SizerFunction(SizingConfig.defaults(), AccountMap.single(ACCOUNT)),
                        SizerEvent::symbol,
                        Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static AgentDecision decision(String symbol, Instant t, Action a, double confidence) {
        AgentDecision d = new AgentDecision();
        d.symbol = symbol;
        d.eventTimeMs = t.toEpochMilli();
        d.price = 100.0;
        d.action = a;
        d.confidence = confidence;
        d.source = "Q";
        d.positionQty = a == Action.BUY ? 1.5 : 0.0;
        d.entryPrice = a == Action.BUY ? 100.0 : 0.0;
        return d;
    }

    private void send(AgentDecision d) throws Exception {
        harness.processElement(SizerEvent.of(d), d.eventTimeMs);
        harness.processWatermark(d.eventTimeMs);
    }

    private void send(String symbol, Instant t, EmotionSignal.Kind kind) throws Exception {
        harness.processElement(
                SizerEvent.of(EmotionSignal.of(symbol, t.toEpochMilli(), kind)), t.toEpochMilli());
        harness.processWatermark(t.toEpochMilli());
    }

    @Test
    void aConfidentBuyOpensAndASellCloses() throws Exception {
        double c = 0.8;

        send(decision("AAA", T0, Action.BUY, c));

        List<Decision> decisions = harness.extractOutputValues();
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).getOrderIntent()).isTrue();
        assertThat(decisions.get(0).getEmotion()).isEqualTo(Emotion.NEUTRAL);
        assertThat(decisions.get(0).getEmoji())
                .startsWith("😐 🟢 [")
                .isEqualTo("😐 🟢 [████░] 80%");
        List<StreamRecord<OrderIntent>> intents = sideRecords(harness, SizerFunction.INTENTS);
        assertThat(intents).hasSize(1);
        OrderIntent open = intents.get(0).getValue();
        assertThat(open.notional).isCloseTo(BASE * (0.8 + 0.4 * c), within(1e-9));
        assertThat(open.side).isEqualTo(Side.BUY);
        assertThat(open.closing).isFalse();
        assertThat(open.account).isEqualTo(ACCOUNT);
        assertThat(intents.get(0).getTimestamp()).isEqualTo(T0.toEpochMilli());
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        send(decision("AAA", T1, Action.HOLD, 0.6));
        send(decision("AAA", T2, Action.SELL, 0.7));

        assertThat(harness.extractOutputValues())
                .extracting(Decision::getOrderIntent)
                .containsExactly(true, false, true);
        List<OrderIntent> all = sideValues(harness, SizerFunction.INTENTS);
        assertThat(all).hasSize(2);
        OrderIntent close = all.get(1);
        assertThat(close.side).isEqualTo(Side.SELL);
        assertThat(close.closing).isTrue();
        assertThat(close.clientOrderId).isEqualTo(ACCOUNT + ":AAA:" + T2.toEpochMilli() + ":S");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aLossStreakWorriesTheSizerSoTheNextBuyNeedsMoreConfidenceAndIsHalved() throws Exception {
        send("AAA", T0, EmotionSignal.Kind.LOSS_STREAK);

        // a signal changes state but emits nothing
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(Harnesses.valueState(harness, "AAA", SizerFunction.stateDescriptor()).emotion)
                .isEqualTo(Emotion.WORRIED);

        send(decision("AAA", T1, Action.BUY, 0.74));

        Decision refused = harness.extractOutputValues().get(0);
        assertThat(refused.getOrderIntent()).isFalse();
        assertThat(refused.getEmotion()).isEqualTo(Emotion.WORRIED);
        assertThat(refused.getEmoji()).startsWith("😟 🟢 [");
        assertThat(sideValues(harness, SizerFunction.INTENTS)).isEmpty();

        send(decision("AAA", T2, Action.BUY, 0.75));

        List<OrderIntent> intents = sideValues(harness, SizerFunction.INTENTS);
        assertThat(intents).hasSize(1);
        assertThat(intents.get(0).notional)
                .isCloseTo(BASE * (0.8 + 0.4 * 0.75) * 0.5, within(1e-9));
        assertThat(intents.get(0).emotion).isEqualTo(Emotion.WORRIED);
    }

    @Test
    void winsWalkTheEmotionBack() throws Exception {
        send("AAA", T0, EmotionSignal.Kind.LOSS_STREAK);
        send("AAA", T1, EmotionSignal.Kind.WIN);
        send("AAA", T2, EmotionSignal.Kind.WIN);

        send(decision("AAA", T3, Action.BUY, 0.69));
        send(decision("AAA", T4, Action.WAIT, 0.5));

        // WORRIED -> CAUTIOUS -> NEUTRAL: 0.69 clears the plain threshold again
        assertThat(harness.extractOutputValues())
                .extracting(Decision::getEmotion)
                .containsExactly(Emotion.NEUTRAL, Emotion.NEUTRAL);
        assertThat(sideValues(harness, SizerFunction.INTENTS)).hasSize(1);
    }

    @Test
    void emotionsAreKeptPerSymbol() throws Exception {
        send("AAA", T0, EmotionSignal.Kind.LOSS_STREAK);
        send(decision("BBB", T1, Action.BUY, 0.7));
        send(decision("AAA", T1, Action.BUY, 0.7));

        assertThat(harness.extractOutputValues())
                .extracting(Decision::getSymbol, Decision::getEmotion, Decision::getOrderIntent)
                .containsExactly(
                        tuple("BBB", Emotion.NEUTRAL, true), tuple("AAA", Emotion.WORRIED, false));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aStopLossClosesThePositionTheSizerOpenedInEventTime() throws Exception {
        send(decision("AAA", T0, Action.BUY, 0.9));
        AgentDecision drop = decision("AAA", T1, Action.HOLD, 0.5);
        drop.price = 98.9; // -1.1 %: below the default 1 % stop loss

        send(drop);

        List<OrderIntent> intents = sideValues(harness, SizerFunction.INTENTS);
        assertThat(intents)
                .extracting(i -> i.side, i -> i.closing, i -> i.exit)
                .containsExactly(
                        tuple(Side.BUY, false, null), tuple(Side.SELL, true, ExitReason.STOP_LOSS));
        assertThat(intents.get(1).clientOrderId)
                .isEqualTo(ACCOUNT + ":AAA:" + T1.toEpochMilli() + ":S");
        SizerState st = Harnesses.valueState(harness, "AAA", SizerFunction.stateDescriptor());
        assertThat(st.open).isFalse();
        assertThat(harness.extractOutputValues())
                .extracting(Decision::getOrderIntent)
                .containsExactly(true, true);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
