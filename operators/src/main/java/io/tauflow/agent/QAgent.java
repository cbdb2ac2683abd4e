package io.tauflow.agent;

import io.tauflow.features.FeatureVector;
import io.tauflow.schema.Action;
import io.tauflow.schema.Regime;

/**
 * The tabular Q-learning agent of one symbol, as plain logic. On every candle it
 *
 * <ol>
 *   <li>learns from the step it just finished: reward = change in value of its virtual position
 *       since the last candle, minus the fees its last action paid, in basis points of the virtual
 *       notional; {@code Q(s,a) += alpha * (reward + gamma * max_legal Q(s',.) - Q(s,a))} for the
 *       action actually taken; in the refinement phase it also replays a few remembered transitions
 *       the same way (bounded experience replay);
 *   <li>chooses among the legal actions (the Tau kernel: BUY or WAIT when flat, SELL or HOLD when
 *       long, BUY while long only with pyramiding below the unit limit): with probability epsilon
 *       of the current phase a uniformly random legal action (source EXPLORE), otherwise the
 *       meta-control vote of the Q-table's greedy action, a momentum strategy and a mean-reversion
 *       strategy (or the greedy action alone when meta-control is off); every draw is seeded from
 *       (seed, symbol, event time) so a replay takes the same actions;
 *   <li>applies it to the virtual position, burns a share of a winning trade's profit, and reports
 *       a closed trade, if any.
 * </ol>
 *
 * Confidence of the chosen action is {@code 0.5 + 0.5*tanh((Q(chosen) - max Q(other legal)) /
 * scale)}. See docs/AGENT.md.
 */
public final class QAgent {

    public static final Action[] ACTIONS = Action.values();

    /** Meta-control voters, in tie-break order. */
    public static final String[] VOTERS = {"Q", "MOMENTUM", "MEAN_REVERSION"};

    static final int VOTER_Q = 0;
    static final int VOTER_MOMENTUM = 1;
    static final int VOTER_MEAN_REVERSION = 2;

    private static final int BUY = Action.BUY.ordinal();
    private static final int SELL = Action.SELL.ordinal();
    private static final int HOLD = Action.HOLD.ordinal();
    private static final int WAIT = Action.WAIT.ordinal();

