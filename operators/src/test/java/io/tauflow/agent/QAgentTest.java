package io.tauflow.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.features.FeatureVector;
import io.tauflow.schema.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

        MapQTable(Supplier<QRow> prior) {
            this.prior = prior;
        }

        MapQTable() {
            this(() -> null);
        }

        @Override
        public QRow get(int state) {
            QRow r = rows.get(state);
            return r != null ? r : prior.get();
        }

        @Override
        public void put(int state, QRow row) {
            puts++;
            rows.put(state, row);
        }
    }

    private static AgentConfig config(double[] epsilons, long[] phaseEnds) {
        return new AgentConfig(
                ALPHA, GAMMA, epsilons, phaseEnds, FEE_BPS, NOTIONAL, SCALE_BPS, 42L);
    }

    private static AgentConfig greedy() {
        return config(new double[] {0, 0, 0, 0}, new long[] {10, 20, 30});
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
            out.add(v);
        }
        return out;
    }

    private static double fee(double notional) {
        return notional * FEE_BPS / 10_000;
    }

    private static double bps(double cash) {
        return cash / NOTIONAL * 10_000;
    }

    @Test
    void qUpdateIsAlphaTimesTheTemporalDifference() throws Exception {
        QAgent agent = new QAgent(greedy(), ENCODER);
        AgentState s = new AgentState();
        s.positionQty = NOTIONAL / 100.0;
        s.entryPrice = 100.0;
        s.lastPrice = 100.0;
        s.lastAction = Action.BUY;
        s.pendingFee = fee(NOTIONAL);
        FeatureVector v = warm(1, 101.0);
        int current = ENCODER.encode(v, s);
        int previous = current == 0 ? 1 : 0;
        s.lastState = previous;
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
        assertThat(s.lastState).isEqualTo(current);
        assertThat(s.lastAction).isEqualTo(Action.HOLD);
        assertThat(s.lastPrice).isEqualTo(101.0);
        assertThat(s.pendingFee).isZero();
        assertThat(s.steps).isEqualTo(1);
    }

    @Test
    void aRevisitedStateActsOnItsUpdatedValues() throws Exception {
        QAgent agent = new QAgent(greedy(), ENCODER);
        AgentState s = new AgentState();
        s.lastPrice = 100.0;
        s.lastAction = Action.WAIT;
        FeatureVector v = warm(1, 100.0);
        int state = ENCODER.encode(v, s);
        s.lastState = state;
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
        assertThat(s.steps).isZero();
        assertThat(s.lastState).isEqualTo(-1);
        assertThat(s.lastPrice).isEqualTo(100.0);
    }

    @Test
    void theFirstWarmStepLearnsNothingAndTheSecondLearnsOneRow() throws Exception {
        QAgent agent = new QAgent(greedy(), ENCODER);
        AgentState s = new AgentState();
        MapQTable table = new MapQTable();

        QAgent.Step first = agent.step(s, warm(0, 100.0), table);

        assertThat(first.decision.reward).isZero();
        assertThat(table.rows).isEmpty();

        agent.step(s, warm(1, 100.5), table);

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
            boolean flat = s.positionQty == 0;
            QAgent.Step step = agent.step(s, v, table);
            Action a = step.decision.action;
            if (flat) {
                assertThat(a).isIn(Action.BUY, Action.WAIT);
            } else {
                assertThat(a).isIn(Action.SELL, Action.HOLD);
            }
            if (a == Action.BUY) {
                buys++;
                assertThat(s.positionQty).isCloseTo(NOTIONAL / v.close, within(1e-12));
                assertThat(s.entryPrice).isEqualTo(v.close);
            } else if (a == Action.SELL) {
                sells++;
                assertThat(s.positionQty).isZero();
                assertThat(step.outcome).isNotNull();
            } else {
                assertThat(step.outcome).isNull();
            }
            assertThat(step.decision.positionQty).isEqualTo(s.positionQty);
        }
        assertThat(buys).isGreaterThan(50);
        assertThat(sells).isBetween(buys - 1, buys);
        assertThat(s.trades).isEqualTo(sells);
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
        assertThat(s.trades).isEqualTo(3);
        assertThat(s.wins).isEqualTo(1);
        assertThat(s.realizedPnl)
                .isCloseTo(expectedPnl[0] + expectedPnl[1] + expectedPnl[2], within(1e-9));
        assertThat(steps.get(5).decision.realizedPnl).isCloseTo(s.realizedPnl, within(1e-12));

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
        QAgent agent1 = new QAgent(AgentConfig.defaults(), ENCODER);
        QAgent agent2 = new QAgent(AgentConfig.defaults(), ENCODER);
        for (FeatureVector v : input) {
            first.add(agent1.step(s1, v, table1).decision);
            second.add(agent2.step(s2, v, table2).decision);
        }

        // field by field: AgentDecision.equals leaves out price, entry price, streak, features
        assertThat(second).usingRecursiveFieldByFieldElementComparator().isEqualTo(first);
        assertThat(table2.rows).isEqualTo(table1.rows);
        assertThat(first).extracting(d -> d.source).contains("EXPLORE", "Q");
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
}
