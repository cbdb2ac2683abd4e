package io.tauflow.agent;

import io.tauflow.config.TauflowMetrics;
import io.tauflow.features.BarClose;
import io.tauflow.features.FeatureCalculator;
import io.tauflow.features.FeatureConfig;
import io.tauflow.ingest.InboundEvent;
import io.tauflow.regime.MarketRegimes;
import io.tauflow.regime.RegimeConfig;
import io.tauflow.regime.RegimeMark;
import io.tauflow.schema.Regime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by symbol, fed with the symbol's market events in event-time order: computes the features,
 * stamps each candle with the market-wide regime and runs the Q-agent ({@link SymbolAgent}). The
 * feature and agent state of a symbol is one {@code ValueState} ({@link SymbolState}), so a candle
 * reads and writes it once; the Q-table is a {@code MapState} with one entry per visited state
 * (RocksDB in production). The row of the state an agent is in is written to the table when the
 * agent leaves that state, and before every checkpoint when the function runs in its {@link
 * SymbolAgentOperator} (as the job runs it): until then the agent's own copy is the newer. Emits a
 * decision per candle, the candle's close and return ({@link BarClose}) on {@link #BAR_CLOSES} and
 * every closed virtual trade on {@link #OUTCOMES}.
 *
 * <p>The second input is the broadcast of the reference symbol's regime ({@link RegimeMark}s, kept
 * in {@link #MARKET_REGIMES}). With {@code waitForMarket} on, its {@link SymbolAgentOperator} holds
 * every event until the watermark passes its time, and the watermark of this operator is the
 * minimum over both inputs: by then every reference bar up to that time has been broadcast, so a
 * replay stamps the same regimes whatever the parallelism. A reference bar older than {@code
 * maxAgeMs} does not count (the vector gets {@code marketRegime = null}, and the encoder falls back
 * to the symbol's own regime). With {@code waitForMarket} off (no reference symbol), events are
 * used as they arrive and no vector has a market regime.
 */
public class SymbolAgentFunction
        extends KeyedBroadcastProcessFunction<String, InboundEvent, RegimeMark, AgentDecision> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<TradeOutcome> OUTCOMES =
            new OutputTag<>("trade-outcomes", TypeInformation.of(TradeOutcome.class)) {};

    /** Every candle's close and return, for the risk stages. */
    public static final OutputTag<BarClose> BAR_CLOSES =
            new OutputTag<>("bar-closes", TypeInformation.of(BarClose.class)) {};

    /** The reference symbol's regime by bar time, as broadcast. */
    public static final MapStateDescriptor<Long, Regime> MARKET_REGIMES =
            new MapStateDescriptor<>(
                    "market-regimes", Types.LONG, TypeInformation.of(Regime.class));

    private final FeatureConfig featureConfig;
    private final RegimeConfig regimeConfig;
    private final AgentConfig agentConfig;
    private final StateEncoder encoder;
    private final boolean waitForMarket;
    private final long maxAgeMs;
    private final AgentCaches caches;

    private transient SymbolAgent logic;
    private transient ValueState<SymbolState> state;
    private transient MapState<Integer, QRow> qTable;
    private transient QTable table;

    /** Metrics ({@code tauflow} group): decisions made, virtual trades closed. */
    private transient Counter decisions;

    private transient Counter tradesClosed;

    private transient QTableCoverage coverage;

    /** Rows of the Q-tables read or written since open(); null when off ({@link QRowCache}). */
    private transient QRowCache rowCache;

    /** The key whose Q-table {@link #table} reads and writes. */
    private transient String tableKey;

    /** Each symbol's state as last written; null when off ({@link SymbolStateCache}). */
    private transient SymbolStateCache symbolCache;

    /** Set by the operator: whether its state backend keeps no reference to written objects. */
    private transient boolean stateObjectsPrivate;

    /** Symbols whose agent holds a Q-table row newer than the table's ({@link #saveRows}). */
    private transient Set<String> rowsPending;

    /** As the 7-argument constructor, with the default caches ({@link AgentCaches#DEFAULTS}). */
    public SymbolAgentFunction(
            FeatureConfig features,
            RegimeConfig regime,
            AgentConfig agent,
            StateEncoder encoder,
            boolean waitForMarket,
            long maxAgeMs) {
        this(features, regime, agent, encoder, waitForMarket, maxAgeMs, AgentCaches.DEFAULTS);
    }

    /**
     * @param waitForMarket hold every event until the watermark passes it, to stamp candles with
     *     the market regime (on when a reference symbol is configured)
     * @param maxAgeMs the oldest reference bar, before a candle, that still gives its regime
     * @param caches sizes of the caches in front of the keyed state; the symbol cache works only in
     *     a {@link SymbolAgentOperator} on a backend that keeps no reference to written objects
     */
    public SymbolAgentFunction(
            FeatureConfig features,
            RegimeConfig regime,
            AgentConfig agent,
            StateEncoder encoder,
            boolean waitForMarket,
            long maxAgeMs,
            AgentCaches caches) {
        if (maxAgeMs <= 0) {
            throw new IllegalArgumentException("max age must be > 0 ms, got " + maxAgeMs);
        }
        if (caches == null) {
            throw new IllegalArgumentException("cache sizes are required");
        }
        this.caches = caches;
        this.featureConfig = features;
        this.regimeConfig = regime;
        this.agentConfig = agent;
        this.encoder = encoder;
        this.waitForMarket = waitForMarket;
        this.maxAgeMs = maxAgeMs;
    }

    public static ValueStateDescriptor<SymbolState> stateDescriptor() {
        return new ValueStateDescriptor<>("symbol", SymbolState.class);
    }

    public static MapStateDescriptor<Integer, QRow> qTableDescriptor() {
        return new MapStateDescriptor<>("q-table", Types.INT, TypeInformation.of(QRow.class));
    }

    /**
     * Events waiting for the watermark, by event time, each time's in arrival order: the copy in
     * checkpoints of what {@link SymbolAgentOperator} holds on the heap.
     */
    public static MapStateDescriptor<Long, List<InboundEvent>> pendingDescriptor() {
        return new MapStateDescriptor<>(
                "pending-events",
                Types.LONG,
                new ListTypeInfo<>(TypeInformation.of(InboundEvent.class)));
    }

    @Override
    public void open(OpenContext openContext) {
        logic =
                new SymbolAgent(
                        new FeatureCalculator(featureConfig, regimeConfig),
                        new QAgent(agentConfig, encoder));
        state = getRuntimeContext().getState(stateDescriptor());
        qTable = getRuntimeContext().getMapState(qTableDescriptor());
        rowsPending = new HashSet<>();
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup(TauflowMetrics.GROUP);
        decisions = metrics.counter("decisions");
        tradesClosed = metrics.counter("tradesClosed");
        QTableCoverage rows = new QTableCoverage(encoder.size());
        coverage = rows;
        metrics.gauge("qTableRows", (Gauge<Long>) rows::rows);
        metrics.gauge("qTableCoverage", (Gauge<Double>) rows::coverage);
        rowCache =
                caches.rowSlots() == 0
                        ? null
                        : new QRowCache(caches.rowSlots(), QAgent.ACTIONS.length);
        if (rowCache != null) {
            QRowCache c = rowCache;
            getRuntimeContext()
                    .getMetricGroup()
                    .gauge("qRowCacheHitRatio", (Gauge<Double>) () -> ratio(c.hits(), c.misses()));
        }
        symbolCache =
                caches.symbolSlots() == 0 || !stateObjectsPrivate
                        ? null
                        : new SymbolStateCache(caches.symbolSlots());
        if (symbolCache != null) {
            SymbolStateCache c = symbolCache;
            getRuntimeContext()
                    .getMetricGroup()
                    .gauge(
                            "symbolCacheHitRatio",
                            (Gauge<Double>) () -> ratio(c.hits(), c.misses()));
        }
        table =
                new QTable() {
                    @Override
                    public QRow get(int s) throws Exception {
                        if (rowCache == null) {
                            return qTable.get(s);
                        }
                        switch (rowCache.lookup(tableKey, s)) {
                            case ROW:
                                return rowCache.row(tableKey, s);
                            case ABSENT:
                                return null;
                            default:
                                QRow row = qTable.get(s);
                                rowCache.fill(tableKey, s, row);
                                return row;
                        }
                    }

                    @Override
                    public void put(int s, QRow row) throws Exception {
                        qTable.put(s, row);
                        if (rowCache != null) {
                            rowCache.fill(tableKey, s, row);
                        }
                    }
                };
    }

    @Override
    public void processElement(InboundEvent e, ReadOnlyContext ctx, Collector<AgentDecision> out)
            throws Exception {
        Regime market = null;
        if (waitForMarket && e.kind == InboundEvent.Kind.CANDLE) {
            ReadOnlyBroadcastState<Long, Regime> regimes = ctx.getBroadcastState(MARKET_REGIMES);
            market = MarketRegimes.regimeAt(regimes.immutableEntries(), e.eventTimeMs(), maxAgeMs);
        }
        tableKey = ctx.getCurrentKey();
        SymbolState s = load();
        apply(s, e, market, ctx, out);
        store(s, tableKey);
        coverage.update(tableKey, s.agent.visitedStates());
    }

    /** Whether events must wait for the watermark ({@link SymbolAgentOperator} holds them). */
    public boolean waitForMarket() {
        return waitForMarket;
    }

    @Override
    public void processBroadcastElement(RegimeMark m, Context ctx, Collector<AgentDecision> out)
            throws Exception {
        BroadcastState<Long, Regime> regimes = ctx.getBroadcastState(MARKET_REGIMES);
        regimes.put(m.timeMs, m.regime);
        MarketRegimes.prune(regimes.iterator(), ctx.currentWatermark(), maxAgeMs);
    }

    /**
     * Writes every Q-table row that an agent has kept to itself while staying in one state (see
     * {@link QAgent#saveRow}) to the Q-table, so that the table alone is each agent's whole
     * Q-table. {@link SymbolAgentOperator} calls it before every checkpoint barrier: checkpoints
     * and savepoints never have a row pending. Needs the keyed context, which {@code selectKey}
     * sets.
     */
    public void saveRows(Consumer<String> selectKey) throws Exception {
        for (String key : rowsPending) {
            selectKey.accept(key);
            tableKey = key;
            SymbolState s = stored();
            if (s != null && QAgent.saveRow(s.agent, table)) {
                store(s, key);
            }
        }
        rowsPending.clear();
    }

    /**
     * Called by {@link SymbolAgentOperator} before {@code open()}: true if its keyed state backend
     * keeps no reference to an object written to it ({@code isSafeToReuseKVState()}, true for
     * RocksDB), which the symbol cache needs.
     */
    void stateObjectsPrivate(boolean value) {
        stateObjectsPrivate = value;
    }

    /** The Q-row cache, null when off or before open(). For tests. */
    QRowCache rowCache() {
        return rowCache;
    }

    /** The symbol cache, null when off or before open(). For tests. */
    SymbolStateCache symbolCache() {
        return symbolCache;
    }

    private static double ratio(long hits, long misses) {
        long n = hits + misses;
        return n == 0 ? 0.0 : (double) hits / n;
    }

    /** Writes the symbol's state, through the symbol cache. */
    private void store(SymbolState s, String key) throws Exception {
        state.update(s);
        if (symbolCache != null) {
            symbolCache.put(key, s);
        }
        if (s.agent.lastRowStatus() == AgentState.RowStatus.PENDING) {
            rowsPending.add(key);
        }
    }

    /** The state of the symbol {@link #tableKey}, or a fresh one. */
    private SymbolState load() throws Exception {
        SymbolState s = stored();
        return s == null ? SymbolState.fresh() : s;
    }

    /** The stored state of the symbol {@link #tableKey}, through the symbol cache; null if none. */
    private SymbolState stored() throws Exception {
        if (symbolCache != null) {
            SymbolState cached = symbolCache.get(tableKey);
            if (cached != null) {
                return cached;
            }
        }
        return state.value();
    }

    private void apply(
            SymbolState s,
            InboundEvent e,
            Regime market,
            ReadOnlyContext ctx,
            Collector<AgentDecision> out)
            throws Exception {
        SymbolAgent.Bar bar = logic.onEvent(s, e, market, table);
        if (bar == null) {
            return;
        }
        out.collect(bar.decision);
        decisions.inc();
        ctx.output(BAR_CLOSES, BarClose.of(bar.features));
        if (bar.outcome != null) {
            ctx.output(OUTCOMES, bar.outcome);
            tradesClosed.inc();
        }
    }
}
