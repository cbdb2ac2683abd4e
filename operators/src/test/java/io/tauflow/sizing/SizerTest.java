package io.tauflow.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.agent.AgentDecision;
import io.tauflow.agent.QAgent;
import io.tauflow.emotion.EmotionProfile;
import io.tauflow.emotion.EmotionSignal;
import io.tauflow.schema.Action;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Emotion;
import io.tauflow.schema.Regime;
import io.tauflow.schema.Side;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SizerTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final double BASE = 150.0;
    private static final double THRESHOLD = 0.65;

    private final Sizer sizer =
            new Sizer(
                    SizingConfig.defaults(),
                    new AccountMap("acct-main", java.util.Map.of("AAA", "acct-a")));

    private static AgentDecision decision(String symbol, Instant t, Action a, double confidence) {
        AgentDecision d = new AgentDecision();
        d.symbol = symbol;
        d.eventTimeMs = t.toEpochMilli();
        d.price = 100.0;
        d.action = a;
        d.confidence = confidence;
        d.source = "Q";
        d.stateIndex = 1234;
        d.positionQty = a == Action.BUY ? 1.5 : 0.0;
        d.entryPrice = a == Action.BUY ? 100.0 : 0.0;
        d.realizedPnl = 2.5;
        d.reward = 0.0;
        d.streak = 0;
        d.rsi = 55.0;
        d.momentumShort = 0.001;
        d.volatility = 0.002;
        return d;
    }

    @Test
    void exploratoryActionsNeverBecomeOrdersByDefault() {
        SizerState s = new SizerState();
        AgentDecision explore = decision("SPY", T0, Action.BUY, 0.99);
        explore.source = QAgent.EXPLORE;
        assertThat(sizer.onDecision(s, explore).intent)
                .as("an exploratory BUY opens nothing")
                .isNull();
        assertThat(s.open).isFalse();

        // A position opened by a decision taken without exploring is not closed by an
        // exploratory SELL, but a price exit still closes it.
        assertThat(sizer.onDecision(s, decision("SPY", T0, Action.BUY, 0.99)).intent).isNotNull();
        AgentDecision sell = decision("SPY", T1, Action.SELL, 0.99);
        sell.source = QAgent.EXPLORE;
        assertThat(sizer.onDecision(s, sell).intent).isNull();
        assertThat(s.open).isTrue();
        AgentDecision crash = decision("SPY", T1.plusSeconds(60), Action.HOLD, 0.5);
        crash.source = QAgent.EXPLORE;
        crash.price = 95.0;
        OrderIntent stop = sizer.onDecision(s, crash).intent;
        assertThat(stop).isNotNull();
        assertThat(stop.exit).isEqualTo(ExitReason.STOP_LOSS);

        // With tauflow.sizing.trade-exploration, they do.
        Sizer trading =
                new Sizer(
                        SizingConfig.defaults().withTradeExploration(true),
                        AccountMap.single("acct"));
        assertThat(trading.onDecision(new SizerState(), explore).intent).isNotNull();
    }

    private static SizerState feeling(Emotion e) {
        SizerState s = new SizerState();
        s.emotion = e;
        return s;
    }

    private boolean opens(Emotion e, double confidence) {
        return sizer.onDecision(feeling(e), decision("AAA", T0, Action.BUY, confidence)).intent
                != null;
    }

    /** The default fear and greed weights reproduce the seed's size table of the emotions. */
    @Test
    void notionalScalesWithConfidenceAndEmotion() {
        for (EmotionProfile p : EmotionProfile.values()) {
            for (double c : new double[] {0.0, 0.5, 0.65, 0.8, 1.0}) {
                assertThat(sizer.notional(c, p))
                        .as("%s at %s", p, c)
                        .isCloseTo(BASE * (0.8 + 0.4 * c) * p.sizeFactor, within(1e-12));
            }
        }
        assertThat(sizer.notional(0.8, EmotionProfile.NEUTRAL)).isCloseTo(168.0, within(1e-9));
    }

    @Test
    void aConfidentBuyOpensAnIntentWithAllItsFields() {
        SizerState s = new SizerState();
        AgentDecision d = decision("AAA", T0, Action.BUY, 0.8);

        Sizer.Sized out = sizer.onDecision(s, d);

        OrderIntent i = out.intent;
        assertThat(i).isNotNull();
        assertThat(i.account).isEqualTo("acct-a");
        assertThat(i.symbol).isEqualTo("AAA");
        assertThat(i.side).isEqualTo(Side.BUY);
        assertThat(i.closing).isFalse();
        assertThat(i.notional).isCloseTo(BASE * (0.8 + 0.4 * 0.8), within(1e-9));
        assertThat(i.price).isEqualTo(100.0);
        assertThat(i.eventTimeMs).isEqualTo(T0.toEpochMilli());
        assertThat(i.confidence).isEqualTo(0.8);
        assertThat(i.emotion).isEqualTo(Emotion.NEUTRAL);
        assertThat(i.clientOrderId).isEqualTo("acct-a:AAA:" + T0.toEpochMilli() + ":B");
        assertThat(s.open).isTrue();
        assertThat(s.entryPrice).isEqualTo(100.0);
        assertThat(s.entryTimeMs).isEqualTo(T0.toEpochMilli());
        assertThat(out.decision.getOrderIntent()).isTrue();
    }

    @Test
    void theDecisionRecordCopiesTheAgentsDecision() {
        AgentDecision d = decision("ZZZ", T0, Action.WAIT, 0.3);
        d.reward = -1.25;
        d.regime = Regime.BEAR_VOLATILE;

        Decision out = sizer.onDecision(feeling(Emotion.HAPPY), d).decision;

        assertThat(out.getSymbol()).isEqualTo("ZZZ");
        assertThat(out.getEventTimeMs()).isEqualTo(T0.toEpochMilli());
        assertThat(out.getPrice()).isEqualTo(100.0);
        assertThat(out.getAction()).isEqualTo(Action.WAIT);
        assertThat(out.getConfidence()).isEqualTo(0.3);
        assertThat(out.getSource()).isEqualTo("Q");
        assertThat(out.getStateIndex()).isEqualTo(1234);
        assertThat(out.getEmotion()).isEqualTo(Emotion.HAPPY);
        assertThat(out.getPositionQty()).isEqualTo(0.0);
        assertThat(out.getRealizedPnl()).isEqualTo(2.5);
        assertThat(out.getReward()).isEqualTo(-1.25);
        assertThat(out.getRsi()).isEqualTo(55.0);
        assertThat(out.getMomentumShort()).isEqualTo(0.001);
        assertThat(out.getVolatility()).isEqualTo(0.002);
        assertThat(out.getOrderIntent()).isFalse();
        assertThat(out.getRegime()).isEqualTo(Regime.BEAR_VOLATILE);
        assertThat(out.getEmoji()).isEqualTo("😊 ⏳ [██░░░] 30% 📉");
    }

    @Test
    void thresholdJustUnderAndAtForEachEmotion() {
        assertThat(opens(Emotion.NEUTRAL, THRESHOLD)).isTrue();
        assertThat(opens(Emotion.NEUTRAL, THRESHOLD - 1e-6)).isFalse();
        assertThat(opens(Emotion.HAPPY, THRESHOLD)).isTrue();
        assertThat(opens(Emotion.HAPPY, THRESHOLD - 1e-6)).isFalse();
        assertThat(opens(Emotion.EXCITED, 0.63)).isTrue();
        assertThat(opens(Emotion.EXCITED, 0.63 - 1e-6)).isFalse();
        assertThat(opens(Emotion.CAUTIOUS, 0.70 + 1e-6)).isTrue();
        assertThat(opens(Emotion.CAUTIOUS, 0.70 - 1e-6)).isFalse();
        assertThat(opens(Emotion.WORRIED, 0.75)).isTrue();
        assertThat(opens(Emotion.WORRIED, 0.75 - 1e-6)).isFalse();
        assertThat(opens(Emotion.SCARED, 0.80)).isTrue();
        assertThat(opens(Emotion.SCARED, 0.80 - 1e-6)).isFalse();
    }

    @Test
    void aCautiousBuyAtExactlyTheShiftedThresholdOpens() {
        assertThat(opens(Emotion.CAUTIOUS, 0.70)).isTrue();
    }

    @Test
    void worriedHalvesTheSize() {
        SizerState s = new SizerState();
        sizer.onSignal(
                s, EmotionSignal.of("AAA", T0.toEpochMilli(), EmotionSignal.Kind.LOSS_STREAK));

        OrderIntent i = sizer.onDecision(s, decision("AAA", T1, Action.BUY, 0.9)).intent;

        assertThat(s.emotion).isEqualTo(Emotion.WORRIED);
        assertThat(i.notional).isCloseTo(BASE * (0.8 + 0.4 * 0.9) * 0.5, within(1e-9));
        assertThat(i.emotion).isEqualTo(Emotion.WORRIED);
    }

    @Test
    void theNotionalIsCapped() {
        Sizer big = new Sizer(SizingConfig.of(200.0, 0.5, 250.0), AccountMap.single("acct"));

        OrderIntent i =
                big.onDecision(feeling(Emotion.EXCITED), decision("AAA", T0, Action.BUY, 1.0))
                        .intent;

        // 200 * 1.2 * 1.2 = 288, above the cap
        assertThat(big.notional(1.0, EmotionProfile.EXCITED)).isCloseTo(288.0, within(1e-9));
        assertThat(i.notional).isEqualTo(250.0);
    }

    @Test
    void aSellAfterAnOpenIntentCloses() {
        SizerState s = new SizerState();
        sizer.onDecision(s, decision("BBB", T0, Action.BUY, 0.9));

        Sizer.Sized out = sizer.onDecision(s, decision("BBB", T1, Action.SELL, 0.2));

        assertThat(out.intent.side).isEqualTo(Side.SELL);
        assertThat(out.intent.closing).isTrue();
        assertThat(out.intent.exit).isEqualTo(ExitReason.SIGNAL);
        assertThat(out.intent.account).isEqualTo("acct-main");
        assertThat(out.intent.clientOrderId).isEqualTo("acct-main:BBB:" + T1.toEpochMilli() + ":S");
        assertThat(out.decision.getOrderIntent()).isTrue();
        assertThat(s.open).isFalse();
    }

    @Test
    void noIntentWithoutSomethingToOpenOrClose() {
        SizerState s = new SizerState();

        assertThat(sizer.onDecision(s, decision("AAA", T0, Action.SELL, 0.9)).intent).isNull();
        assertThat(sizer.onDecision(s, decision("AAA", T0, Action.WAIT, 0.9)).intent).isNull();
        assertThat(sizer.onDecision(s, decision("AAA", T0, Action.HOLD, 0.9)).intent).isNull();
        assertThat(sizer.onDecision(s, decision("AAA", T0, Action.BUY, 0.9)).intent).isNotNull();
        // already open: a second BUY opens nothing more
        assertThat(sizer.onDecision(s, decision("AAA", T1, Action.BUY, 0.9)).intent).isNull();
        assertThat(s.open).isTrue();
    }

    @Test
    void anUnconfidentBuyOpensNothingSoItsSellClosesNothing() {
        SizerState s = new SizerState();

        assertThat(sizer.onDecision(s, decision("AAA", T0, Action.BUY, 0.5)).intent).isNull();
        assertThat(sizer.onDecision(s, decision("AAA", T1, Action.SELL, 0.9)).intent).isNull();
    }

    @Test
    void emojiShowsProfitOnlyForAnOpenPositionAboveEntry() {
        AgentDecision holding = decision("AAA", T0, Action.HOLD, 0.6);
        holding.positionQty = 1.5;
        holding.entryPrice = 99.0;
        holding.streak = 4;

        String emoji = sizer.onDecision(new SizerState(), holding).decision.getEmoji();

        assertThat(emoji).isEqualTo("😐 ⏸️ [███░░] 60% 🔥💰");
    }

    @Test
    void fearOnlyScalesDownAndGreedOnlyUpUpToItsBound() {
        assertThat(sizer.fearFactor(EmotionProfile.SCARED)).isCloseTo(0.25, within(1e-12));
        assertThat(sizer.fearFactor(EmotionProfile.HAPPY)).isEqualTo(1.0); // fear below neutral
        assertThat(sizer.greedFactor(EmotionProfile.CAUTIOUS)).isEqualTo(1.0); // greed below
        assertThat(sizer.greedFactor(EmotionProfile.HAPPY)).isCloseTo(1.1, within(1e-12));
        // EXCITED: 1 + 0.5 x 0.5 = 1.25, bounded at 1.2
        assertThat(sizer.greedFactor(EmotionProfile.EXCITED)).isEqualTo(1.2);

        Sizer bolder =
                new Sizer(
                        SizingConfig.defaults().withEmotionFactors(0.0, 1.0, 1.4),
                        AccountMap.single("acct"));
        assertThat(bolder.fearFactor(EmotionProfile.SCARED)).isEqualTo(1.0);
        assertThat(bolder.greedFactor(EmotionProfile.HAPPY)).isCloseTo(1.2, within(1e-12));
        assertThat(bolder.greedFactor(EmotionProfile.EXCITED)).isCloseTo(1.4, within(1e-12));
        assertThat(bolder.notional(1.0, EmotionProfile.EXCITED))
                .isCloseTo(BASE * 1.2 * 1.4, within(1e-9));
    }

    // --- exits of a position opened at 100 ---

    private static final SizingConfig EXITS =
            SizingConfig.defaults().withExits(0.02, 0.01, 4 * 3_600_000L, 0.005);

    private SizerState openedAt100(Sizer s) {
        SizerState st = new SizerState();
        assertThat(s.onDecision(st, decision("AAA", T0, Action.BUY, 0.9)).intent).isNotNull();
        assertThat(st.entryPrice).isEqualTo(100.0);
        assertThat(st.entryTimeMs).isEqualTo(T0.toEpochMilli());
        return st;
    }

    private static AgentDecision holdAt(Instant t, double price) {
        AgentDecision d = decision("AAA", t, Action.HOLD, 0.5);
        d.price = price;
        return d;
    }

    private ExitReason exitAt(Instant t, double price) {
        Sizer s = new Sizer(EXITS, AccountMap.single("acct"));
        SizerState st = openedAt100(s);
        OrderIntent i = s.onDecision(st, holdAt(t, price)).intent;
        if (i == null) {
            assertThat(st.open).isTrue();
            return null;
        }
        assertThat(i.closing).isTrue();
        assertThat(i.side).isEqualTo(Side.SELL);
        assertThat(i.price).isEqualTo(price);
        assertThat(st.open).isFalse();
        return i.exit;
    }

    @Test
    void takeProfitAtTwoPercent() {
        assertThat(exitAt(T1, 101.99)).isNull();
        assertThat(exitAt(T1, 102.01)).isEqualTo(ExitReason.TAKE_PROFIT);
    }

    @Test
    void stopLossAtOnePercent() {
        assertThat(exitAt(T1, 99.01)).isNull();
        assertThat(exitAt(T1, 98.99)).isEqualTo(ExitReason.STOP_LOSS);
    }

    @Test
    void staleAfterFourHoursWithLessThanHalfAPercentMove() {
        Instant fourHours = T0.plusSeconds(4 * 3600);
        assertThat(exitAt(fourHours.minusMillis(1), 100.0)).isNull();
        assertThat(exitAt(fourHours, 100.0)).isEqualTo(ExitReason.STALE);
        assertThat(exitAt(fourHours, 100.49)).isEqualTo(ExitReason.STALE);
        assertThat(exitAt(fourHours, 99.51)).isEqualTo(ExitReason.STALE);
        assertThat(exitAt(fourHours, 100.51)).isNull();
        assertThat(exitAt(fourHours, 99.49)).isNull();
    }

    @Test
    void zeroTurnsAnExitOff() {
        Sizer none =
                new Sizer(
                        SizingConfig.defaults().withExits(0, 0, 0, 0.005), AccountMap.single("a"));
        SizerState st = openedAt100(none);

        assertThat(none.onDecision(st, holdAt(T1, 150.0)).intent).isNull();
        assertThat(none.onDecision(st, holdAt(T1, 50.0)).intent).isNull();
        assertThat(none.onDecision(st, holdAt(T0.plusSeconds(86_400), 100.0)).intent).isNull();
        assertThat(none.onDecision(st, decision("AAA", T1, Action.SELL, 0.1)).intent.exit)
                .isEqualTo(ExitReason.SIGNAL);
    }

    @Test
    void exitsOnlyApplyToPositionsTheSizerOpened() {
        SizerState s = new SizerState();
        // an unconfident BUY opens nothing, so a price far away closes nothing
        assertThat(sizer.onDecision(s, decision("AAA", T0, Action.BUY, 0.5)).intent).isNull();
        assertThat(sizer.onDecision(s, holdAt(T1, 50.0)).intent).isNull();
        assertThat(sizer.onDecision(s, holdAt(T0.plusSeconds(5 * 3600), 100.0)).intent).isNull();
    }

    @Test
    void anExitOnABuyDecisionDoesNotReopenOnTheSameBar() {
        SizerState st = openedAt100(sizer);
        AgentDecision buy = decision("AAA", T1, Action.BUY, 0.95);
        buy.price = 103.0;

        OrderIntent i = sizer.onDecision(st, buy).intent;

        assertThat(i.exit).isEqualTo(ExitReason.TAKE_PROFIT);
        assertThat(st.open).isFalse();
        assertThat(
                        sizer.onDecision(st, decision("AAA", T1.plusSeconds(60), Action.BUY, 0.95))
                                .intent
                                .closing)
                .isFalse();
    }

    @Test
    void configRejectsBadValues() {
        assertThatThrownBy(() -> SizingConfig.of(0, 0.65, 250))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base notional");
        assertThatThrownBy(() -> SizingConfig.of(150, 1.2, 250))
                .hasMessageContaining("confidence threshold");
        assertThatThrownBy(() -> SizingConfig.of(150, 0.65, 100))
                .hasMessageContaining("below the smallest order");
        SizingConfig d = SizingConfig.defaults();
        assertThatThrownBy(() -> d.withEmotionFactors(SizingConfig.MAX_FEAR_WEIGHT, 0.5, 1.2))
                .hasMessageContaining("fear weight");
        assertThat(d.withEmotionFactors(SizingConfig.MAX_FEAR_WEIGHT - 1e-9, 0.5, 1.2).fearWeight())
                .isLessThan(SizingConfig.MAX_FEAR_WEIGHT);
        assertThatThrownBy(() -> d.withEmotionFactors(1.0, -0.1, 1.2))
                .hasMessageContaining("greed weight");
        assertThatThrownBy(() -> d.withEmotionFactors(1.0, 0.5, 0.99))
                .hasMessageContaining("max greed factor");
        assertThatThrownBy(() -> d.withExits(-0.01, 0.01, 1, 0.005))
                .hasMessageContaining("take profit");
        assertThatThrownBy(() -> d.withExits(0.02, 1.0, 1, 0.005))
                .hasMessageContaining("stop loss");
        assertThatThrownBy(() -> d.withExits(0.02, 0.01, -1, 0.005))
                .hasMessageContaining("stale-after");
        assertThatThrownBy(() -> d.withExits(0.02, 0.01, 1, 1.0))
                .hasMessageContaining("stale min move");
    }
}
