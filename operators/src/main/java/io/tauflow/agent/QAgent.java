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
 * scale)}. The {@link DecisionRules} may freeze learning (no update, replay, exploration or step),
 * decide only on the first bar of each decision interval (the others hold, source {@link
 * #INTERVAL}), make SELL illegal before a minimum holding time, and veto an opening whose Q-table
 * edge over waiting is too small (source {@link #COST}). See docs/AGENT.md.
 */
public final class QAgent {

    public static final Action[] ACTIONS = Action.values();

    /** The source of an action drawn at random (exploration), in the decision. */
    public static final String EXPLORE = "EXPLORE";

    /**
     * The source of the passive action (WAIT or HOLD) on a bar between two decisions of a decision
     * interval ({@link DecisionRules#decisionIntervalMs()}).
     */
    public static final String INTERVAL = "INTERVAL";

    /**
     * The source of a WAIT that replaced an opening BUY whose Q-table edge over waiting did not
     * exceed {@link DecisionRules#openEdgeBps()}.
     */
    public static final String COST = "COST";

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
    private final DecisionRules rules;

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
        this.rules = config.rules();
    }

    public Step step(AgentState s, FeatureVector v, QTable table) throws Exception {
        if (!v.warm) {
            s.setLastPrice(v.close);
            return new Step(decision(s, v, Action.WAIT, 0.0, "WARMUP", -1, 0.0, null), null);
        }
        if (rules.decisionIntervalMs() > 0) {
            if (!rules.decides(v.eventTimeMs, s.lastDecisionMs())) {
                // between decisions: hold what the last decision left, learn nothing yet (the next
                // decision's reward covers the whole interval, from the last decision's price)
                Action passive = s.positionQty() == 0 ? Action.WAIT : Action.HOLD;
                return new Step(
                        decision(s, v, passive, 0.0, INTERVAL, -1, 0.0, encoder.regime(v)), null);
            }
            s.setLastDecisionMs(v.eventTimeMs);
        }
        boolean frozen = rules.frozen();
        int state = encoder.encode(v, s);
        long draw = mix(config.seed() ^ mix(v.symbol.hashCode()) ^ mix(v.eventTimeMs));
        int units = s.positionQty() == 0 ? 0 : Math.max(1, s.units());

        double reward = 0.0;
        QRow row = null;
        boolean rowRead = false;
        boolean rowPending = false;
        if (s.lastState() >= 0 && frozen) {
            double cash = s.positionQty() * (v.close - s.lastPrice()) - s.pendingFee();
            reward = cash / config.virtualNotional() * 10_000;
            // serve the table as it is: the row of this state, nothing written back
            row =
                    s.lastState() == state && s.lastRowStatus() != AgentState.RowStatus.UNKNOWN
                            ? cachedLastRow(s)
                            : table.get(state);
            rowRead = true;
            if (meta.enabled()) {
                scoreVoters(s, v.close);
            }
        } else if (s.lastState() >= 0) {
            double cash = s.positionQty() * (v.close - s.lastPrice()) - s.pendingFee();
            reward = cash / config.virtualNotional() * 10_000;
            // the row of the last state is kept in the agent's state from the end of the last step,
            // so the step reads the Q-table only for a state it was not in a bar ago
            QRow previous =
                    s.lastRowStatus() != AgentState.RowStatus.UNKNOWN
                            ? cachedLastRow(s)
                            : table.get(s.lastState());
            if (previous == null) {
                previous = QRow.empty();
                s.incrementVisitedStates();
            }
            boolean stays = s.lastState() == state;
            row = stays ? previous : table.get(state);
            rowRead = true;
            update(previous, s.lastAction().ordinal(), reward, row, units);
            boolean replaying = replays(s.steps());
            // a row goes back to the table when the agent leaves its state; while it stays, the
            // agent's copy is the newer one (written before every checkpoint, see saveRow)
            rowPending = stays && !replaying;
            if (!rowPending) {
                table.put(s.lastState(), previous);
            }
            if (meta.enabled()) {
                scoreVoters(s, v.close);
            }
            if (replaying) {
                s.remember(
                        config.replaySize(),
                        s.lastState(),
                        s.lastAction().ordinal(),
                        reward,
                        state,
                        units);
                replay(s, table, draw);
                row = table.get(state);
            } else if (s.replay != null) {
                s.releaseReplay();
            }
        }
        if (!rowRead) {
            row = table.get(state);
        }
        double[] q = row == null ? null : row.values;

        boolean flat = units == 0;
        boolean canAdd = !flat && units < config.unitsAllowed();
        boolean canSell = !flat && v.eventTimeMs - s.entryTimeMs() >= rules.minHoldingMs();
        int passive = flat ? WAIT : HOLD;
        int active = flat ? BUY : SELL;
        boolean activeLegal = flat || canSell;
        int greedy = activeLegal && value(q, active) > value(q, passive) ? active : passive;
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
            if (!activeLegal) {
                // a position younger than the minimum holding time: a proposal to sell holds
                momentum = momentum == SELL ? HOLD : momentum;
                meanReversion = meanReversion == SELL ? HOLD : meanReversion;
            }
        }
        double epsilon = frozen ? 0.0 : config.epsilonAt(s.steps());
        if (unit(draw) < epsilon) {
            if (activeLegal) {
                int legal = canAdd ? 3 : 2;
                int pick = (int) (unit(mix(draw)) * legal);
                chosen = pick == 0 ? active : pick == 1 ? passive : BUY;
            } else {
                int pick = canAdd ? (int) (unit(mix(draw)) * 2) : 0;
                chosen = pick == 0 ? passive : BUY;
            }
            source = EXPLORE;
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
        if (flat
                && chosen == BUY
                && rules.checksOpenEdge()
                && !EXPLORE.equals(source)
                && !(value(q, BUY) - value(q, WAIT) > rules.openEdgeBps())) {
            // the table does not expect this opening to earn more than its round trip costs
            chosen = WAIT;
            source = COST;
        }
        if (meta.enabled()) {
            s.setLastProposal(VOTER_Q, greedy);
            s.setLastProposal(VOTER_MOMENTUM, momentum);
            s.setLastProposal(VOTER_MEAN_REVERSION, meanReversion);
        }

        double bestOther = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < ACTIONS.length; a++) {
            if (a != chosen && legal(a, flat, canAdd, canSell)) {
                bestOther = Math.max(bestOther, value(q, a));
            }
        }
        double gap = value(q, chosen) - bestOther;
        double confidence = 0.5 + 0.5 * Math.tanh(gap / config.confidenceScaleBps());

        Action action = ACTIONS[chosen];
        s.setLastQtyBefore(s.positionQty());
        TradeOutcome outcome = apply(s, action, v);
        s.setLastState(state);
        s.lastRow = row == null ? null : row.values.clone();
        s.setLastRowStatus(rowPending ? AgentState.RowStatus.PENDING : AgentState.RowStatus.SAVED);
        s.setLastAction(action);
        s.setLastPrice(v.close);
        if (!frozen) {
            s.incrementSteps();
        }
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

    private static boolean legal(int action, boolean flat, boolean canAdd, boolean canSell) {
        if (action == BUY) {
            return flat || canAdd;
        }
        if (action == SELL) {
            return canSell;
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
        double score = s.voterScore(voter);
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
            int p = s.lastProposal(i);
            if (p < 0) {
                continue;
            }
            double lastPrice = s.lastPrice();
            double qty = s.lastQtyBefore();
            double fee = 0.0;
            if (p == BUY) {
                qty += notional / lastPrice;
                fee = notional * feeRate;
            } else if (p == SELL) {
                fee = qty * lastPrice * feeRate;
                qty = 0.0;
            }
            double r = (qty * (close - lastPrice) - fee) / notional * 10_000;
            double score = s.voterScore(i);
            s.setVoterScore(i, score + meta.rewardDecay() * (r - score));
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
        if (s.lastRowStatus() != AgentState.RowStatus.PENDING) {
            return false;
        }
        table.put(s.lastState(), new QRow(s.lastRow.clone()));
        s.setLastRowStatus(AgentState.RowStatus.SAVED);
        return true;
    }

    /**
     * The agent's current row of {@code state}, given the row the table holds for it ({@code
     * stored}, null if none): the agent's own copy if it has not been written back yet, else {@code
     * stored}. What a reader of a Q-table taken between checkpoints must use.
     */
    public static QRow rowOf(AgentState s, int state, QRow stored) {
        if (s.lastRowStatus() == AgentState.RowStatus.PENDING && s.lastState() == state) {
            return new QRow(s.lastRow.clone());
        }
        return stored;
    }

    /**
     * The Q-table row of {@code s.lastState()} as the last step left it; null if it has none. A
     * copy: the agent state and the Q-table never share an array (the heap state backend snapshots
     * each state on its own).
     */
    private static QRow cachedLastRow(AgentState s) {
        return s.lastRow == null ? null : new QRow(s.lastRow.clone());
    }

    /** {@code replaySamples} Q updates on remembered transitions drawn uniformly (seeded). */
    private void replay(AgentState s, QTable table, long draw) throws Exception {
        long z = draw;
        for (int k = 0; k < config.replaySamples(); k++) {
            z = mix(z + k + 1);
            int i = (int) (unit(z) * s.replayCount());
            int from = s.replayState(i);
            int next = s.replayNextState(i);
            QRow row = table.get(from);
            if (row == null) {
                row = QRow.empty();
                s.incrementVisitedStates();
            }
            QRow nextRow = next == from ? row : table.get(next);
            update(row, s.replayAction(i), s.replayReward(i), nextRow, s.replayUnitsAfter(i));
            table.put(from, row);
        }
    }

    private TradeOutcome apply(AgentState s, Action action, FeatureVector v) {
        double feeRate = config.feeBps() / 10_000;
        double notional = config.virtualNotional();
        s.setPendingFee(0.0);
        if (action == Action.BUY) {
            double add = notional / v.close;
            double qty = s.positionQty();
            if (qty == 0) {
                s.setPositionQty(add);
                s.setEntryPrice(v.close);
                s.setEntryTimeMs(v.eventTimeMs);
                s.setUnits(1);
                s.incrementOpens();
            } else {
                s.setEntryPrice((qty * s.entryPrice() + add * v.close) / (qty + add));
                s.setPositionQty(qty + add);
                s.setUnits(Math.max(1, s.units()) + 1);
                s.incrementAdds();
            }
            s.setPendingFee(notional * feeRate);
            return null;
        }
        if (action != Action.SELL) {
            return null;
        }
        double qty = s.positionQty();
        double entryPrice = s.entryPrice();
        double exitFee = qty * v.close * feeRate;
        double entryFee = qty * entryPrice * feeRate;
        TradeOutcome t = new TradeOutcome();
        t.symbol = v.symbol;
        t.entryTimeMs = s.entryTimeMs();
        t.exitTimeMs = v.eventTimeMs;
        t.entryPrice = entryPrice;
        t.exitPrice = v.close;
        t.quantity = qty;
        t.pnl = qty * (v.close - entryPrice) - entryFee - exitFee;
        t.burned = t.pnl > 0 ? t.pnl * config.burnShare() : 0.0;
        s.setBurned(s.burned() + t.burned);
        s.setRealizedPnl(s.realizedPnl() + (t.pnl - t.burned));
        s.incrementTrades();
        int streak = s.streak();
        if (t.win()) {
            s.incrementWins();
            s.setStreak(streak > 0 ? streak + 1 : 1);
        } else {
            s.setStreak(streak < 0 ? streak - 1 : -1);
        }
        s.setPendingFee(exitFee);
        s.setPositionQty(0.0);
        s.setEntryPrice(0.0);
        s.setUnits(0);
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
        d.positionQty = s.positionQty();
        d.units = s.units();
        d.entryPrice = s.entryPrice();
        d.realizedPnl = s.realizedPnl();
        d.burned = s.burned();
        d.reward = reward;
        d.streak = s.streak();
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
