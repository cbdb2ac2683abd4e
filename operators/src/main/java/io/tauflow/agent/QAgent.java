package io.tauflow.agent;

import static io.tauflow.agent.AgentState.ADDS;
import static io.tauflow.agent.AgentState.BURNED;
import static io.tauflow.agent.AgentState.ENTRY_PRICE;
import static io.tauflow.agent.AgentState.ENTRY_TIME_MS;
import static io.tauflow.agent.AgentState.LAST_ACTION;
import static io.tauflow.agent.AgentState.LAST_PRICE;
import static io.tauflow.agent.AgentState.LAST_PROPOSALS;
import static io.tauflow.agent.AgentState.LAST_QTY_BEFORE;
import static io.tauflow.agent.AgentState.LAST_ROW;
import static io.tauflow.agent.AgentState.LAST_STATE;
import static io.tauflow.agent.AgentState.OPENS;
import static io.tauflow.agent.AgentState.PENDING_FEE;
import static io.tauflow.agent.AgentState.POSITION_QTY;
import static io.tauflow.agent.AgentState.REALIZED_PNL;
import static io.tauflow.agent.AgentState.REPLAY_COUNT;
import static io.tauflow.agent.AgentState.REPLAY_FIELDS;
import static io.tauflow.agent.AgentState.REPLAY_HEAD;
import static io.tauflow.agent.AgentState.ROW_PENDING;
import static io.tauflow.agent.AgentState.ROW_SAVED;
import static io.tauflow.agent.AgentState.ROW_UNKNOWN;
import static io.tauflow.agent.AgentState.STEPS;
import static io.tauflow.agent.AgentState.STREAK;
import static io.tauflow.agent.AgentState.TRADES;
import static io.tauflow.agent.AgentState.UNITS;
import static io.tauflow.agent.AgentState.VISITED_STATES;
import static io.tauflow.agent.AgentState.VOTER_SCORES;
import static io.tauflow.agent.AgentState.WINS;

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
            s.doubles[LAST_PRICE] = v.close;
            return new Step(decision(s, v, Action.WAIT, 0.0, "WARMUP", -1, 0.0, null), null);
        }
        int state = encoder.encode(v, s);
        long draw = mix(config.seed() ^ mix(v.symbol.hashCode()) ^ mix(v.eventTimeMs));
        int units = s.doubles[POSITION_QTY] == 0 ? 0 : Math.max(1, s.ints[UNITS]);

        double reward = 0.0;
        QRow row = null;
        boolean rowRead = false;
        boolean rowPending = false;
        if (s.ints[LAST_STATE] >= 0) {
            double cash =
                    s.doubles[POSITION_QTY] * (v.close - s.doubles[LAST_PRICE])
                            - s.doubles[PENDING_FEE];
            reward = cash / config.virtualNotional() * 10_000;
            // the row of the last state is kept in the agent's state from the end of the last step,
            // so the step reads the Q-table only for a state it was not in a bar ago
            QRow previous =
                    s.ints[LAST_ROW] != ROW_UNKNOWN
                            ? cachedLastRow(s)
                            : table.get(s.ints[LAST_STATE]);
            if (previous == null) {
                previous = QRow.empty();
                s.longs[VISITED_STATES]++;
            }
            boolean stays = s.ints[LAST_STATE] == state;
            row = stays ? previous : table.get(state);
            rowRead = true;
            update(previous, s.ints[LAST_ACTION], reward, row, units);
            boolean replaying = replays(s.longs[STEPS]);
            // a row goes back to the table when the agent leaves its state; while it stays, the
            // agent's copy is the newer one (written before every checkpoint, see saveRow)
            rowPending = stays && !replaying;
            if (!rowPending) {
                table.put(s.ints[LAST_STATE], previous);
            }
            if (meta.enabled()) {
                scoreVoters(s, v.close);
            }
            if (replaying) {
                remember(s, s.ints[LAST_STATE], s.ints[LAST_ACTION], reward, state, units);
                replay(s, table, draw);
                row = table.get(state);
            } else if (s.replay != null) {
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
        double epsilon = config.epsilonAt(s.longs[STEPS]);
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
            s.ints[LAST_PROPOSALS + VOTER_Q] = greedy;
            s.ints[LAST_PROPOSALS + VOTER_MOMENTUM] = momentum;
            s.ints[LAST_PROPOSALS + VOTER_MEAN_REVERSION] = meanReversion;
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
        s.doubles[LAST_QTY_BEFORE] = s.doubles[POSITION_QTY];
        TradeOutcome outcome = apply(s, action, v);
        s.ints[LAST_STATE] = state;
        s.lastRow = row == null ? null : row.values.clone();
        s.ints[LAST_ROW] = rowPending ? ROW_PENDING : ROW_SAVED;
        s.ints[LAST_ACTION] = chosen;
        s.doubles[LAST_PRICE] = v.close;
        s.longs[STEPS]++;
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
        double score = s.doubles[VOTER_SCORES + voter];
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
        double notional = config.virtualNotional();
        double feeRate = config.feeBps() / 10_000;
        for (int i = 0; i < VOTERS.length; i++) {
            int p = s.ints[LAST_PROPOSALS + i];
            if (p < 0) {
                continue;
            }
            double qty = s.doubles[LAST_QTY_BEFORE];
            double fee = 0.0;
            if (p == BUY) {
                qty += notional / s.doubles[LAST_PRICE];
                fee = notional * feeRate;
            } else if (p == SELL) {
                fee = qty * s.doubles[LAST_PRICE] * feeRate;
                qty = 0.0;
            }
            double r = (qty * (close - s.doubles[LAST_PRICE]) - fee) / notional * 10_000;
            s.doubles[VOTER_SCORES + i] += meta.rewardDecay() * (r - s.doubles[VOTER_SCORES + i]);
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
     * Writes the agent's copy of its current Q-table row to the table if the table's is older (the
     * agent has stayed in that state since it last wrote it); returns true if it wrote. After this
     * the table alone holds the agent's whole Q-table. The job calls it for every symbol with a row
     * pending before each checkpoint, so every checkpoint and savepoint has the whole table.
     */
    public static boolean saveRow(AgentState s, QTable table) throws Exception {
        if (s.ints[LAST_ROW] != ROW_PENDING) {
            return false;
        }
        table.put(s.ints[LAST_STATE], new QRow(s.lastRow.clone()));
        s.ints[LAST_ROW] = ROW_SAVED;
        return true;
    }

    /**
     * The agent's current row of {@code state}, given the row the table holds for it ({@code
     * stored}, null if none): the agent's own copy if it has not been written back yet, else {@code
     * stored}. What a reader of a Q-table taken between checkpoints must use.
     */
    public static QRow rowOf(AgentState s, int state, QRow stored) {
        if (s.ints[LAST_ROW] == ROW_PENDING && s.ints[LAST_STATE] == state) {
            return new QRow(s.lastRow.clone());
        }
        return stored;
    }

    /**
     * The Q-table row of {@code s.ints[LAST_STATE]} as the last step left it; null if it has none.
     * A copy: the agent state and the Q-table never share an array (the heap state backend
     * snapshots each state on its own).
     */
    private static QRow cachedLastRow(AgentState s) {
        return s.lastRow == null ? null : new QRow(s.lastRow.clone());
    }

    /** Drops the replay buffer once the refinement phase is over: no later step reads it. */
    private static void releaseReplay(AgentState s) {
        s.replay = null;
        s.replayRewards = null;
        s.ints[REPLAY_COUNT] = 0;
        s.ints[REPLAY_HEAD] = 0;
    }

    private void remember(
            AgentState s, int state, int action, double reward, int next, int unitsAfter) {
        int n = config.replaySize();
        if (s.replayRewards == null || s.replayRewards.length != n) {
            s.replay = new int[n * REPLAY_FIELDS];
            s.replayRewards = new double[n];
            s.ints[REPLAY_COUNT] = 0;
            s.ints[REPLAY_HEAD] = 0;
        }
        int i = s.ints[REPLAY_HEAD];
        int at = i * REPLAY_FIELDS;
        s.replay[at] = state;
        s.replay[at + 1] = action;
        s.replay[at + 2] = next;
        s.replay[at + 3] = unitsAfter;
        s.replayRewards[i] = reward;
        s.ints[REPLAY_HEAD] = (i + 1) % n;
        s.ints[REPLAY_COUNT] = Math.min(n, s.ints[REPLAY_COUNT] + 1);
    }

    /** {@code replaySamples} Q updates on remembered transitions drawn uniformly (seeded). */
    private void replay(AgentState s, QTable table, long draw) throws Exception {
        long z = draw;
        for (int k = 0; k < config.replaySamples(); k++) {
            z = mix(z + k + 1);
            int i = (int) (unit(z) * s.ints[REPLAY_COUNT]);
            int at = i * REPLAY_FIELDS;
            int from = s.replay[at];
            int next = s.replay[at + 2];
            QRow row = table.get(from);
            if (row == null) {
                row = QRow.empty();
                s.longs[VISITED_STATES]++;
            }
            QRow nextRow = next == from ? row : table.get(next);
            update(row, s.replay[at + 1], s.replayRewards[i], nextRow, s.replay[at + 3]);
            table.put(from, row);
        }
    }

    private TradeOutcome apply(AgentState s, Action action, FeatureVector v) {
        double feeRate = config.feeBps() / 10_000;
        double notional = config.virtualNotional();
        s.doubles[PENDING_FEE] = 0.0;
        if (action == Action.BUY) {
            double add = notional / v.close;
            if (s.doubles[POSITION_QTY] == 0) {
                s.doubles[POSITION_QTY] = add;
                s.doubles[ENTRY_PRICE] = v.close;
                s.longs[ENTRY_TIME_MS] = v.eventTimeMs;
                s.ints[UNITS] = 1;
                s.longs[OPENS]++;
            } else {
                s.doubles[ENTRY_PRICE] =
                        (s.doubles[POSITION_QTY] * s.doubles[ENTRY_PRICE] + add * v.close)
                                / (s.doubles[POSITION_QTY] + add);
                s.doubles[POSITION_QTY] += add;
                s.ints[UNITS] = Math.max(1, s.ints[UNITS]) + 1;
                s.longs[ADDS]++;
            }
            s.doubles[PENDING_FEE] = notional * feeRate;
            return null;
        }
        if (action != Action.SELL) {
            return null;
        }
        double exitFee = s.doubles[POSITION_QTY] * v.close * feeRate;
        double entryFee = s.doubles[POSITION_QTY] * s.doubles[ENTRY_PRICE] * feeRate;
        TradeOutcome t = new TradeOutcome();
        t.symbol = v.symbol;
        t.entryTimeMs = s.longs[ENTRY_TIME_MS];
        t.exitTimeMs = v.eventTimeMs;
        t.entryPrice = s.doubles[ENTRY_PRICE];
        t.exitPrice = v.close;
        t.quantity = s.doubles[POSITION_QTY];
        t.pnl = s.doubles[POSITION_QTY] * (v.close - s.doubles[ENTRY_PRICE]) - entryFee - exitFee;
        t.burned = t.pnl > 0 ? t.pnl * config.burnShare() : 0.0;
        s.doubles[BURNED] += t.burned;
        s.doubles[REALIZED_PNL] += t.pnl - t.burned;
        s.longs[TRADES]++;
        if (t.win()) {
            s.longs[WINS]++;
            s.ints[STREAK] = s.ints[STREAK] > 0 ? s.ints[STREAK] + 1 : 1;
        } else {
            s.ints[STREAK] = s.ints[STREAK] < 0 ? s.ints[STREAK] - 1 : -1;
        }
        s.doubles[PENDING_FEE] = exitFee;
        s.doubles[POSITION_QTY] = 0.0;
        s.doubles[ENTRY_PRICE] = 0.0;
        s.ints[UNITS] = 0;
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
        d.positionQty = s.doubles[POSITION_QTY];
        d.units = s.ints[UNITS];
        d.entryPrice = s.doubles[ENTRY_PRICE];
        d.realizedPnl = s.doubles[REALIZED_PNL];
        d.burned = s.doubles[BURNED];
        d.reward = reward;
        d.streak = s.ints[STREAK];
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
