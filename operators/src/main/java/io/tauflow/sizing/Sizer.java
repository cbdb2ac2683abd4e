package io.tauflow.sizing;

import io.tauflow.agent.AgentDecision;
import io.tauflow.agent.QAgent;
import io.tauflow.emotion.EmojiProtocol;
import io.tauflow.emotion.EmotionProfile;
import io.tauflow.emotion.EmotionSignal;
import io.tauflow.emotion.EmotionStateMachine;
import io.tauflow.schema.Action;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Side;

/**
 * Applies the agent's emotion to its decisions: moves the emotion on signals, turns confident BUYs
 * into opening intents sized by confidence, fear and greed (see {@link SizingConfig}), and closes
 * the positions it opened on a SELL, a take profit, a stop loss or when stale. A BUY or SELL the
 * agent took exploring opens and closes nothing unless {@link SizingConfig#tradeExploration}. Every
 * decision comes out as a {@link Decision} record with its emoji line.
 *
 * <p>The sizer only knows what it asked for, not what the risk gate approved (there is no feedback
 * edge from the gate, which would be a cycle in the graph). So it exits only positions it opened;
 * when the gate rejected the opening order, the gate answers the close with a NO_POSITION
 * rejection, a no-op that places nothing (docs/RISK.md).
 */
public final class Sizer {

    private final SizingConfig config;
    private final AccountMap accounts;

    /** The result of one decision. */
    public static final class Sized {
        public final Decision decision;

        /** The intent for the risk gate, or null. */
        public final OrderIntent intent;

        Sized(Decision decision, OrderIntent intent) {
            this.decision = decision;
            this.intent = intent;
        }
    }

    public Sizer(SizingConfig config, AccountMap accounts) {
        this.config = config;
        this.accounts = accounts;
    }

    public SizingConfig config() {
        return config;
    }

    public void onSignal(SizerState s, EmotionSignal signal) {
        s.emotion = EmotionStateMachine.next(s.emotion, signal.kind);
    }

    /**
     * The confidence an opening BUY needs under this emotion. Rounded to 1e-9 so that the sum of
     * two decimal settings (0.65 + 0.05) is the 0.70 a user reads, not 0.7000000000000001.
     */
    public double threshold(EmotionProfile emotion) {
        return Math.round((config.confidenceThreshold() + emotion.thresholdShift) * 1e9) / 1e9;
    }

    /** Fear scales size down: {@code 1 - fearWeight x max(0, fear - NEUTRAL.fear)}. */
    public double fearFactor(EmotionProfile emotion) {
        return 1.0
                - config.fearWeight() * Math.max(0.0, emotion.fear - EmotionProfile.NEUTRAL.fear);
    }

    /** Greed scales size up, bounded: {@code min(1 + greedWeight x excess greed, max)}. */
    public double greedFactor(EmotionProfile emotion) {
        return Math.min(
                1.0
                        + config.greedWeight()
                                * Math.max(0.0, emotion.greed - EmotionProfile.NEUTRAL.greed),
                config.maxGreedFactor());
    }

    /** The notional of an opening order at this confidence and emotion, before the cap. */
    public double notional(double confidence, EmotionProfile emotion) {
        return config.baseNotional()
                * (0.8 + 0.4 * confidence)
                * fearFactor(emotion)
                * greedFactor(emotion);
    }

    /**
     * Why a position the sizer opened should close on this decision, or null to keep it. Checked in
     * this order: SELL, take profit, stop loss, stale.
     */
    public ExitReason exit(SizerState s, AgentDecision d) {
        if (!s.open) {
            return null;
        }
        if (d.action == Action.SELL && trades(d)) {
            return ExitReason.SIGNAL;
        }
        double move = (d.price - s.entryPrice) / s.entryPrice;
        if (config.takeProfit() > 0 && move >= config.takeProfit()) {
            return ExitReason.TAKE_PROFIT;
        }
        if (config.stopLoss() > 0 && move <= -config.stopLoss()) {
            return ExitReason.STOP_LOSS;
        }
        if (config.staleAfterMs() > 0
                && d.eventTimeMs - s.entryTimeMs >= config.staleAfterMs()
                && Math.abs(move) < config.staleMinMove()) {
            return ExitReason.STALE;
        }
        return null;
    }

    /**
     * Whether this decision's action may become an order: any action, unless it explored and
     * exploration does not trade ({@link SizingConfig#tradeExploration}).
     */
    public boolean trades(AgentDecision d) {
        return config.tradeExploration() || !QAgent.EXPLORE.equals(d.source);
    }

    public Sized onDecision(SizerState s, AgentDecision d) {
        EmotionProfile profile = EmotionProfile.of(s.emotion);
        OrderIntent intent = null;
        ExitReason exit = exit(s, d);
        if (exit != null) {
            intent = intent(d, s, Side.SELL, true);
            intent.exit = exit;
            s.open = false;
            s.entryPrice = 0.0;
            s.entryTimeMs = 0L;
        } else if (d.action == Action.BUY
                && trades(d)
                && !s.open
                && d.confidence >= threshold(profile)) {
            intent = intent(d, s, Side.BUY, false);
            intent.notional = Math.min(notional(d.confidence, profile), config.maxNotional());
            s.open = true;
            s.entryPrice = d.price;
            s.entryTimeMs = d.eventTimeMs;
        }
        boolean inProfit = d.positionQty > 0 ? d.price > d.entryPrice : false;
        Decision out =
                Decision.newBuilder()
                        .setSymbol(d.symbol)
                        .setEventTimeMs(d.eventTimeMs)
                        .setPrice(d.price)
                        .setAction(d.action)
                        .setConfidence(d.confidence)
                        .setSource(d.source)
                        .setStateIndex(d.stateIndex)
                        .setEmotion(s.emotion)
                        .setPositionQty(d.positionQty)
                        .setRealizedPnl(d.realizedPnl)
                        .setReward(d.reward)
                        .setRsi(d.rsi)
                        .setMomentumShort(d.momentumShort)
                        .setVolatility(d.volatility)
                        .setOrderIntent(intent != null)
                        .setRegime(d.regime)
                        .setEmoji(
                                EmojiProtocol.render(
                                        s.emotion,
                                        d.action,
                                        d.confidence,
                                        d.streak,
                                        inProfit,
                                        d.reward))
                        .build();
        return new Sized(out, intent);
    }

    private OrderIntent intent(AgentDecision d, SizerState s, Side side, boolean closing) {
        OrderIntent i = new OrderIntent();
        i.account = accounts.accountOf(d.symbol);
        i.symbol = d.symbol;
        i.side = side;
        i.closing = closing;
        i.price = d.price;
        i.eventTimeMs = d.eventTimeMs;
        i.confidence = d.confidence;
        i.emotion = s.emotion;
        i.clientOrderId = OrderIntent.clientOrderId(i.account, d.symbol, d.eventTimeMs, side);
        i.arrivalMs = d.arrivalMs;
        return i;
    }
}
