package io.tauflow.agent;

import static io.tauflow.testing.TestRecords.candle;
import static io.tauflow.testing.TestRecords.level;
import static io.tauflow.testing.TestRecords.sideRecords;
import static io.tauflow.testing.TestRecords.sideValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.features.BarClose;
import io.tauflow.features.FeatureCalculator;
import io.tauflow.features.FeatureConfig;
import io.tauflow.features.FeatureState;
import io.tauflow.ingest.InboundEvent;
import io.tauflow.regime.RegimeConfig;
import io.tauflow.regime.RegimeMark;
import io.tauflow.schema.Action;
import io.tauflow.schema.Regime;
import io.tauflow.testing.Harnesses;
import io.tauflow.testing.TestRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SymbolAgentFunctionTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final long MINUTE = 60_000L;
    private static final String SYMBOL = "AAA";
    private static final FeatureConfig FEATURES = FeatureConfig.defaults();
    private static final AgentConfig AGENT = AgentConfig.defaults();
    private static final StateEncoder ENCODER =
            new StateEncoder(FEATURES.shortBars(), FEATURES.midBars(), FEATURES.longBars());
    private static final long MAX_AGE = 15 * MINUTE;
    private static final int BARS = 240;
    private static final int WARM_FROM = FEATURES.longBars(); // bar index 60, the 61st candle

    private KeyedBroadcastOperatorTestHarness<String, InboundEvent, RegimeMark, AgentDecision>
            harness;

    private void start(boolean waitForMarket) throws Exception {
        harness = newHarness(waitForMarket);
        harness.setup();
        harness.open();
    }

    /** The function in the operator the job runs it in (which saves pending rows at barriers). */
    private static KeyedBroadcastOperatorTestHarness<
                    String, InboundEvent, RegimeMark, AgentDecision>
            newHarness(boolean waitForMarket) throws Exception {
        return newHarness(
                new SymbolAgentFunction(
                        FEATURES, RegimeConfig.defaults(), AGENT, ENCODER, waitForMarket, MAX_AGE));
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, InboundEvent, RegimeMark, AgentDecision>
            newHarness(SymbolAgentFunction function) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new SymbolAgentOperator(function), InboundEvent::symbol, Types.STRING, 1, 1, 0);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private static Instant bar(int i) {
        return T0.plus(Duration.ofMinutes(i));
    }

    /** Rises for half the bars, then falls, with a wiggle so that the agent sees varied states. */
    private static double close(int i) {
        double trend = i < BARS / 2 ? 100 + 0.2 * i : 100 + 0.2 * (BARS - i);
        return trend + 0.6 * Math.sin(i * 0.7);
    }

    private static InboundEvent candleEvent(String symbol, int i) {
        return InboundEvent.candle(candle(symbol, bar(i), close(i)));
    }

    /** Every candle as it arrives, with the watermark right behind it. */
    private void playAll(String... symbols) throws Exception {
        for (int i = 0; i < BARS; i++) {
            for (String symbol : symbols) {
                harness.processElement(candleEvent(symbol, i), bar(i).toEpochMilli());
            }
            watermark(bar(i).toEpochMilli());
        }
    }

    private void watermark(long t) throws Exception {
        harness.processWatermark(t);
        harness.processBroadcastWatermark(t);
    }

    /** The agent's whole Q-table: the stored one with the agent's pending row, if any. */
    private Map<Integer, QRow> qTable() throws Exception {
        Map<Integer, QRow> table = storedQTable(harness);
        SymbolState s = symbolState(SYMBOL);
        if (s != null && s.agent.lastState() >= 0) {
            int current = s.agent.lastState();
            QRow row = QAgent.rowOf(s.agent, current, table.get(current));
            if (row != null) {
                table.put(current, row);
            }
        }
        return table;
    }

    /** The Q-table {@code MapState} alone. */
    private static Map<Integer, QRow> storedQTable(
            KeyedBroadcastOperatorTestHarness<String, InboundEvent, RegimeMark, AgentDecision> h)
            throws Exception {
        return Harnesses.mapState(h, SYMBOL, SymbolAgentFunction.qTableDescriptor());
    }

    private SymbolState symbolState(String symbol) throws Exception {
        return Harnesses.valueState(harness, symbol, SymbolAgentFunction.stateDescriptor());
    }

    @Test
    void decidesOnEveryCandleLegallyAndLearnsOnlyVisitedStates() throws Exception {
        start(false);
        List<Integer> qTableSizes = new ArrayList<>();
        for (int i = 0; i < BARS; i++) {
            harness.processElement(candleEvent(SYMBOL, i), bar(i).toEpochMilli());
            if (i == WARM_FROM - 1 || i == WARM_FROM) {
                // only the symbol's ValueState: nothing learnt before the second warm step
                assertThat(Harnesses.numKeyedStateEntries(harness))
                        .as("after bar %d", i)
                        .isEqualTo(1);
                assertThat(qTable()).isEmpty();
            }
            if (i >= WARM_FROM) {
                qTableSizes.add(qTable().size());
            }
        }

        List<AgentDecision> decisions = harness.extractOutputValues();
        List<BarClose> bars = sideValues(harness, SymbolAgentFunction.BAR_CLOSES);
        assertThat(decisions).hasSize(BARS);
        assertThat(bars).hasSize(BARS);
        for (int i = 0; i < BARS; i++) {
            AgentDecision d = decisions.get(i);
            assertThat(d.eventTimeMs).isEqualTo(bar(i).toEpochMilli());
            assertThat(d.price).isEqualTo(close(i));
            assertThat(bars.get(i).eventTimeMs).isEqualTo(d.eventTimeMs);
            assertThat(bars.get(i).close).isEqualTo(d.price);
            assertThat(bars.get(i).hasPrevious).isEqualTo(i > 0);
            if (i < WARM_FROM) {
                assertThat(d.source).as("bar %d", i).isEqualTo("WARMUP");
                assertThat(d.action).isEqualTo(Action.WAIT);
                assertThat(d.stateIndex).isEqualTo(-1);
                assertThat(d.regime).isNull();
            } else {
                assertThat(d.source)
                        .as("bar %d", i)
                        .isIn("Q", "MOMENTUM", "MEAN_REVERSION", "EXPLORE");
                // no market regime without a reference symbol: the symbol's own
                assertThat(d.regime).isEqualTo(bars.get(i).regime);
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
        // one Q-table map plus the symbol's ValueState on the heap backend; nothing held
        assertThat(Harnesses.numKeyedStateEntries(harness)).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isZero();

        SymbolState state = symbolState(SYMBOL);
        assertThat(state.agent.steps()).isEqualTo(warm.size());
        assertThat(state.agent.lastState()).isEqualTo(warm.get(warm.size() - 1).stateIndex);
        assertThat(state.agent.visitedStates()).isEqualTo(table.size());
        assertThat(state.agent.opens())
                .isEqualTo(decisions.stream().filter(d -> d.action == Action.BUY).count());
        assertThat(state.features.bars).isEqualTo(BARS);
    }

    @Test
    void theQTableLacksOnlyTheRowOfAStateTheAgentStaysInAndACheckpointHasItAll() throws Exception {
        start(false);
        int pendingBars = 0;
        OperatorSubtaskState checkpoint = null;
        Map<Integer, QRow> atCheckpoint = null;
        int checkpointBar = BARS / 2;
        for (int i = 0; i < BARS; i++) {
            harness.processElement(candleEvent(SYMBOL, i), bar(i).toEpochMilli());
            if (i <= WARM_FROM) {
                continue;
            }
            AgentState a = symbolState(SYMBOL).agent;
            int current = a.lastState();
            Map<Integer, QRow> stored = storedQTable(harness);
            Map<Integer, QRow> whole = qTable();
            // every row but the current state's is stored as the agent last left it
            Map<Integer, QRow> others = new HashMap<>(whole);
            others.remove(current);
            Map<Integer, QRow> storedOthers = new HashMap<>(stored);
            storedOthers.remove(current);
            assertThat(storedOthers).as("bar %d", i).isEqualTo(others);
            if (a.lastRowStatus() == AgentState.RowStatus.PENDING) {
                pendingBars++;
                assertThat(a.lastRow).isEqualTo(whole.get(current).values);
            } else {
                assertThat(a.lastRowStatus()).isEqualTo(AgentState.RowStatus.SAVED);
                assertThat(stored).as("bar %d", i).isEqualTo(whole);
            }
            if (i % 20 == 0 || i == checkpointBar) {
                // before the barrier the operator writes the pending row: the stored table is whole
                // (a task calls this before every checkpoint and savepoint; the harness leaves it
                // to the test)
                harness.prepareSnapshotPreBarrier(i);
                OperatorSubtaskState snapshot = harness.snapshot(i, bar(i).toEpochMilli());
                assertThat(storedQTable(harness)).as("bar %d", i).isEqualTo(whole);
                assertThat(symbolState(SYMBOL).agent.lastRowStatus())
                        .isEqualTo(AgentState.RowStatus.SAVED);
                if (i == checkpointBar) {
                    checkpoint = snapshot;
                    atCheckpoint = whole;
                }
            }
        }
        assertThat(pendingBars).as("bars that stayed in their state").isPositive();

        // restored from the checkpoint: the whole table, and the same decisions from there on
        List<AgentDecision> original = harness.extractOutputValues();
        KeyedBroadcastOperatorTestHarness<String, InboundEvent, RegimeMark, AgentDecision>
                restored = newHarness(false);
        try {
            restored.setup();
            restored.initializeState(checkpoint);
            restored.open();
            assertThat(storedQTable(restored)).isEqualTo(atCheckpoint);
            for (int i = checkpointBar + 1; i < BARS; i++) {
                restored.processElement(candleEvent(SYMBOL, i), bar(i).toEpochMilli());
            }
            assertThat(restored.extractOutputValues())
                    .containsExactlyElementsOf(original.subList(checkpointBar + 1, BARS));
        } finally {
            restored.close();
        }
    }

    /**
     * The caches must be invisible: on RocksDB, the same decisions and the same stored Q-tables
     * with no cache, with caches so small that the symbols keep evicting each other (a symbol slot
     * or two, 1 or 8 row slots), and with the defaults; and a restore from a checkpoint taken half
     * way gives the rest of the decisions again, so the state written behind the caches was whole.
     * Three symbols on differently shifted price paths, interleaved as a keyed stream interleaves
     * them, so that a cache that mixed up symbols, missed a write or shared an array with its
     * caller would change a row or a state and then a decision.
     */
    @ParameterizedTest
    @CsvSource({"1, 1", "2, 8", "1024, 65536"})
    void theCachesChangeNoDecisionNoRowAndNoRestore(int symbolSlots, int rowSlots)
            throws Exception {
        String[] symbols = {"AAA", "BBB", "CCC"};
        AgentCaches sizes = new AgentCaches(symbolSlots, rowSlots);
        SymbolAgentFunction uncached = function(AgentCaches.OFF);
        SymbolAgentFunction cached = function(sizes);
        ShiftedRun expected = playShifted(uncached, symbols);
        ShiftedRun actual = playShifted(cached, symbols);

        assertThat(uncached.rowCache()).isNull();
        assertThat(uncached.symbolCache()).isNull();
        assertThat(actual.decisions).containsExactlyElementsOf(expected.decisions);
        assertThat(actual.tables).isEqualTo(expected.tables);
        assertThat(cached.rowCache().slots()).isGreaterThanOrEqualTo(rowSlots);
        assertThat(cached.symbolCache().slots()).isGreaterThanOrEqualTo(symbolSlots);
        assertThat(cached.rowCache().misses()).isPositive();
        if (sizes.equals(AgentCaches.DEFAULTS)) {
            // every read but a state's first, and every symbol read but its first, is a hit
            assertThat(cached.rowCache().hits()).isGreaterThan(cached.rowCache().misses());
            assertThat(cached.symbolCache().misses()).isEqualTo(symbols.length);
        }

        // restored from the checkpoint half way: the rest of the decisions again
        KeyedBroadcastOperatorTestHarness<String, InboundEvent, RegimeMark, AgentDecision>
                restored = newHarness(function(sizes));
        try {
            restored.setStateBackend(new EmbeddedRocksDBStateBackend());
            restored.setup();
            restored.initializeState(actual.checkpoint);
            restored.open();
            playShiftedBars(restored, symbols, BARS / 2, BARS);
            List<AgentDecision> rest =
                    actual.decisions.subList(symbols.length * BARS / 2, actual.decisions.size());
            assertThat(restored.extractOutputValues()).containsExactlyElementsOf(rest);
        } finally {
            restored.close();
        }
    }

    @Test
    void onTheHeapBackendOnlyTheRowCacheIsOn() throws Exception {
        SymbolAgentFunction f = function(AgentCaches.DEFAULTS);
        KeyedBroadcastOperatorTestHarness<String, InboundEvent, RegimeMark, AgentDecision> h =
                newHarness(f);
        try {
            h.setup();
            h.open();
            // the heap backend keeps the objects written to it: a cached object changed in place
            // would change the stored value (and a snapshot being written) behind its back
            assertThat(f.symbolCache()).isNull();
            assertThat(f.rowCache()).isNotNull();
        } finally {
            h.close();
        }
    }

    private static SymbolAgentFunction function(AgentCaches caches) {
        return new SymbolAgentFunction(
                FEATURES, RegimeConfig.defaults(), AGENT, ENCODER, false, MAX_AGE, caches);
    }

    /** The decisions and stored Q-tables of a run, and a checkpoint taken half way. */
    private static final class ShiftedRun {
        List<AgentDecision> decisions;
        Map<String, Map<Integer, QRow>> tables = new HashMap<>();
        OperatorSubtaskState checkpoint;
    }

    /**
     * Plays every bar of {@code symbols} on RocksDB, the k-th symbol's closes shifted by 37 k bars,
     * with a checkpoint after half of them; then writes the pending rows as before a checkpoint and
     * reads each symbol's stored Q-table.
     */
    private static ShiftedRun playShifted(SymbolAgentFunction function, String[] symbols)
            throws Exception {
        KeyedBroadcastOperatorTestHarness<String, InboundEvent, RegimeMark, AgentDecision> h =
                newHarness(function);
        ShiftedRun run = new ShiftedRun();
        try {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
            h.setup();
            h.open();
            playShiftedBars(h, symbols, 0, BARS / 2);
            h.prepareSnapshotPreBarrier(1);
            run.checkpoint = h.snapshot(1, bar(BARS / 2).toEpochMilli());
            playShiftedBars(h, symbols, BARS / 2, BARS);
            h.prepareSnapshotPreBarrier(2);
            run.decisions = h.extractOutputValues();
            for (String symbol : symbols) {
                run.tables.put(
                        symbol,
                        Harnesses.mapState(h, symbol, SymbolAgentFunction.qTableDescriptor()));
            }
            return run;
        } finally {
            h.close();
        }
    }

    private static void playShiftedBars(
            KeyedBroadcastOperatorTestHarness<String, InboundEvent, RegimeMark, AgentDecision> h,
            String[] symbols,
            int from,
            int to)
            throws Exception {
        for (int i = from; i < to; i++) {
            for (int k = 0; k < symbols.length; k++) {
                h.processElement(
                        InboundEvent.candle(candle(symbols[k], bar(i), close(i + 37 * k))),
                        bar(i).toEpochMilli());
            }
        }
    }

    @Test
    void booksAndCandlesFoldIntoOneStateAsTheCalculatorComputesIt() throws Exception {
        start(false);
        FeatureCalculator calc = new FeatureCalculator(FEATURES, RegimeConfig.defaults());
        FeatureState expected = new FeatureState();
        List<BarClose> want = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            InboundEvent book =
                    InboundEvent.book(
                            TestRecords.book(
                                    SYMBOL,
                                    bar(i).minusSeconds(1),
                                    List.of(level(close(i) - 0.01, 3.0 + i % 4)),
                                    List.of(level(close(i) + 0.01, 2.0))));
            harness.processElement(book, book.eventTimeMs());
            calc.onBook(expected, book.book);
            harness.processElement(candleEvent(SYMBOL, i), bar(i).toEpochMilli());
            want.add(BarClose.of(calc.onCandle(expected, candleEvent(SYMBOL, i).candle)));
        }
        assertThat(sideValues(harness, SymbolAgentFunction.BAR_CLOSES))
                .containsExactlyElementsOf(want);
        FeatureState stored = symbolState(SYMBOL).features;
        assertThat(stored).usingRecursiveComparison().isEqualTo(expected);
        assertThat(stored.bookImbalance()).isNotZero();
        assertThat(stored.bars).isEqualTo(80);
    }

    @Test
    void theQTableEqualsAnIndependentReplayOfTheDecisions() throws Exception {
        start(false);
        playAll(SYMBOL);
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
        start(false);
        playAll(SYMBOL);
        List<AgentDecision> decisions = harness.extractOutputValues();
        List<StreamRecord<TradeOutcome>> outcomes =
                sideRecords(harness, SymbolAgentFunction.OUTCOMES);
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
        start(false);
        playAll("AAA", "BBB");
        // two keys, each with a Q-table map and a symbol ValueState
        assertThat(Harnesses.numKeyedStateEntries(harness)).isEqualTo(4);
        assertThat(symbolState("AAA").agent.steps()).isEqualTo(BARS - WARM_FROM);
        assertThat(symbolState("BBB").agent.steps()).isEqualTo(BARS - WARM_FROM);
        assertThat(harness.extractOutputValues()).hasSize(2 * BARS);
    }

    @Test
    void waitingForTheMarketGivesTheSameDecisionsAsUsingEventsAtOnce() throws Exception {
        start(false);
        playAll(SYMBOL);
        List<AgentDecision> atOnce = harness.extractOutputValues();
        harness.close();
        start(true);
        playAll(SYMBOL);
        assertThat(harness.extractOutputValues())
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(atOnce);
        assertThat(harness.numEventTimeTimers()).isZero();
        // everything released: the symbol's value and its Q-table remain, no pending events
        assertThat(Harnesses.numKeyedStateEntries(harness)).isEqualTo(2);
    }

    // ---- the market regime (waitForMarket on) ----
    //
    // A warm decision's regime is the market regime stamped on its candle, or the symbol's own
    // (on its bar close) when there is none. The marks below are bearish while the test series
    // rises, so the two cannot be confused.

    /** Plays the symbol's bars up to warm-up, with no marks, and forgets their output. */
    private void warmUp(String symbol) throws Exception {
        for (int i = 0; i < WARM_FROM; i++) {
            harness.processElement(candleEvent(symbol, i), bar(i).toEpochMilli());
            watermark(bar(i).toEpochMilli());
        }
        harness.getOutput().clear();
        harness.getSideOutput(SymbolAgentFunction.BAR_CLOSES).clear();
    }

    /** (time, regime used) of each decision released so far. */
    private List<org.assertj.core.groups.Tuple> regimesUsed() {
        List<org.assertj.core.groups.Tuple> out = new ArrayList<>();
        for (AgentDecision d : harness.extractOutputValues()) {
            out.add(tuple(d.eventTimeMs, d.regime));
        }
        return out;
    }

    private Regime ownRegime(int released) {
        return sideValues(harness, SymbolAgentFunction.BAR_CLOSES).get(released).regime;
    }

    private static long time(int i) {
        return bar(i).toEpochMilli();
    }

    @Test
    void holdsEventsUntilTheWatermarkThenStampsTheLatestMarkAtOrBeforeTheirTime() throws Exception {
        start(true);
        warmUp("IBM");
        int b = WARM_FROM;
        harness.processBroadcastElement(RegimeMark.of(time(b), Regime.BEAR_TRENDING), time(b));
        // The candle of b+1 arrives before the reference bar of b+1: it must still get its regime.
        harness.processElement(candleEvent("IBM", b + 1), time(b + 1));
        assertThat(harness.extractOutputValues()).isEmpty();
        // held by the operator on the heap: no timer, nothing in the state until a checkpoint
        assertThat(((SymbolAgentOperator) harness.getOperator()).heldCount()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();

        harness.processBroadcastElement(
                RegimeMark.of(time(b + 1), Regime.BEAR_VOLATILE), time(b + 1));
        watermark(time(b + 1));

        assertThat(regimesUsed()).containsExactly(tuple(time(b + 1), Regime.BEAR_VOLATILE));
        assertThat(ownRegime(0)).isNotEqualTo(Regime.BEAR_VOLATILE);
        assertThat(((SymbolAgentOperator) harness.getOperator()).heldCount()).isZero();
    }

    @Test
    void aCandleBetweenMarksGetsTheEarlierOne() throws Exception {
        start(true);
        warmUp("BAC");
        int b = WARM_FROM;
        harness.processBroadcastElement(RegimeMark.of(time(b), Regime.BEAR_VOLATILE), time(b));
        harness.processBroadcastElement(
                RegimeMark.of(time(b + 2), Regime.BEAR_TRENDING), time(b + 2));
        harness.processElement(candleEvent("BAC", b + 1), time(b + 1));
        harness.processElement(candleEvent("BAC", b + 2), time(b + 2));
        watermark(time(b + 1));
        assertThat(regimesUsed()).containsExactly(tuple(time(b + 1), Regime.BEAR_VOLATILE));
        assertThat(((SymbolAgentOperator) harness.getOperator()).heldCount()).isEqualTo(1);

        watermark(time(b + 2));
        assertThat(regimesUsed())
                .containsExactly(
                        tuple(time(b + 1), Regime.BEAR_VOLATILE),
                        tuple(time(b + 2), Regime.BEAR_TRENDING));
        assertThat(harness.extractOutputValues().get(1).price).isEqualTo(close(b + 2));
    }

    @Test
    void noMarkOrAStaleMarkLeavesTheSymbolsOwnRegime() throws Exception {
        start(true);
        warmUp("AIG");
        int b = WARM_FROM;
        harness.processElement(candleEvent("AIG", b), time(b));
        watermark(time(b));
        harness.processBroadcastElement(
                RegimeMark.of(time(b + 1), Regime.BEAR_VOLATILE), time(b + 1));
        int justFresh = b + 1 + (int) (MAX_AGE / MINUTE);
        harness.processElement(candleEvent("AIG", justFresh), time(justFresh));
        harness.processElement(candleEvent("AIG", justFresh + 1), time(justFresh + 1));
        watermark(time(justFresh + 1));
        assertThat(regimesUsed())
                .containsExactly(
                        tuple(time(b), ownRegime(0)),
                        tuple(time(justFresh), Regime.BEAR_VOLATILE),
                        tuple(time(justFresh + 1), ownRegime(2)));
        assertThat(ownRegime(0)).isNotEqualTo(Regime.BEAR_VOLATILE);
        assertThat(ownRegime(2)).isNotEqualTo(Regime.BEAR_VOLATILE);
    }

    @Test
    void marksTooOldToMatterArePrunedAsTheWatermarkMoves() throws Exception {
        start(true);
        for (int i = 0; i < 40; i++) {
            long t = bar(i).toEpochMilli();
            watermark(t - 1);
            harness.processBroadcastElement(RegimeMark.of(t, Regime.RANGE_BOUND), t);
        }
        Map<Long, Regime> kept = new HashMap<>();
        for (Map.Entry<Long, Regime> e :
                harness.getBroadcastState(SymbolAgentFunction.MARKET_REGIMES).immutableEntries()) {
            kept.put(e.getKey(), e.getValue());
        }
        long watermark = bar(39).toEpochMilli() - 1;
        assertThat(kept.keySet()).allMatch(t -> t >= watermark - MAX_AGE);
        assertThat(kept).hasSize(16).containsKey(bar(39).toEpochMilli());
    }

    @Test
    void rejectsANonPositiveMaxAge() {
        assertThatThrownBy(
                        () ->
                                new SymbolAgentFunction(
                                        FEATURES, RegimeConfig.defaults(), AGENT, ENCODER, true, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max age");
    }
}
