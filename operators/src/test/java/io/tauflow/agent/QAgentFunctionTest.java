package io.tauflow.agent;

import static io.tauflow.testing.TestRecords.candle;
import static io.tauflow.testing.TestRecords.sideRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.features.FeatureCalculator;
import io.tauflow.features.FeatureConfig;
import io.tauflow.features.FeatureState;
import io.tauflow.features.FeatureVector;
import io.tauflow.schema.Action;
import io.tauflow.testing.Harnesses;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QAgentFunctionTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final String SYMBOL = "AAA";
    private static final FeatureConfig FEATURES = FeatureConfig.defaults();
    private static final AgentConfig AGENT = AgentConfig.defaults();
    private static final StateEncoder ENCODER =
            new StateEncoder(FEATURES.shortBars(), FEATURES.midBars(), FEATURES.longBars());
    private static final int BARS = 240;
    private static final int WARM_FROM = FEATURES.longBars(); // bar index 60, the 61st candle

    private KeyedOneInputStreamOperatorTestHarness<String, FeatureVector, AgentDecision> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new QAgentFunction(AGENT, ENCODER), v -> v.symbol, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static Instant bar(int i) {
        return T0.plus(Duration.ofMinutes(i));
    }

    /** Rises for half the bars, then falls, with a wiggle so that the agent sees varied states. */
    private static double close(int i) {
        double trend = i < BARS / 2 ? 100 + 0.2 * i : 100 + 0.2 * (BARS - i);
        return trend + 0.6 * Math.sin(i * 0.7);
    }

    /** The agent's input as the features stage computes it. */
    private static List<FeatureVector> featureVectors() {
        FeatureCalculator calc = new FeatureCalculator(FEATURES);
        FeatureState s = new FeatureState();
        List<FeatureVector> out = new ArrayList<>();
        for (int i = 0; i < BARS; i++) {
            out.add(calc.onCandle(s, candle(SYMBOL, bar(i), close(i))));
        }
        return out;
    }

    private Map<Integer, QRow> qTable() throws Exception {
        return Harnesses.mapState(harness, SYMBOL, QAgentFunction.qTableDescriptor());
    }

    @Test
    void decidesOnEveryCandleLegallyAndLearnsOnlyVisitedStates() throws Exception {
        List<FeatureVector> input = featureVectors();
        List<Integer> qTableSizes = new ArrayList<>();

        for (int i = 0; i < input.size(); i++) {
            FeatureVector v = input.get(i);
            harness.processElement(v, v.eventTimeMs);
            harness.processWatermark(v.eventTimeMs);
            if (i == WARM_FROM - 1 || i == WARM_FROM) {
                // only the agent's ValueState: nothing learnt before the second warm step
                assertThat(harness.numKeyedStateEntries()).as("after bar %d", i).isEqualTo(1);
                assertThat(qTable()).isEmpty();
            }
            if (i >= WARM_FROM) {
                qTableSizes.add(qTable().size());
            }
        }

        List<AgentDecision> decisions = harness.extractOutputValues();
        assertThat(decisions).hasSize(BARS);
        for (int i = 0; i < BARS; i++) {
            AgentDecision d = decisions.get(i);
            assertThat(d.eventTimeMs).isEqualTo(bar(i).toEpochMilli());
            assertThat(d.price).isEqualTo(close(i));
            if (i < WARM_FROM) {
                assertThat(d.source).as("bar %d", i).isEqualTo("WARMUP");
                assertThat(d.action).isEqualTo(Action.WAIT);
                assertThat(d.stateIndex).isEqualTo(-1);
                assertThat(d.regime).isNull();
            } else {
                assertThat(d.source)
                        .as("bar %d", i)
                        .isIn("Q", "MOMENTUM", "MEAN_REVERSION", "EXPLORE");
                assertThat(d.regime).isEqualTo(input.get(i).regime);
                assertThat(d.stateIndex).isBetween(0, ENCODER.size() - 1);
                assertThat(d.confidence).isBetween(0.0, 1.0);
            }
        }

        // the Tau kernel: BUY or WAIT when flat, SELL or HOLD when long
        double position = 0.0;
        for (AgentDecision d : decisions) {
            if (position == 0.0) {
                assertThat(d.action).as("flat at %d", d.eventTimeMs).isIn(Action.BUY, Action.WAIT);
            } else {
                assertThat(d.action).as("long at %d", d.eventTimeMs).isIn(Action.SELL, Action.HOLD);
            }
            double expected =
                    d.action == Action.BUY
                            ? AGENT.virtualNotional() / d.price
                            : d.action == Action.SELL ? 0.0 : position;
            assertThat(d.positionQty).isCloseTo(expected, within(1e-12));
            position = d.positionQty;
        }

        // learning: a row for each state acted in, except the last (not yet learnt from)
        List<AgentDecision> warm = decisions.subList(WARM_FROM, BARS);
        int learningSteps = warm.size() - 1;
        Set<Integer> actedIn = new HashSet<>();
        for (AgentDecision d : warm.subList(0, warm.size() - 1)) {
            actedIn.add(d.stateIndex);
        }
        Map<Integer, QRow> table = qTable();
        assertThat(table.keySet()).isEqualTo(actedIn);
        assertThat(table.size()).isGreaterThan(1).isLessThanOrEqualTo(learningSteps);
        assertThat(qTableSizes).isSorted();
        assertThat(qTableSizes.get(qTableSizes.size() - 1)).isGreaterThan(qTableSizes.get(1));
        // one Q-table map plus the agent's ValueState on the heap backend
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isZero();

        AgentState state =
                Harnesses.valueState(harness, SYMBOL, QAgentFunction.agentStateDescriptor());
        assertThat(state.steps).isEqualTo(warm.size());
        assertThat(state.lastState).isEqualTo(warm.get(warm.size() - 1).stateIndex);
        assertThat(state.visitedStates).isEqualTo(table.size());
        assertThat(state.opens)
                .isEqualTo(decisions.stream().filter(d -> d.action == Action.BUY).count());
    }

    @Test
    void theQTableEqualsAnIndependentReplayOfTheDecisions() throws Exception {
        for (FeatureVector v : featureVectors()) {
            harness.processElement(v, v.eventTimeMs);
            harness.processWatermark(v.eventTimeMs);
        }
        List<AgentDecision> d = harness.extractOutputValues().subList(WARM_FROM, BARS);
        double feeRate = AGENT.feeBps() / 10_000;
        double notional = AGENT.virtualNotional();

        Map<Integer, double[]> q = new HashMap<>();
        for (int i = 1; i < d.size(); i++) {
            AgentDecision prev = d.get(i - 1);
            AgentDecision cur = d.get(i);
            double fee =
                    prev.action == Action.BUY
                            ? notional * feeRate
                            : prev.action == Action.SELL
                                    ? d.get(i - 2).positionQty * prev.price * feeRate
                                    : 0.0;
            double reward = (prev.positionQty * (cur.price - prev.price) - fee) / notional * 10_000;
            assertThat(cur.reward).as("reward at %d", i).isCloseTo(reward, within(1e-9));

            double[] next = q.getOrDefault(cur.stateIndex, new double[4]);
            double bestNext =
                    prev.positionQty == 0
                            ? Math.max(next[Action.BUY.ordinal()], next[Action.WAIT.ordinal()])
                            : Math.max(next[Action.SELL.ordinal()], next[Action.HOLD.ordinal()]);
            double[] row = q.computeIfAbsent(prev.stateIndex, k -> new double[4]);
            int a = prev.action.ordinal();
            row[a] += AGENT.learningRate() * (reward + AGENT.discount() * bestNext - row[a]);
        }

        Map<Integer, QRow> table = qTable();
        assertThat(table.keySet()).isEqualTo(q.keySet());
        for (Map.Entry<Integer, double[]> e : q.entrySet()) {
            assertThat(table.get(e.getKey()).values)
                    .as("state %d", e.getKey())
                    .containsExactly(e.getValue(), within(1e-9));
        }
    }

    @Test
    void closedTradesGoToTheOutcomesOutput() throws Exception {
        for (FeatureVector v : featureVectors()) {
            harness.processElement(v, v.eventTimeMs);
            harness.processWatermark(v.eventTimeMs);
        }
        List<AgentDecision> decisions = harness.extractOutputValues();
        List<StreamRecord<TradeOutcome>> outcomes = sideRecords(harness, QAgentFunction.OUTCOMES);
        double feeRate = AGENT.feeBps() / 10_000;

        List<double[]> trades = new ArrayList<>(); // entry price, exit price, entry time, exit time
        AgentDecision entry = null;
        for (AgentDecision d : decisions) {
            if (d.action == Action.BUY) {
                entry = d;
            } else if (d.action == Action.SELL) {
                trades.add(new double[] {entry.price, d.price, entry.eventTimeMs, d.eventTimeMs});
            }
        }
        assertThat(trades).isNotEmpty();
        assertThat(outcomes).hasSameSizeAs(trades);

        double total = 0;
        for (int t = 0; t < trades.size(); t++) {
            double[] tr = trades.get(t);
            double qty = AGENT.virtualNotional() / tr[0];
            double pnl = qty * (tr[1] - tr[0]) - qty * tr[0] * feeRate - qty * tr[1] * feeRate;
            TradeOutcome o = outcomes.get(t).getValue();
            assertThat(o.symbol).isEqualTo(SYMBOL);
            assertThat(o.entryPrice).isEqualTo(tr[0]);
            assertThat(o.exitPrice).isEqualTo(tr[1]);
            assertThat(o.entryTimeMs).isEqualTo((long) tr[2]);
            assertThat(o.exitTimeMs).isEqualTo((long) tr[3]);
            assertThat(o.quantity).isCloseTo(qty, within(1e-12));
            assertThat(o.pnl).isCloseTo(pnl, within(1e-9));
            assertThat(outcomes.get(t).getTimestamp()).isEqualTo(o.exitTimeMs);
            total += pnl;
        }
        assertThat(decisions.get(BARS - 1).realizedPnl).isCloseTo(total, within(1e-9));
    }

    @Test
    void eachSymbolLearnsSeparately() throws Exception {
        List<FeatureVector> input = featureVectors();
        for (FeatureVector v : input) {
            FeatureVector other = copyAs("BBB", v);
            harness.processElement(v, v.eventTimeMs);
            harness.processElement(other, other.eventTimeMs);
            harness.processWatermark(v.eventTimeMs);
        }

        // two keys, each with a Q-table map and an agent ValueState
        assertThat(harness.numKeyedStateEntries()).isEqualTo(4);
        AgentState a = Harnesses.valueState(harness, "AAA", QAgentFunction.agentStateDescriptor());
        AgentState b = Harnesses.valueState(harness, "BBB", QAgentFunction.agentStateDescriptor());
        assertThat(a.steps).isEqualTo(BARS - WARM_FROM);
        assertThat(b.steps).isEqualTo(BARS - WARM_FROM);
        assertThat(harness.extractOutputValues()).hasSize(2 * BARS);
    }

    private static FeatureVector copyAs(String symbol, FeatureVector v) {
        FeatureVector c = new FeatureVector();
        c.symbol = symbol;
        c.eventTimeMs = v.eventTimeMs;
        c.intervalMs = v.intervalMs;
        c.close = v.close;
        c.logReturn = v.logReturn;
        c.momentumShort = v.momentumShort;
        c.momentumMid = v.momentumMid;
        c.momentumLong = v.momentumLong;
        c.volatility = v.volatility;
        c.volatilityRatio = v.volatilityRatio;
        c.rsi = v.rsi;
        c.warm = v.warm;
        return c;
    }
}
