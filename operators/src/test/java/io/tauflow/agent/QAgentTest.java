package io.tauflow.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.features.FeatureVector;
import io.tauflow.schema.Action;
import io.tauflow.schema.Regime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class QAgentTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final String SYMBOL = "AAA";
    private static final double FEE_BPS = 1.0;
    private static final double NOTIONAL = 150.0;
    private static final double ALPHA = 0.1;
    private static final double GAMMA = 0.9;
    private static final double SCALE_BPS = 2.0;

    private static final StateEncoder ENCODER = new StateEncoder(5, 15, 60);

    private static final int BUY = Action.BUY.ordinal();
    private static final int SELL = Action.SELL.ordinal();
    private static final int HOLD = Action.HOLD.ordinal();
    private static final int WAIT = Action.WAIT.ordinal();

    /** A Q-table over a hash map, optionally handing out a prior row for unvisited states. */
    private static final class MapQTable implements QTable {
        final Map<Integer, QRow> rows = new HashMap<>();
        final Supplier<QRow> prior;
        int puts;
        int gets;

        MapQTable(Supplier<QRow> prior) {
            this.prior = prior;
        }

        MapQTable() {
            this(() -> null);
        }

        @Override
        public QRow get(int state) {
            gets++;
            QRow r = rows.get(state);
            return r != null ? r : prior.get();
        }

        @Override
        public void put(int state, QRow row) {
            puts++;
            rows.put(state, row);
        }
    }

    /** Pure Q (meta-control off), no replay unless asked for. */
    private static AgentConfig config(double[] epsilons, long[] phaseEnds) {
        return new AgentConfig(ALPHA, GAMMA, epsilons, phaseEnds, FEE_BPS, NOTIONAL, SCALE_BPS, 42L)
                .withMeta(MetaControl.off());
    }

    private static AgentConfig greedy() {
        return config(new double[] {0, 0, 0, 0}, new long[] {10, 20, 30});
    }

    /** Meta-control, pyramiding, burn and replay all on, with short phases. */
    private static AgentConfig everything() {
        return new AgentConfig(
                        ALPHA,
                        GAMMA,
                        new double[] {0.3, 0.2, 0.1, 0.05},
                        new long[] {100, 200, 300},
                        FEE_BPS,
                        NOTIONAL,
                        SCALE_BPS,
                        42L)
                .withMaxUnits(3)
                .withBurnShare(0.2)
                .withReplay(16, 2);
    }

    private static AgentConfig alwaysExplore() {
        return config(new double[] {1, 1, 1, 1}, new long[] {10, 20, 30});
    }

    private static Instant bar(int i) {
        return T0.plus(Duration.ofMinutes(i));
    }

    /** A warm vector with neutral features: only position and streak vary the state. */
    private static FeatureVector warm(int bar, double close) {
        FeatureVector v = new FeatureVector();
        v.symbol = SYMBOL;
        v.eventTimeMs = bar(bar).toEpochMilli();
        v.close = close;
        v.volatility = 0.01;
        v.volatilityRatio = 1.0;
        v.rsi = 50;
        v.warm = true;
        return v;
    }

    private static List<FeatureVector> randomWalk(int n, long seed) {
        Random r = new Random(seed);
        List<FeatureVector> out = new ArrayList<>();
        double close = 100;
        for (int i = 0; i < n; i++) {
            close *= Math.exp(0.01 * r.nextGaussian());
            FeatureVector v = warm(i, close);
            v.momentumShort = 0.03 * r.nextGaussian();
            v.momentumMid = 0.05 * r.nextGaussian();
            v.momentumLong = 0.1 * r.nextGaussian();
            v.volatilityRatio = 0.5 + r.nextDouble();
            v.rsi = 15 + 70 * r.nextDouble();
            v.bollingerBandwidth = 0.02;
            v.bollingerPercentB = 1.4 * r.nextDouble() - 0.2;
            v.regime = Regime.values()[r.nextInt(Regime.values().length)];
            out.add(v);
        }
        return out;
    }

    private static double fee(double notional) {
        return notional * FEE_BPS / 10_000;
    }

    private static int[] proposals(AgentState s) {
        int[] proposals = new int[QAgent.VOTERS.length];
        for (int i = 0; i < proposals.length; i++) {
            proposals[i] = s.lastProposal(i);
        }
        return proposals;
    }

    private static double[] scores(AgentState s) {
        double[] scores = new double[QAgent.VOTERS.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = s.voterScore(i);
        }
        return scores;
    }

    private static void setScores(AgentState s, double q, double momentum, double meanReversion) {
        s.setVoterScore(QAgent.VOTER_Q, q);
        s.setVoterScore(QAgent.VOTER_MOMENTUM, momentum);
        s.setVoterScore(QAgent.VOTER_MEAN_REVERSION, meanReversion);
    }

    private static double bps(double cash) {
        return cash / NOTIONAL * 10_000;
    }

    @Test
    void qUpdateIsAlphaTimesTheTemporalDifference() throws Exception {
        QAgent agent = new QAgent(greedy(), ENCODER);
        AgentState s = new AgentState();
        s.setPositionQty(NOTIONAL / 100.0);
        s.setEntryPrice(100.0);
        s.setLastPrice(100.0);
        s.setLastAction(Action.BUY);
        s.setPendingFee(fee(NOTIONAL));
        FeatureVector v = warm(1, 101.0);
        int current = ENCODER.encode(v, s);
        int previous = current == 0 ? 1 : 0;
        s.setLastState(previous);
        MapQTable table = new MapQTable();
        double[] prevValues = new double[4];
        prevValues[BUY] = 2.0;
        prevValues[WAIT] = -1.0;
        table.rows.put(previous, new QRow(prevValues));
        double[] curValues = new double[4];
        curValues[BUY] = 10.0; // illegal while long: must not count as the best next value
        curValues[SELL] = 3.0;
        curValues[HOLD] = 5.0;
        curValues[WAIT] = 7.0; // illegal while long
        table.rows.put(current, new QRow(curValues.clone()));

        QAgent.Step step = agent.step(s, v, table);

        double reward = bps(1.5 * (101.0 - 100.0) - fee(NOTIONAL));
        double expectedQ = 2.0 + ALPHA * (reward + GAMMA * Math.max(3.0, 5.0) - 2.0);
        assertThat(step.decision.reward).isCloseTo(reward, within(1e-9));
        assertThat(table.rows.get(previous).values[BUY]).isCloseTo(expectedQ, within(1e-9));
        assertThat(table.rows.get(previous).values[WAIT]).isEqualTo(-1.0);
        assertThat(table.rows.get(current).values).containsExactly(curValues);
        // greedy among the legal actions SELL (3) and HOLD (5)
        assertThat(step.decision.action).isEqualTo(Action.HOLD);
        assertThat(step.decision.source).isEqualTo("Q");
        assertThat(step.decision.stateIndex).isEqualTo(current);
        assertThat(step.decision.confidence)
                .isCloseTo(0.5 + 0.5 * Math.tanh((5.0 - 3.0) / SCALE_BPS), within(1e-12));
        assertThat(step.outcome).isNull();
        assertThat(s.lastState()).isEqualTo(current);
        assertThat(s.lastAction()).isEqualTo(Action.HOLD);
        assertThat(s.lastPrice()).isEqualTo(101.0);
        assertThat(s.pendingFee()).isZero();
        assertThat(s.steps()).isEqualTo(1);
    }

    @Test
    void aRevisitedStateActsOnItsUpdatedValues() throws Exception {
        QAgent agent = new QAgent(greedy(), ENCODER);
        AgentState s = new AgentState();
        s.setLastPrice(100.0);
        s.setLastAction(Action.WAIT);
        FeatureVector v = warm(1, 100.0);
        int state = ENCODER.encode(v, s);
        s.setLastState(state);
        MapQTable table = new MapQTable();
        double[] values = new double[4];
        values[BUY] = 0.995;
        values[WAIT] = 1.0;
        table.rows.put(state, new QRow(values));

        QAgent.Step step = agent.step(s, v, table);

        // reward 0 (flat, no fee); WAIT <- 1.0 + 0.1 * (0 + 0.9 * 1.0 - 1.0) = 0.99 < BUY 0.995
        double expectedWait = 1.0 + ALPHA * (0.0 + GAMMA * 1.0 - 1.0);
        assertThat(table.rows.get(state).values[WAIT]).isCloseTo(expectedWait, within(1e-12));
        assertThat(step.decision.action).isEqualTo(Action.BUY);
    }

    @Test
    void beforeWarmUpItWaitsAndLearnsNothing() throws Exception {
        QAgent agent = new QAgent(alwaysExplore(), ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable();
        FeatureVector cold = warm(0, 100.0);
        cold.warm = false;

        QAgent.Step step = agent.step(s, cold, table);

        assertThat(step.decision.action).isEqualTo(Action.WAIT);
        assertThat(step.decision.source).isEqualTo("WARMUP");
        assertThat(step.decision.stateIndex).isEqualTo(-1);
        assertThat(step.decision.confidence).isZero();
        assertThat(step.outcome).isNull();
        assertThat(table.puts).isZero();
        assertThat(s.steps()).isZero();
        assertThat(s.lastState()).isEqualTo(-1);
        assertThat(s.lastPrice()).isEqualTo(100.0);
    }

    @Test
    void theFirstWarmStepLearnsNothingAndTheSecondLearnsOneRow() throws Exception {
        QAgent agent = new QAgent(greedy(), ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable();

        QAgent.Step first = agent.step(s, warm(0, 100.0), table);

        assertThat(first.decision.reward).isZero();
        assertThat(table.rows).isEmpty();

        QAgent.Step second = agent.step(s, warm(1, 100.5), table);
        if (second.decision.stateIndex == first.decision.stateIndex) {
            // the agent stays in that state: the row is its own until it leaves or is saved
            assertThat(table.rows).isEmpty();
            assertThat(QAgent.saveRow(s, table)).isTrue();
        }

        assertThat(table.rows).containsOnlyKeys(first.decision.stateIndex);
    }

    @Test
    void onlyLegalActionsAreTaken() throws Exception {
        QAgent agent = new QAgent(alwaysExplore(), ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable();
        int buys = 0;
        int sells = 0;

        for (FeatureVector v : randomWalk(500, 1)) {
            boolean flat = s.positionQty() == 0;
            QAgent.Step step = agent.step(s, v, table);
            Action a = step.decision.action;
            if (flat) {
                assertThat(a).isIn(Action.BUY, Action.WAIT);
            } else {
                assertThat(a).isIn(Action.SELL, Action.HOLD);
            }
            if (a == Action.BUY) {
                buys++;
                assertThat(s.positionQty()).isCloseTo(NOTIONAL / v.close, within(1e-12));
                assertThat(s.entryPrice()).isEqualTo(v.close);
            } else if (a == Action.SELL) {
                sells++;
                assertThat(s.positionQty()).isZero();
                assertThat(step.outcome).isNotNull();
            } else {
                assertThat(step.outcome).isNull();
            }
            assertThat(step.decision.positionQty).isEqualTo(s.positionQty());
        }
        assertThat(buys).isGreaterThan(50);
        assertThat(sells).isBetween(buys - 1, buys);
        assertThat(s.trades()).isEqualTo(sells);
    }

    @Test
    void closedTradesReportPnlNetOfBothFeesAndMoveTheStreak() throws Exception {
        // a prior that makes every unvisited state want to trade: BUY when flat, SELL when long
        Supplier<QRow> eager =
                () -> {
                    double[] v = new double[4];
                    v[BUY] = 1e6;
                    v[SELL] = 1e6;
                    return new QRow(v);
                };
        QAgent agent = new QAgent(greedy(), ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable(eager);
        double[] closes = {100, 110, 110, 99, 100, 95};
        List<QAgent.Step> steps = new ArrayList<>();

        for (int i = 0; i < closes.length; i++) {
            steps.add(agent.step(s, warm(i, closes[i]), table));
        }

        assertThat(steps)
                .extracting(st -> st.decision.action)
                .containsExactly(
                        Action.BUY, Action.SELL, Action.BUY, Action.SELL, Action.BUY, Action.SELL);
        double feeRate = FEE_BPS / 10_000;
        double[] expectedPnl = new double[3];
        for (int t = 0; t < 3; t++) {
            double entry = closes[2 * t];
            double exit = closes[2 * t + 1];
            double qty = NOTIONAL / entry;
            expectedPnl[t] = qty * (exit - entry) - qty * entry * feeRate - qty * exit * feeRate;
            TradeOutcome o = steps.get(2 * t + 1).outcome;
            assertThat(o.symbol).isEqualTo(SYMBOL);
            assertThat(o.entryPrice).isEqualTo(entry);
            assertThat(o.exitPrice).isEqualTo(exit);
            assertThat(o.quantity).isCloseTo(qty, within(1e-12));
            assertThat(o.entryTimeMs).isEqualTo(bar(2 * t).toEpochMilli());
            assertThat(o.exitTimeMs).isEqualTo(bar(2 * t + 1).toEpochMilli());
            assertThat(o.pnl).isCloseTo(expectedPnl[t], within(1e-9));
        }
        assertThat(steps.get(1).outcome.win()).isTrue();
        assertThat(steps.get(3).outcome.win()).isFalse();
        assertThat(steps.get(1).decision.streak).isEqualTo(1);
        assertThat(steps.get(3).decision.streak).isEqualTo(-1);
        assertThat(steps.get(5).decision.streak).isEqualTo(-2);
        assertThat(s.trades()).isEqualTo(3);
        assertThat(s.wins()).isEqualTo(1);
        assertThat(s.realizedPnl())
                .isCloseTo(expectedPnl[0] + expectedPnl[1] + expectedPnl[2], within(1e-9));
        assertThat(steps.get(5).decision.realizedPnl).isCloseTo(s.realizedPnl(), within(1e-12));

        // rewards: holding 1.5 units from 100 to 110, less the entry fee; then the exit fee alone
        assertThat(steps.get(1).decision.reward)
                .isCloseTo(bps(1.5 * (110 - 100) - fee(NOTIONAL)), within(1e-9));
        assertThat(steps.get(2).decision.reward).isCloseTo(bps(-1.5 * 110 * feeRate), within(1e-9));
    }

    @Test
    void sameInputSameDecisions() throws Exception {
        List<FeatureVector> input = randomWalk(400, 9);

        List<AgentDecision> first = new ArrayList<>();
        List<AgentDecision> second = new ArrayList<>();
        MapQTable table1 = new MapQTable();
        MapQTable table2 = new MapQTable();
        AgentState s1 = new AgentState();
        AgentState s2 = new AgentState();
        QAgent agent1 = new QAgent(everything(), ENCODER);
        QAgent agent2 = new QAgent(everything(), ENCODER);
        for (FeatureVector v : input) {
            first.add(agent1.step(s1, v, table1).decision);
            second.add(agent2.step(s2, v, table2).decision);
        }

        // field by field: AgentDecision.equals leaves out price, entry price, streak, features
        assertThat(second).usingRecursiveFieldByFieldElementComparator().isEqualTo(first);
        assertThat(table2.rows).isEqualTo(table1.rows);
        assertThat(s2).usingRecursiveComparison().isEqualTo(s1);
        assertThat(first).extracting(d -> d.source).contains("EXPLORE", "Q", "MOMENTUM");
    }

    @Test
    void theSeedChangesTheExploration() throws Exception {
        List<FeatureVector> input = randomWalk(200, 9);
        AgentConfig a = alwaysExplore();
        AgentConfig b =
                new AgentConfig(
                        ALPHA,
                        GAMMA,
                        a.epsilons(),
                        a.phaseEnds(),
                        FEE_BPS,
                        NOTIONAL,
                        SCALE_BPS,
                        43L);

        List<Action> withA = actions(new QAgent(a, ENCODER), input);
        List<Action> withB = actions(new QAgent(b, ENCODER), input);

        assertThat(withB).isNotEqualTo(withA);
        List<FeatureVector> longer = randomWalk(400, 9);
        assertThat(actions(new QAgent(everything().withSeed(7L), ENCODER), longer))
                .isNotEqualTo(actions(new QAgent(everything(), ENCODER), longer))
                .isEqualTo(actions(new QAgent(everything().withSeed(7L), ENCODER), longer));
    }

    private static List<Action> actions(QAgent agent, List<FeatureVector> input) throws Exception {
        AgentState s = new AgentState();
        MapQTable table = new MapQTable();
        List<Action> out = new ArrayList<>();
        for (FeatureVector v : input) {
            out.add(agent.step(s, v, table).decision.action);
        }
        return out;
    }

    @Test
    void explorationFollowsThePhases() throws Exception {
        // explore always for 10 steps, never for 10, half the time for 200, then never
        AgentConfig phased = config(new double[] {1.0, 0.0, 0.5, 0.0}, new long[] {10, 20, 220});
        QAgent agent = new QAgent(phased, ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable();
        List<String> sources = new ArrayList<>();

        for (FeatureVector v : randomWalk(300, 4)) {
            sources.add(agent.step(s, v, table).decision.source);
        }

        assertThat(sources.subList(0, 10)).containsOnly("EXPLORE");
        assertThat(sources.subList(10, 20)).containsOnly("Q");
        long explored = sources.subList(20, 220).stream().filter("EXPLORE"::equals).count();
        assertThat(explored / 200.0).isCloseTo(0.5, within(0.12));
        assertThat(sources.subList(220, 300)).containsOnly("Q");
    }

    @Test
    void defaultExplorationIsAboutThirtyPercentDuringWarmUp() throws Exception {
        QAgent agent = new QAgent(AgentConfig.defaults(), ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable();
        int explored = 0;

        for (FeatureVector v : randomWalk(500, 8)) {
            if (agent.step(s, v, table).decision.source.equals("EXPLORE")) {
                explored++;
            }
        }

        assertThat(explored / 500.0).isCloseTo(0.3, within(0.07));
    }

    @Test
    void epsilonOfEachPhase() {
        AgentConfig c = AgentConfig.defaults();

        assertThat(c.epsilonAt(0)).isEqualTo(0.3);
        assertThat(c.epsilonAt(499)).isEqualTo(0.3);
        assertThat(c.epsilonAt(500)).isEqualTo(0.2);
        assertThat(c.epsilonAt(1_499)).isEqualTo(0.2);
        assertThat(c.epsilonAt(1_500)).isEqualTo(0.1);
        assertThat(c.epsilonAt(2_999)).isEqualTo(0.1);
        assertThat(c.epsilonAt(3_000)).isEqualTo(0.05);
        assertThat(c.epsilonAt(Long.MAX_VALUE)).isEqualTo(0.05);
    }

    @Test
    void configRejectsBadSettings() {
        assertThatThrownBy(() -> config(new double[] {0.3, 0.2, 0.1}, new long[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 epsilons");
        assertThatThrownBy(() -> config(new double[] {0.3, 0.2, 0.1, 1.1}, new long[] {1, 2, 3}))
                .hasMessageContaining("epsilon must be in [0,1]");
        assertThatThrownBy(() -> config(new double[] {0.3, 0.2, 0.1, 0}, new long[] {3, 2, 1}))
                .hasMessageContaining("non-decreasing");
        assertThatThrownBy(
                        () ->
                                new AgentConfig(
                                        0, GAMMA, new double[4], new long[3], 1, NOTIONAL, 1, 1))
                .hasMessageContaining("learning rate");
        assertThatThrownBy(
                        () ->
                                new AgentConfig(
                                        ALPHA, 1.0, new double[4], new long[3], 1, NOTIONAL, 1, 1))
                .hasMessageContaining("discount");
    }

    @Test
    void configRejectsBadKernelSettings() {
        AgentConfig c = greedy();
        assertThatThrownBy(() -> c.withMaxUnits(0)).hasMessageContaining("max units must be >= 1");
        assertThatThrownBy(() -> c.withBurnShare(1.5)).hasMessageContaining("burn share");
        assertThatThrownBy(() -> c.withReplay(-1, 2)).hasMessageContaining("replay size");
        assertThatThrownBy(() -> c.withReplay(8, -1)).hasMessageContaining("replay samples");
        assertThatThrownBy(() -> new MetaControl(true, 0, 5, 0, 0.5, 30, 70))
                .hasMessageContaining("reward decay");
        assertThatThrownBy(() -> new MetaControl(true, 0.1, 5, 0.6, 0.5, 30, 70))
                .hasMessageContaining("band low");
        assertThatThrownBy(() -> new MetaControl(true, 0.1, 5, 0, 0.5, 70, 30))
                .hasMessageContaining("RSI bounds");
        assertThat(c.withMaxUnits(3).pyramiding()).isTrue();
        assertThat(c.withMaxUnits(3).unitsAllowed()).isEqualTo(3);
        assertThat(c.withMaxUnits(1).unitsAllowed()).isEqualTo(1);
    }

    /** A prior whose values can be changed while the test runs. */
    private static Supplier<QRow> prior(double[] values) {
        return () -> new QRow(values.clone());
    }

    @Test
    void pyramidingAddsUnitsUpToTheLimitAtTheAveragePrice() throws Exception {
        double[] wants = new double[4];
        wants[BUY] = 1e6; // buy whenever legal
        wants[HOLD] = 1.0; // otherwise hold
        MapQTable table = new MapQTable(prior(wants));
        QAgent agent = new QAgent(greedy().withMaxUnits(3), ENCODER);
        AgentState s = new AgentState();
        double[] closes = {100, 110, 120, 130, 140};
        List<Action> actions = new ArrayList<>();

        for (int i = 0; i < closes.length; i++) {
            QAgent.Step step = agent.step(s, warm(i, closes[i]), table);
            actions.add(step.decision.action);
            assertThat(step.decision.units).isEqualTo(Math.min(i + 1, 3));
        }

        assertThat(actions)
                .containsExactly(Action.BUY, Action.BUY, Action.BUY, Action.HOLD, Action.HOLD);
        double qty = NOTIONAL / 100 + NOTIONAL / 110 + NOTIONAL / 120;
        assertThat(s.positionQty()).isCloseTo(qty, within(1e-12));
        assertThat(s.entryPrice()).isCloseTo(3 * NOTIONAL / qty, within(1e-9));
        assertThat(s.entryTimeMs()).isEqualTo(bar(0).toEpochMilli());
        assertThat(s.units()).isEqualTo(3);
        assertThat(s.opens()).isEqualTo(1);
        assertThat(s.adds()).isEqualTo(2);

        // now make every state want to sell: all three units close in one trade. The agent keeps
        // a copy of its current state's row: a table edited behind its back must be given that
        // row first, and the agent must forget its copy
        QAgent.saveRow(s, table);
        wants[SELL] = 1e7;
        for (QRow r : table.rows.values()) {
            r.values[SELL] = 1e7;
        }
        s.setLastRowStatus(AgentState.RowStatus.UNKNOWN);
        QAgent.Step exit = agent.step(s, warm(5, 150.0), table);

        assertThat(exit.decision.action).isEqualTo(Action.SELL);
        double feeRate = FEE_BPS / 10_000;
        double pnl = qty * 150.0 - 3 * NOTIONAL - 3 * NOTIONAL * feeRate - qty * 150.0 * feeRate;
        assertThat(exit.outcome.quantity).isCloseTo(qty, within(1e-12));
        assertThat(exit.outcome.pnl).isCloseTo(pnl, within(1e-9));
        assertThat(s.units()).isZero();
        assertThat(s.positionQty()).isZero();
        assertThat(s.trades()).isEqualTo(1);
    }

    @Test
    void withoutPyramidingBuyWhileLongIsNeverTaken() throws Exception {
        double[] wants = new double[4];
        wants[BUY] = 1e6;
        wants[HOLD] = 1.0;
        QAgent agent = new QAgent(greedy(), ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable(prior(wants));

        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            actions.add(agent.step(s, warm(i, 100 + i), table).decision.action);
        }

        assertThat(actions).containsExactly(Action.BUY, Action.HOLD, Action.HOLD, Action.HOLD);
        assertThat(s.units()).isEqualTo(1);
        assertThat(s.positionQty()).isCloseTo(NOTIONAL / 100, within(1e-12));
        assertThat(s.adds()).isZero();
    }

    @Test
    void aShareOfEachWinningTradesProfitIsBurned() throws Exception {
        double[] eager = new double[4];
        eager[BUY] = 1e6;
        eager[SELL] = 1e6;
        QAgent agent = new QAgent(greedy().withBurnShare(0.25), ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable(prior(eager));
        double[] closes = {100, 110, 110, 99};
        List<QAgent.Step> steps = new ArrayList<>();

        for (int i = 0; i < closes.length; i++) {
            steps.add(agent.step(s, warm(i, closes[i]), table));
        }

        double feeRate = FEE_BPS / 10_000;
        double win = NOTIONAL / 100 * 10 - NOTIONAL * feeRate - NOTIONAL / 100 * 110 * feeRate;
        double loss = NOTIONAL / 110 * -11 - NOTIONAL * feeRate - NOTIONAL / 110 * 99 * feeRate;
        TradeOutcome first = steps.get(1).outcome;
        TradeOutcome second = steps.get(3).outcome;
        assertThat(first.pnl).isCloseTo(win, within(1e-9));
        assertThat(first.burned).isCloseTo(0.25 * win, within(1e-12));
        assertThat(second.pnl).isCloseTo(loss, within(1e-9));
        assertThat(second.burned).isZero();
        assertThat(s.burned()).isCloseTo(0.25 * win, within(1e-12));
        assertThat(s.realizedPnl()).isCloseTo(0.75 * win + loss, within(1e-9));
        assertThat(steps.get(3).decision.burned).isEqualTo(s.burned());
        assertThat(steps.get(3).decision.realizedPnl).isEqualTo(s.realizedPnl());
        assertThat(s.opens()).isEqualTo(2);
        assertThat(s.trades()).isEqualTo(2);
    }

    @Test
    void refinementReplaysRememberedTransitionsWithTheSameUpdate() throws Exception {
        // the learnt transition is the only one remembered, so the replay repeats its update
        for (boolean refinement : new boolean[] {true, false}) {
            AgentConfig c =
                    config(new double[] {0, 0, 0, 0}, new long[] {0, 0, refinement ? 100 : 0})
                            .withReplay(1, 1);
            QAgent agent = new QAgent(c, ENCODER);
            AgentState s = new AgentState();
            s.setPositionQty(NOTIONAL / 100.0);
            s.setUnits(1);
            s.setEntryPrice(100.0);
            s.setLastPrice(100.0);
            s.setLastAction(Action.BUY);
            s.setPendingFee(fee(NOTIONAL));
            FeatureVector v = warm(1, 101.0);
            int current = ENCODER.encode(v, s);
            int previous = current == 0 ? 1 : 0;
            s.setLastState(previous);
            MapQTable table = new MapQTable();
            double[] prevValues = new double[4];
            prevValues[BUY] = 2.0;
            table.rows.put(previous, new QRow(prevValues));
            double[] curValues = new double[4];
            curValues[SELL] = 3.0;
            curValues[HOLD] = 5.0;
            table.rows.put(current, new QRow(curValues));

            agent.step(s, v, table);

            double target = bps(1.5 * (101.0 - 100.0) - fee(NOTIONAL)) + GAMMA * 5.0;
            double learnt = 2.0 + ALPHA * (target - 2.0);
            double replayed = learnt + ALPHA * (target - learnt);
            assertThat(table.rows.get(previous).values[BUY])
                    .as("refinement %s", refinement)
                    .isCloseTo(refinement ? replayed : learnt, within(1e-9));
            assertThat(table.puts).isEqualTo(refinement ? 2 : 1);
            assertThat(s.replayCount()).isEqualTo(refinement ? 1 : 0);
        }
    }

    @Test
    void aStepReadsAndWritesTheQTableOnlyWhenTheAgentChangesState() throws Exception {
        QAgent agent =
                new QAgent(
                        config(new double[] {0.2, 0.2, 0.2, 0.2}, new long[] {0, 0, 0}), ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable();
        // the same steps, with the table given every row at once
        AgentState eager = new AgentState();
        MapQTable eagerTable = new MapQTable();
        int same = 0;
        int prev = -1;
        for (FeatureVector v : randomWalk(300, 5)) {
            int gets = table.gets;
            int puts = table.puts;
            AgentDecision d = agent.step(s, v, table).decision;
            assertThat(agent.step(eager, v, eagerTable).decision).isEqualTo(d);
            QAgent.saveRow(eager, eagerTable);
            if (d.stateIndex < 0) {
                assertThat(table.gets - gets).isZero();
                assertThat(table.puts - puts).isZero();
                continue;
            }
            // the first learning step reads its state's row; later ones only a new state's, and
            // write the row of the state they leave
            boolean stays = prev >= 0 && prev == d.stateIndex;
            assertThat(table.gets - gets)
                    .as("step into %d from %d", d.stateIndex, prev)
                    .isEqualTo(stays ? 0 : 1);
            assertThat(table.puts - puts)
                    .as("step into %d from %d", d.stateIndex, prev)
                    .isEqualTo(stays || prev < 0 ? 0 : 1);
            assertThat(s.lastRowStatus())
                    .isEqualTo(stays ? AgentState.RowStatus.PENDING : AgentState.RowStatus.SAVED);
            same += stays ? 1 : 0;
            prev = d.stateIndex;
            // the table with the agent's row is the whole table; the copy is never the table's
            int current = s.lastState();
            QRow stored = table.rows.get(current);
            QRow mine = QAgent.rowOf(s, current, stored);
            assertThat(mine == null ? null : mine.values).isEqualTo(s.lastRow);
            if (stored != null) {
                assertThat(s.lastRow).isNotSameAs(stored.values);
            }
            Map<Integer, QRow> whole = new HashMap<>(table.rows);
            if (mine != null) {
                whole.put(current, mine);
            }
            assertThat(whole).isEqualTo(eagerTable.rows);
        }
        assertThat(same).as("steps that stayed in their state").isPositive();

        // saving the row makes the table whole and changes nothing else
        boolean wasPending = s.lastRowStatus() == AgentState.RowStatus.PENDING;
        assertThat(QAgent.saveRow(s, table)).isEqualTo(wasPending);
        assertThat(table.rows).isEqualTo(eagerTable.rows);
        assertThat(s.lastRowStatus()).isEqualTo(AgentState.RowStatus.SAVED);
        assertThat(QAgent.saveRow(s, table)).isFalse();
    }

    @Test
    void replayRunsOnlyInTheRefinementPhaseFromABoundedBuffer() throws Exception {
        // learning for steps 0-19, refinement 20-59, mastery from 60; 2 replays per step
        AgentConfig c = config(new double[] {0, 0, 0, 0}, new long[] {0, 20, 60}).withReplay(8, 2);
        QAgent agent = new QAgent(c, ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable();
        List<Integer> puts = new ArrayList<>();

        List<Integer> held = new ArrayList<>();
        for (FeatureVector v : randomWalk(100, 3)) {
            int before = table.puts;
            agent.step(s, v, table);
            puts.add(table.puts - before);
            held.add(s.replay == null ? -1 : s.replayCount());
        }

        // step 0 learns nothing; then one update a step, three in refinement
        assertThat(puts.get(0)).isZero();
        assertThat(puts.subList(1, 20)).containsOnly(1);
        assertThat(puts.subList(20, 60)).containsOnly(3);
        assertThat(puts.subList(60, 100)).containsOnly(1);
        // transitions are remembered in the refinement phase only, at most 8, and the buffer is
        // dropped when it ends
        assertThat(held.subList(0, 20)).containsOnly(-1);
        assertThat(held.subList(20, 28)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(held.subList(28, 60)).containsOnly(8);
        assertThat(held.subList(60, 100)).containsOnly(-1);
        assertThat(s.visitedStates()).isEqualTo(table.rows.size());
    }

    /** Flat, neutral momentum features; {@code up} makes short and mid momentum positive. */
    private static FeatureVector voting(int bar, double close, boolean up, double rsi) {
        FeatureVector v = warm(bar, close);
        v.momentumShort = up ? 0.001 : -0.001;
        v.momentumMid = up ? 0.001 : -0.001;
        v.rsi = rsi;
        return v;
    }

    private static AgentConfig greedyWithMeta() {
        return greedy().withMeta(MetaControl.defaults());
    }

    @Test
    void metaControlTakesTheActionWithTheMostWeight() throws Exception {
        QAgent agent = new QAgent(greedyWithMeta(), ENCODER);

        // equal weights: Q (empty table: WAIT) and mean reversion (RSI 50: WAIT) outvote momentum
        AgentDecision d =
                agent.step(new AgentState(), voting(0, 100, true, 50), new MapQTable()).decision;
        assertThat(d.action).isEqualTo(Action.WAIT);
        assertThat(d.source).isEqualTo("Q");

        // oversold: momentum and mean reversion both BUY; the first of equal voters names it
        d = agent.step(new AgentState(), voting(0, 100, true, 25), new MapQTable()).decision;
        assertThat(d.action).isEqualTo(Action.BUY);
        assertThat(d.source).isEqualTo("MOMENTUM");

        // below the lower Bollinger band mean reversion buys even at RSI 50
        FeatureVector below = voting(0, 100, false, 50);
        below.bollingerBandwidth = 0.02;
        below.bollingerPercentB = -0.1;
        d = agent.step(new AgentState(), below, new MapQTable()).decision;
        assertThat(d.action).isEqualTo(Action.WAIT); // Q and momentum: WAIT
        below.momentumShort = 0.001;
        below.momentumMid = 0.001;
        d = agent.step(new AgentState(), below, new MapQTable()).decision;
        assertThat(d.action).isEqualTo(Action.BUY);
    }

    @Test
    void weightsFollowTheVotersScores() throws Exception {
        QAgent agent = new QAgent(greedyWithMeta(), ENCODER); // temperature 5 bps

        // momentum alone for BUY with weight e^(10/5) = 7.39 beats Q + mean reversion (1 + 1)
        AgentState strong = new AgentState();
        setScores(strong, 0, 10, 0);
        AgentDecision d = agent.step(strong, voting(0, 100, true, 50), new MapQTable()).decision;
        assertThat(d.action).isEqualTo(Action.BUY);
        assertThat(d.source).isEqualTo("MOMENTUM");

        // e^(3/5) = 1.82 does not
        AgentState weak = new AgentState();
        setScores(weak, 0, 3, 0);
        d = agent.step(weak, voting(0, 100, true, 50), new MapQTable()).decision;
        assertThat(d.action).isEqualTo(Action.WAIT);
        assertThat(d.source).isEqualTo("Q");

        // WAIT still wins (e^-4 + 1 > 1) but mean reversion is its heaviest voter
        AgentState distrusted = new AgentState();
        setScores(distrusted, -20, 0, 0);
        d = agent.step(distrusted, voting(0, 100, true, 50), new MapQTable()).decision;
        assertThat(d.action).isEqualTo(Action.WAIT);
        assertThat(d.source).isEqualTo("MEAN_REVERSION");
    }

    @Test
    void aTieGoesToTheEarlierVoter() throws Exception {
        // long with room to add: Q wants BUY, momentum HOLD, mean reversion (RSI 75) SELL
        double[] wants = new double[4];
        wants[BUY] = 1.0;
        QAgent agent = new QAgent(greedyWithMeta().withMaxUnits(2), ENCODER);
        AgentState s = new AgentState();
        s.setPositionQty(NOTIONAL / 100);
        s.setUnits(1);
        s.setEntryPrice(100);

        AgentDecision d =
                agent.step(s, voting(0, 100, true, 75), new MapQTable(prior(wants))).decision;

        assertThat(proposals(s)).containsExactly(BUY, HOLD, SELL);
        assertThat(d.action).isEqualTo(Action.BUY);
        assertThat(d.source).isEqualTo("Q");
        assertThat(d.units).isEqualTo(2);
    }

    @Test
    void votersAreScoredOnTheRewardTheirOwnProposalWouldHaveEarned() throws Exception {
        QAgent agent = new QAgent(greedyWithMeta(), ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable();

        // Q and mean reversion WAIT, momentum BUY; WAIT is taken
        AgentDecision first = agent.step(s, voting(0, 100, true, 50), table).decision;
        assertThat(first.action).isEqualTo(Action.WAIT);
        assertThat(proposals(s)).containsExactly(WAIT, BUY, WAIT);

        AgentDecision second = agent.step(s, voting(1, 101, true, 50), table).decision;

        // momentum would have held 1.5 units from 100 to 101 and paid the entry fee
        double momentumReward = bps(1.5 * (101 - 100) - fee(NOTIONAL));
        assertThat(second.reward).isZero();
        assertThat(scores(s))
                .containsExactly(new double[] {0.0, 0.1 * momentumReward, 0.0}, within(1e-12));
        // the Q update is on the action taken (WAIT), not on the vote
        QAgent.saveRow(s, table);
        assertThat(table.rows.get(first.stateIndex).values).containsOnly(0.0);
    }

    @Test
    void theQUpdateUsesTheActionTakenWhenAnotherVoterChoseIt() throws Exception {
        QAgent agent = new QAgent(greedyWithMeta(), ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable();

        AgentDecision first = agent.step(s, voting(0, 100, true, 25), table).decision;
        assertThat(first.action).isEqualTo(Action.BUY);
        assertThat(first.source).isEqualTo("MOMENTUM");
        AgentDecision second = agent.step(s, voting(1, 102, true, 50), table).decision;

        double reward = bps(1.5 * 2 - fee(NOTIONAL));
        assertThat(second.reward).isCloseTo(reward, within(1e-9));
        double[] row = table.rows.get(first.stateIndex).values;
        assertThat(row[BUY]).isCloseTo(ALPHA * reward, within(1e-12));
        assertThat(row[WAIT]).isZero();
    }

    @Test
    void withoutMetaControlEverySourceIsQOrExplore() throws Exception {
        AgentConfig pure =
                new AgentConfig(
                                ALPHA,
                                GAMMA,
                                new double[] {0.3, 0.2, 0.1, 0.05},
                                new long[] {100, 200, 300},
                                FEE_BPS,
                                NOTIONAL,
                                SCALE_BPS,
                                42L)
                        .withMeta(MetaControl.off());
        QAgent agent = new QAgent(pure, ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable();
        Set<String> sources = new HashSet<>();

        for (FeatureVector v : randomWalk(400, 5)) {
            sources.add(agent.step(s, v, table).decision.source);
        }

        assertThat(sources).containsExactlyInAnyOrder("Q", "EXPLORE");
        assertThat(scores(s)).containsOnly(0.0);
        assertThat(proposals(s)).containsOnly(-1);
    }

    @Test
    void theDecisionRecordsTheRegimeTheEncoderRead() throws Exception {
        QAgent agent = new QAgent(greedy(), ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable();
        FeatureVector cold = warm(0, 100);
        cold.warm = false;
        assertThat(agent.step(s, cold, table).decision.regime).isNull();

        FeatureVector v = warm(1, 100);
        v.regime = Regime.BEAR_VOLATILE;
        assertThat(agent.step(s, v, table).decision.regime).isEqualTo(Regime.BEAR_VOLATILE);
        FeatureVector w = warm(2, 100);
        w.regime = Regime.BEAR_VOLATILE;
        w.marketRegime = Regime.BULL_TRENDING;
        assertThat(agent.step(s, w, table).decision.regime).isEqualTo(Regime.BULL_TRENDING);
    }

    // ---- decision rules ----

    @Test
    void aFrozenAgentNeitherLearnsNorExploresNorCountsSteps() throws Exception {
        // learn a table first, with exploration and replay on
        MapQTable table = new MapQTable();
        QAgent learner = new QAgent(everything(), ENCODER);
        AgentState s = new AgentState();
        List<FeatureVector> walk = randomWalk(400, 3L);
        for (FeatureVector v : walk.subList(0, 200)) {
            learner.step(s, v, table);
        }
        Map<Integer, double[]> before = new HashMap<>();
        table.rows.forEach((k, r) -> before.put(k, r.values.clone()));
        long steps = s.steps();
        int puts = table.puts;

        AgentConfig frozenConfig = everything().withRules(DecisionRules.DEFAULTS.withFrozen(true));
        QAgent frozen = new QAgent(frozenConfig, ENCODER);
        for (FeatureVector v : walk.subList(200, 400)) {
            QAgent.Step step = frozen.step(s, v, table);
            assertThat(step.decision.source).isNotEqualTo(QAgent.EXPLORE);
        }
        assertThat(table.puts).isEqualTo(puts);
        assertThat(s.steps()).isEqualTo(steps);
        assertThat(table.rows.keySet()).isEqualTo(before.keySet());
        table.rows.forEach((k, r) -> assertThat(r.values).containsExactly(before.get(k)));
    }

    @Test
    void noSellBeforeTheMinimumHoldingTime() throws Exception {
        AgentConfig c =
                alwaysExplore().withRules(new DecisionRules(false, 0L, 10 * 60_000L, Double.NaN));
        QAgent agent = new QAgent(c, ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable();
        int sells = 0;
        for (FeatureVector v : randomWalk(2_000, 5L)) {
            long entry = s.positionQty() > 0 ? s.entryTimeMs() : Long.MIN_VALUE;
            QAgent.Step step = agent.step(s, v, table);
            if (step.decision.action == Action.SELL) {
                sells++;
                assertThat(v.eventTimeMs - entry).isGreaterThanOrEqualTo(10 * 60_000L);
            }
        }
        assertThat(sells).isGreaterThan(10);
    }

    @Test
    void aDecisionIntervalDecidesOnTheFirstBarOfEachIntervalAndHoldsBetween() throws Exception {
        long fiveMinutes = 5 * 60_000L;
        AgentConfig c =
                alwaysExplore().withRules(new DecisionRules(false, fiveMinutes, 0L, Double.NaN));
        QAgent agent = new QAgent(c, ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable();
        int decided = 0;
        List<FeatureVector> walk = randomWalk(300, 9L);
        for (FeatureVector v : walk) {
            double qtyBefore = s.positionQty();
            QAgent.Step step = agent.step(s, v, table);
            boolean first = v.eventTimeMs % fiveMinutes == 0; // bars every minute from T0 (:00)
            if (first) {
                decided++;
                assertThat(step.decision.source).isEqualTo(QAgent.EXPLORE);
            } else {
                assertThat(step.decision.source).isEqualTo(QAgent.INTERVAL);
                assertThat(step.decision.action).isIn(Action.WAIT, Action.HOLD);
                assertThat(s.positionQty()).isEqualTo(qtyBefore);
            }
        }
        assertThat(decided).isEqualTo(60);
        assertThat(s.steps()).isEqualTo(60);
    }

    @Test
    void anOpeningNeedsTheTablesEdgeOverWaiting() throws Exception {
        // BUY worth 3 bps more than WAIT in every state: passes an edge of 2, not one of 4
        Supplier<QRow> prior =
                () -> {
                    double[] q = new double[Action.values().length];
                    q[BUY] = 3.0;
                    return new QRow(q);
                };
        for (double edge : new double[] {2.0, 4.0}) {
            AgentConfig c = greedy().withRules(new DecisionRules(false, 0L, 0L, edge));
            QAgent agent = new QAgent(c, ENCODER);
            AgentState s = new AgentState();
            QAgent.Step step = agent.step(s, warm(0, 100.0), new MapQTable(prior));
            if (edge < 3.0) {
                assertThat(step.decision.action).isEqualTo(Action.BUY);
                assertThat(step.decision.source).isEqualTo("Q");
            } else {
                assertThat(step.decision.action).isEqualTo(Action.WAIT);
                assertThat(step.decision.source).isEqualTo(QAgent.COST);
            }
        }
    }

    @Test
    void startingANewPassKeepsWhatWasLearntAndDropsThePosition() throws Exception {
        QAgent agent = new QAgent(everything(), ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable();
        for (FeatureVector v : randomWalk(500, 11L)) {
            agent.step(s, v, table);
        }
        long steps = s.steps();
        double[] scores = scores(s);
        s.startNewPass();
        assertThat(s.steps()).isEqualTo(steps);
        assertThat(scores(s)).containsExactly(scores);
        assertThat(s.positionQty()).isZero();
        assertThat(s.units()).isZero();
        assertThat(s.lastState()).isEqualTo(-1);
        assertThat(s.lastRowStatus()).isEqualTo(AgentState.RowStatus.UNKNOWN);
        // the next step learns nothing from the last pass's price
        QAgent.Step first = agent.step(s, warm(0, 1.0), table);
        assertThat(first.decision.reward).isZero();
    }
}
