package io.tauflow.agent;

import io.tauflow.features.FeatureVector;
import io.tauflow.schema.Action;

/**
 * The tabular Q-learning agent of one symbol, as plain logic. On every candle it
 *
 * <ol>
 *   <li>learns from the step it just finished: reward = change in value of its virtual position
 *       since the last candle, minus the fees its last action paid, in basis points of the virtual
 *       notional; {@code Q(s,a) += alpha * (reward + gamma * max_legal Q(s',.) - Q(s,a))};
 *   <li>chooses among the legal actions (the Tau kernel: BUY or WAIT when flat, SELL or HOLD when
 *       long), epsilon-greedy with a draw seeded from (seed, symbol, event time) so a replay takes
 *       the same actions;
 *   <li>applies it to the virtual position and reports a closed trade, if any.
 * </ol>
 *
 * Confidence of the chosen action is {@code 0.5 + 0.5*tanh((Q(chosen) - Q(other legal)) / scale)}.
 */
public final class QAgent {

    public static final Action[] ACTIONS = Action.values();

    private final AgentConfig config;
    private final StateEncoder encoder;

    /** What one step produced. */
    public static final class Step {
        public final AgentDecision decision;

        /** The closed trade, or null. */
        public final TradeOutcome outcome;

        Step(AgentDecision decision, TradeOutcome outcome) {
            this.decision = decision;
            this.outcome = outcome;
        }
    }

    public QAgent(AgentConfig config, StateEncoder encoder) {
        this.config = config;
        this.encoder = encoder;
    }

    public Step step(AgentState s, FeatureVector v, QTable table) throws Exception {
        if (!v.warm) {
            s.lastPrice = v.close;
            return new Step(decision(s, v, Action.WAIT, 0.0, "WARMUP", -1, 0.0), null);
        }
        int state = encoder.encode(v, s);
        QRow row = table.get(state);
        if (row == null) {
            row = QRow.empty();
        }

        double reward = 0.0;
        if (s.lastState >= 0) {
            double cash = s.positionQty * (v.close - s.lastPrice) - s.pendingFee;
            reward = cash / config.virtualNotional() * 10_000;
            QRow previous = s.lastState == state ? row : table.get(s.lastState);
            if (previous == null) {
                previous = QRow.empty();
            }
            int a = s.lastAction.ordinal();
            double target = reward + config.discount() * bestLegalValue(row, s);
            previous.values[a] += config.learningRate() * (target - previous.values[a]);
            table.put(s.lastState, previous);
        }

        Action passive = s.positionQty == 0 ? Action.WAIT : Action.HOLD;
        Action active = s.positionQty == 0 ? Action.BUY : Action.SELL;
        Action greedy =
                row.values[active.ordinal()] > row.values[passive.ordinal()] ? active : passive;
        double epsilon = config.epsilonAt(s.steps);
        long draw = mix(config.seed() ^ mix(v.symbol.hashCode()) ^ mix(v.eventTimeMs));
        boolean explore = unit(draw) < epsilon;
        Action chosen = explore ? (unit(mix(draw)) < 0.5 ? active : passive) : greedy;
        Action other = chosen == active ? passive : active;
        double gap = row.values[chosen.ordinal()] - row.values[other.ordinal()];
        double confidence = 0.5 + 0.5 * Math.tanh(gap / config.confidenceScaleBps());

        TradeOutcome outcome = apply(s, chosen, v);
        s.lastState = state;
        s.lastAction = chosen;
        s.lastPrice = v.close;
        s.steps++;
        return new Step(
                decision(s, v, chosen, confidence, explore ? "EXPLORE" : "Q", state, reward),
                outcome);
    }

    private double bestLegalValue(QRow row, AgentState s) {
        if (s.positionQty == 0) {
            return Math.max(row.values[Action.BUY.ordinal()], row.values[Action.WAIT.ordinal()]);
        }
        return Math.max(row.values[Action.SELL.ordinal()], row.values[Action.HOLD.ordinal()]);
    }

    private TradeOutcome apply(AgentState s, Action action, FeatureVector v) {
        double feeRate = config.feeBps() / 10_000;
        s.pendingFee = 0.0;
        if (action == Action.BUY) {
            s.positionQty = config.virtualNotional() / v.close;
            s.entryPrice = v.close;
            s.entryTimeMs = v.eventTimeMs;
            s.pendingFee = config.virtualNotional() * feeRate;
            return null;
        }
        if (action != Action.SELL) {
            return null;
        }
        double exitFee = s.positionQty * v.close * feeRate;
        double entryFee = s.positionQty * s.entryPrice * feeRate;
        TradeOutcome t = new TradeOutcome();
        t.symbol = v.symbol;
        t.entryTimeMs = s.entryTimeMs;
        t.exitTimeMs = v.eventTimeMs;
        t.entryPrice = s.entryPrice;
        t.exitPrice = v.close;
        t.quantity = s.positionQty;
        t.pnl = s.positionQty * (v.close - s.entryPrice) - entryFee - exitFee;
        s.realizedPnl += t.pnl;
        s.trades++;
        if (t.win()) {
            s.wins++;
            s.streak = s.streak > 0 ? s.streak + 1 : 1;
        } else {
            s.streak = s.streak < 0 ? s.streak - 1 : -1;
        }
        s.pendingFee = exitFee;
        s.positionQty = 0.0;
        s.entryPrice = 0.0;
        return t;
    }

    private static AgentDecision decision(
            AgentState s,
            FeatureVector v,
            Action action,
            double confidence,
            String source,
            int state,
            double reward) {
        AgentDecision d = new AgentDecision();
        d.symbol = v.symbol;
        d.eventTimeMs = v.eventTimeMs;
        d.price = v.close;
        d.action = action;
        d.confidence = confidence;
        d.source = source;
        d.stateIndex = state;
        d.positionQty = s.positionQty;
        d.entryPrice = s.entryPrice;
        d.realizedPnl = s.realizedPnl;
        d.reward = reward;
        d.streak = s.streak;
        d.rsi = v.rsi;
        d.momentumShort = v.momentumShort;
        d.volatility = v.volatility;
        return d;
    }

    /** SplitMix64 finaliser: a well-mixed 64-bit value from any input. */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in [0,1) from the top 53 bits. */
    static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