    private final AgentConfig config;
    private final StateEncoder encoder;
    private final MetaControl meta;

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
        this.meta = config.meta();
    }

    public Step step(AgentState s, FeatureVector v, QTable table) throws Exception {
        if (!v.warm) {
            s.lastPrice = v.close;
            return new Step(decision(s, v, Action.WAIT, 0.0, "WARMUP", -1, 0.0, null), null);
        }
        int state = encoder.encode(v, s);
        long draw = mix(config.seed() ^ mix(v.symbol.hashCode()) ^ mix(v.eventTimeMs));
        int units = s.positionQty == 0 ? 0 : Math.max(1, s.units);

        double reward = 0.0;
        QRow row = null;
        boolean rowRead = false;
        if (s.lastState >= 0) {
            double cash = s.positionQty * (v.close - s.lastPrice) - s.pendingFee;
            reward = cash / config.virtualNotional() * 10_000;
            // the row of the last state is kept in the agent's state from the end of the last step,
            // so the step reads the Q-table only for a state it was not in a bar ago
            QRow previous = s.lastRowKnown ? cachedLastRow(s) : table.get(s.lastState);
            if (previous == null) {
                previous = QRow.empty();
                s.visitedStates++;
            }
            row = s.lastState == state ? previous : table.get(state);
            rowRead = true;
            update(previous, s.lastAction.ordinal(), reward, row, units);
            table.put(s.lastState, previous);
            if (meta.enabled()) {
                scoreVoters(s, v.close);
            }
            if (replays(s.steps)) {
                remember(s, s.lastState, s.lastAction.ordinal(), reward, state, units);
                replay(s, table, draw);
                row = table.get(state);
            } else if (s.replayState != null) {
                releaseReplay(s);
            }
        }
        if (!rowRead) {
            row = table.get(state);
        }
        double[] q = row == null ? null : row.values;

        boolean flat = units == 0;
        boolean canAdd = !flat && units < config.unitsAllowed();
        int passive = flat ? WAIT : HOLD;
        int active = flat ? BUY : SELL;
        int greedy = value(q, active) > value(q, passive) ? active : passive;
        if (canAdd && value(q, BUY) > value(q, greedy)) {
            greedy = BUY;
        }

        int chosen;
        String source;
        int momentum = -1;
        int meanReversion = -1;
        if (meta.enabled()) {
            momentum = momentumProposal(v, flat);
            meanReversion = meanReversionProposal(v, flat);
        }
        double epsilon = config.epsilonAt(s.steps);
        if (unit(draw) < epsilon) {
            int legal = canAdd ? 3 : 2;
            int pick = (int) (unit(mix(draw)) * legal);
            chosen = pick == 0 ? active : pick == 1 ? passive : BUY;
            source = "EXPLORE";
        } else if (meta.enabled()) {
            double wq = weight(s, VOTER_Q);
            double wm = weight(s, VOTER_MOMENTUM);
            double wr = weight(s, VOTER_MEAN_REVERSION);
            double tq = total(greedy, greedy, momentum, meanReversion, wq, wm, wr);
            double tm = total(momentum, greedy, momentum, meanReversion, wq, wm, wr);
            double tr = total(meanReversion, greedy, momentum, meanReversion, wq, wm, wr);
            chosen = greedy;
            if (tm > tq && tm >= tr) {
                chosen = momentum;
            } else if (tr > tq && tr > tm) {
                chosen = meanReversion;
            }
            // the heaviest voter among those proposing the winner, ties in voter order
            int by = -1;
            double best = Double.NEGATIVE_INFINITY;
            if (greedy == chosen && wq > best) {
                by = VOTER_Q;
                best = wq;
            }
            if (momentum == chosen && wm > best) {
                by = VOTER_MOMENTUM;
                best = wm;
            }
            if (meanReversion == chosen && wr > best) {
                by = VOTER_MEAN_REVERSION;
            }
            source = VOTERS[by];
        } else {
            chosen = greedy;
            source = "Q";
        }
        if (meta.enabled()) {
            if (s.lastProposals == null || s.lastProposals.length != VOTERS.length) {
                s.lastProposals = new int[VOTERS.length];
            }
            s.lastProposals[VOTER_Q] = greedy;
            s.lastProposals[VOTER_MOMENTUM] = momentum;
            s.lastProposals[VOTER_MEAN_REVERSION] = meanReversion;
        }

        double bestOther = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < ACTIONS.length; a++) {
            if (a != chosen && legal(a, flat, canAdd)) {
                bestOther = Math.max(bestOther, value(q, a));
            }
        }
        double gap = value(q, chosen) - bestOther;
        double confidence = 0.5 + 0.5 * Math.tanh(gap / config.confidenceScaleBps());

        Action action = ACTIONS[chosen];
        s.lastQtyBefore = s.positionQty;
        TradeOutcome outcome = apply(s, action, v);
        s.lastState = state;
        s.lastRow = row == null ? null : row.values.clone();
        s.lastRowKnown = true;
        s.lastAction = action;
        s.lastPrice = v.close;
        s.steps++;
        return new Step(
                decision(s, v, action, confidence, source, state, reward, encoder.regime(v)),
                outcome);
    }

    /** Standard Q-learning: {@code Q(s,a) += alpha * (r + gamma * max_legal Q(s',.) - Q(s,a))}. */
    private void update(QRow row, int action, double reward, QRow next, int unitsAfter) {
        double target = reward + config.discount() * bestLegalValue(next, unitsAfter);
        row.values[action] += config.learningRate() * (target - row.values[action]);
    }

    private double bestLegalValue(QRow row, int units) {
        double[] q = row == null ? null : row.values;
        if (units == 0) {
            return Math.max(value(q, BUY), value(q, WAIT));
        }
        double best = Math.max(value(q, SELL), value(q, HOLD));
        return units < config.unitsAllowed() ? Math.max(best, value(q, BUY)) : best;
    }

    private static double value(double[] q, int action) {
        return q == null ? 0.0 : q[action];
    }

    private static boolean legal(int action, boolean flat, boolean canAdd) {
        if (action == BUY) {
            return flat || canAdd;
        }
        return action == WAIT ? flat : !flat;
    }

    /** Trend following: in when short and mid momentum are up, out when short momentum turns. */
    static int momentumProposal(FeatureVector v, boolean flat) {
        if (flat) {
            return v.momentumShort > 0 && v.momentumMid > 0 ? BUY : WAIT;
        }
        return v.momentumShort < 0 ? SELL : HOLD;
    }

    /** Mean reversion: in below the lower band or when oversold, out at the band or overbought. */
    int meanReversionProposal(FeatureVector v, boolean flat) {
        boolean band = v.bollingerBandwidth > 0;
        if (flat) {
            return (band && v.bollingerPercentB <= meta.bandLow()) || v.rsi <= meta.rsiLow()
                    ? BUY
                    : WAIT;
        }
        return (band && v.bollingerPercentB >= meta.bandHigh()) || v.rsi >= meta.rsiHigh()
                ? SELL
                : HOLD;
    }

    private double weight(AgentState s, int voter) {
        double score = s.voterScores == null ? 0.0 : s.voterScores[voter];
        return Math.exp(Math.max(-50, Math.min(50, score / meta.temperatureBps())));
    }

    private static double total(
            int action, int q, int momentum, int meanReversion, double wq, double wm, double wr) {
        return (q == action ? wq : 0)
                + (momentum == action ? wm : 0)
                + (meanReversion == action ? wr : 0);
    }

    /**
     * Moves each voter's score toward the reward its last proposal would have earned: the position
     * that proposal leaves, marked from the last price to this close, less the fee it would pay.
     */
    private void scoreVoters(AgentState s, double close) {
        if (s.lastProposals == null) {
            return;
        }
        if (s.voterScores == null || s.voterScores.length != VOTERS.length) {
            s.voterScores = new double[VOTERS.length];
        }
        double notional = config.virtualNotional();
        double feeRate = config.feeBps() / 10_000;
        for (int i = 0; i < VOTERS.length; i++) {
            int p = s.lastProposals[i];
            if (p < 0) {
                continue;
            }
            double qty = s.lastQtyBefore;
            double fee = 0.0;
            if (p == BUY) {
                qty += notional / s.lastPrice;
                fee = notional * feeRate;
            } else if (p == SELL) {
                fee = qty * s.lastPrice * feeRate;
                qty = 0.0;
            }
            double r = (qty * (close - s.lastPrice) - fee) / notional * 10_000;
            s.voterScores[i] += meta.rewardDecay() * (r - s.voterScores[i]);
        }
    }

    /**
     * True when the step after {@code steps} learning steps remembers and replays transitions: in
     * the refinement phase, with a replay buffer and samples configured.
     */
    private boolean replays(long steps) {
        return config.replaySize() > 0
                && config.replaySamples() > 0
                && config.phaseAt(steps) == AgentConfig.REFINEMENT;
    }

    /**
     * The Q-table row of {@code s.lastState} as the last step left it; null if it has none. A copy:
     * the agent state and the Q-table never share an array (the heap state backend snapshots each
     * state on its own).
     */
    private static QRow cachedLastRow(AgentState s) {
        return s.lastRow == null ? null : new QRow(s.lastRow.clone());
    }

    /** Drops the replay buffer once the refinement phase is over: no later step reads it. */
    private static void releaseReplay(AgentState s) {
        s.replayState = null;
        s.replayAction = null;
        s.replayReward = null;
        s.replayNext = null;
        s.replayNextUnits = null;
        s.replayCount = 0;
        s.replayHead = 0;
    }

    private void remember(
            AgentState s, int state, int action, double reward, int next, int unitsAfter) {
        int n = config.replaySize();
        if (s.replayState == null || s.replayState.length != n) {
            s.replayState = new int[n];
            s.replayAction = new int[n];
            s.replayReward = new double[n];
            s.replayNext = new int[n];
            s.replayNextUnits = new int[n];
            s.replayCount = 0;
            s.replayHead = 0;
        }
        int i = s.replayHead;
        s.replayState[i] = state;
        s.replayAction[i] = action;
        s.replayReward[i] = reward;
        s.replayNext[i] = next;
        s.replayNextUnits[i] = unitsAfter;
        s.replayHead = (i + 1) % n;
        s.replayCount = Math.min(n, s.replayCount + 1);
    }

    /** {@code replaySamples} Q updates on remembered transitions drawn uniformly (seeded). */
    private void replay(AgentState s, QTable table, long draw) throws Exception {
        long z = draw;
        for (int k = 0; k < config.replaySamples(); k++) {
            z = mix(z + k + 1);
            int i = (int) (unit(z) * s.replayCount);
            QRow row = table.get(s.replayState[i]);
            if (row == null) {
                row = QRow.empty();
                s.visitedStates++;
            }
            QRow next = s.replayNext[i] == s.replayState[i] ? row : table.get(s.replayNext[i]);
            update(row, s.replayAction[i], s.replayReward[i], next, s.replayNextUnits[i]);
            table.put(s.replayState[i], row);
        }
    }

    private TradeOutcome apply(AgentState s, Action action, FeatureVector v) {
        double feeRate = config.feeBps() / 10_000;
        double notional = config.virtualNotional();
        s.pendingFee = 0.0;
        if (action == Action.BUY) {
            double add = notional / v.close;
            if (s.positionQty == 0) {
                s.positionQty = add;
                s.entryPrice = v.close;
                s.entryTimeMs = v.eventTimeMs;
                s.units = 1;
                s.opens++;
            } else {
                s.entryPrice =
                        (s.positionQty * s.entryPrice + add * v.close) / (s.positionQty + add);
                s.positionQty += add;
                s.units = Math.max(1, s.units) + 1;
                s.adds++;
            }
            s.pendingFee = notional * feeRate;
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
        t.burned = t.pnl > 0 ? t.pnl * config.burnShare() : 0.0;
        s.burned += t.burned;
        s.realizedPnl += t.pnl - t.burned;
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
        s.units = 0;
        return t;
    }

    private static AgentDecision decision(
            AgentState s,
            FeatureVector v,
            Action action,
            double confidence,
            String source,
            int state,
            double reward,
            Regime regime) {
        AgentDecision d = new AgentDecision();
        d.symbol = v.symbol;
        d.eventTimeMs = v.eventTimeMs;
        d.price = v.close;
        d.action = action;
        d.confidence = confidence;
        d.source = source;
        d.stateIndex = state;
        d.positionQty = s.positionQty;
        d.units = s.units;
        d.entryPrice = s.entryPrice;
        d.realizedPnl = s.realizedPnl;
        d.burned = s.burned;
        d.reward = reward;
        d.streak = s.streak;
        d.rsi = v.rsi;
        d.momentumShort = v.momentumShort;
        d.volatility = v.volatility;
        d.regime = regime;
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
