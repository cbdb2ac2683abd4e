package io.tauflow.risk;

import io.tauflow.config.TauflowMetrics;
import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.ControlScope;
import io.tauflow.schema.ControlType;
import io.tauflow.schema.Order;
import io.tauflow.schema.RejectReason;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.RiskEstimate;
import io.tauflow.sizing.OrderIntent;
import io.tauflow.state.HeapStateFunction;
import io.tauflow.state.WriteBack;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by account, input in event-time order: the last stage before the orders sink. Holds one
 * {@link AccountRisk} per account (positions, last prices and returns, latest risk figures per
 * symbol, the account's joint statistics, P&amp;L, peak equity, throttle and duplicate-id memories)
 * and runs the {@link RiskGate} on it. Kill switches arrive from the control topic as broadcast
 * state and apply from the very next order processed after the command. Approved orders (including
 * the gate's own liquidation closes) are the main output, rejections with reason, limit and
 * observed value go to {@link #REJECTIONS}, the account's risk estimate at each window end to
 * {@link #ESTIMATES}.
 *
 * <p>Days, throttle windows and id memories move with the events' own time; the account's window
 * moves before each event and, for the last window of an account that sees no later event, when the
 * risk input's watermark passes the window end ({@link RiskGateOperator}; the control input, which
 * has no watermarks, plays no part). That last roll is kept on the heap only: after a restore, an
 * account quiet since before the checkpoint publishes its last window with its next event.
 *
 * <p>Metrics (group {@code tauflow}, docs/METRICS.md): {@link #DECISION_LATENCY}, a histogram of
 * the wall-clock time from each intent's candle arriving at the source to its order or rejection
 * here (the latest {@value #LATENCY_WINDOW}); {@code ordersApproved}, {@code ordersRejected} and
 * {@code rejected.<REASON>}; per account {@code account.<id>.realisedPnl}, {@code grossExposure}
 * and {@code equity}.
 *
 * <p>In a {@link RiskGateOperator} the account objects stay on the heap between checkpoints and are
 * written to the keyed state just before each checkpoint barrier ({@link #flush}), so an event
 * costs no state read or write; otherwise each event reads and writes the account's state.
 */
public class RiskGateFunction
        extends KeyedBroadcastProcessFunction<String, RiskEvent, ControlCommand, Order>
        implements HeapStateFunction {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<Rejection> REJECTIONS =
            new OutputTag<>("rejections", TypeInformation.of(Rejection.class)) {};

    public static final OutputTag<RiskEstimate> ESTIMATES =
            new OutputTag<>("risk-estimates", TypeInformation.of(RiskEstimate.class)) {};

    /**
     * The decision-latency histogram's metric name: wall-clock ms from a candle's arrival at the
     * source to the order or rejection its intent became, leaving this operator.
     */
    public static final String DECISION_LATENCY = "decisionLatencyMs";

    /** The latest decisions the histogram's statistics cover. */
    public static final int LATENCY_WINDOW = 10_000;

    /** How often (wall clock) an account's gauges are brought up to date. */
    static final long BOOK_REFRESH_MS = 1_000L;

    /** Active kill switches, by "ACCOUNT:id" or "SYMBOL:symbol". */
    public static final MapStateDescriptor<String, Boolean> KILL_SWITCHES =
            new MapStateDescriptor<>("kill-switches", Types.STRING, Types.BOOLEAN);

    private final RiskLimits limits;
    private final RiskModel model;
    private transient RiskGate gate;
    private transient ValueState<AccountRisk> account;

    private transient Supplier<Object> heapKey;

    private transient boolean rollQuiet;

    /** Accounts by the window end after their latest event (in a {@link RiskGateOperator}). */
    private transient DueRolls dueRolls;

    /** Wall-clock ms from a candle's arrival at the source to its order or rejection here. */
    private transient Histogram decisionLatency;

    private transient MetricGroup metrics;
    private transient Counter approved;
    private transient Counter rejected;

    /** Rejections by reason, registered as first seen. */
    private transient Map<RejectReason, Counter> rejectedBy;

    /**
     * Each account's realised P&amp;L, gross exposure and equity as of its latest refresh, and the
     * wall-clock time of that refresh.
     */
    private transient Map<String, double[]> books;

    /** With the default {@link RiskModel}. */
    public RiskGateFunction(RiskLimits limits) {
        this(limits, RiskModel.defaults());
    }

    public RiskGateFunction(RiskLimits limits, RiskModel model) {
        this.limits = limits;
        this.model = model;
    }

    public static ValueStateDescriptor<AccountRisk> accountDescriptor() {
        return new ValueStateDescriptor<>("account-risk", AccountRisk.class);
    }

    public static String killKey(ControlScope scope, String target) {
        return scope.name() + ":" + target;
    }

    @Override
    public void keepStateOnHeap(Supplier<Object> currentKey) {
        heapKey = currentKey;
    }

    /** Called by {@link RiskGateOperator} before {@code open()}: it rolls quiet accounts. */
    void rollQuietAccounts() {
        rollQuiet = true;
    }

    @Override
    public void open(OpenContext openContext) {
        gate = new RiskGate(limits, model);
        account = WriteBack.over(getRuntimeContext().getState(accountDescriptor()), heapKey);
        dueRolls = rollQuiet ? new DueRolls() : null;
        metrics = getRuntimeContext().getMetricGroup().addGroup(TauflowMetrics.GROUP);
        decisionLatency =
                metrics.histogram(
                        DECISION_LATENCY, new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
        approved = metrics.counter("ordersApproved");
        rejected = metrics.counter("ordersRejected");
        rejectedBy = new EnumMap<>(RejectReason.class);
        books = new HashMap<>();
    }

    @Override
    public void processElement(RiskEvent e, ReadOnlyContext ctx, Collector<Order> out)
            throws Exception {
        String key = ctx.getCurrentKey();
        AccountRisk acct = load();
        long t = e.eventTimeMs();
        publish(gate.roll(acct, key, t), ctx);
        if (dueRolls != null) {
            long slide = model.windows().slide().toMillis();
            dueRolls.due(key, Math.floorDiv(t, slide) * slide + slide - 1);
        }
        ReadOnlyBroadcastState<String, Boolean> kills = ctx.getBroadcastState(KILL_SWITCHES);
        if (e.intent != null) {
            decide(e.intent, acct, kills, ctx, out);
        } else if (e.var != null) {
            gate.onVar(acct, e.var);
        } else {
            for (OrderIntent close : gate.onPrice(acct, e.account, e.price)) {
                decide(close, acct, kills, ctx, out);
            }
        }
        save(acct);
        book(key, acct);
    }

    /**
     * Updates the account's P&amp;L and exposure gauges (registered on its first event), at most
     * once per {@link #BOOK_REFRESH_MS} of wall-clock time: the sums run over every symbol of the
     * account, and reporters read gauges every few seconds at most.
     */
    private void book(String key, AccountRisk acct) {
        double[] b = books.get(key);
        if (b == null) {
            double[] figures = {0, 0, 0, Long.MIN_VALUE};
            MetricGroup g = metrics.addGroup("account", key);
            g.gauge("realisedPnl", (Gauge<Double>) () -> figures[0]);
            g.gauge("grossExposure", (Gauge<Double>) () -> figures[1]);
            g.gauge("equity", (Gauge<Double>) () -> figures[2]);
            books.put(key, figures);
            b = figures;
        }
        long now = System.currentTimeMillis();
        if (now - b[3] < BOOK_REFRESH_MS) {
            return;
        }
        double gross = 0;
        for (PositionState p : acct.symbols.values()) {
            gross += Math.abs(p.value());
        }
        b[0] = acct.totalRealizedPnl;
        b[1] = gross;
        b[2] = gate.equity(acct);
        b[3] = now;
    }

    /**
     * The accounts whose window ended at or before {@code watermark} without a later event, each
     * with its window end; forgets them ({@link RiskGateOperator} calls it on each watermark of the
     * risk input and then {@link #rollAt}).
     */
    List<Map.Entry<String, Long>> quietUpTo(long watermark) {
        return dueRolls == null ? List.of() : dueRolls.upTo(watermark);
    }

    /**
     * Moves the current account's window to {@code windowEndMs} (it has seen every event up to it)
     * and returns its estimate to publish, or null ({@link RiskGate#roll}).
     */
    RiskEstimate rollAt(String key, long windowEndMs) throws Exception {
        AccountRisk acct = load();
        RiskEstimate r = gate.roll(acct, key, windowEndMs + 1);
        save(acct);
        return r;
    }

    private void publish(RiskEstimate r, ReadOnlyContext ctx) {
        if (r != null) {
            ctx.output(ESTIMATES, r);
        }
    }

    private AccountRisk load() throws Exception {
        AccountRisk acct = account.value();
        return acct == null ? new AccountRisk() : acct;
    }

    private void save(AccountRisk acct) throws Exception {
        account.update(acct);
    }

    /**
     * Writes every account held on the heap to the keyed state and forgets them (the next event
     * reads its account afresh, so that no object written to a snapshot is changed later). {@code
     * selectKey} makes a key the current one.
     */
    @Override
    public void flush(Consumer<Object> selectKey) throws Exception {
        WriteBack.flush(account, selectKey);
    }

    private void decide(
            OrderIntent i,
            AccountRisk acct,
            ReadOnlyBroadcastState<String, Boolean> kills,
            ReadOnlyContext ctx,
            Collector<Order> out)
            throws Exception {
        RiskGate.Verdict v =
                gate.onIntent(
                        acct,
                        i,
                        kills.contains(killKey(ControlScope.ACCOUNT, i.account)),
                        kills.contains(killKey(ControlScope.SYMBOL, i.symbol)));
        if (v.approved()) {
            out.collect(v.order);
            approved.inc();
        } else {
            ctx.output(REJECTIONS, v.rejection);
            rejected.inc();
            rejectedBy
                    .computeIfAbsent(
                            v.rejection.getReason(),
                            r -> metrics.addGroup("reason", r.name()).counter("rejected"))
                    .inc();
        }
        if (i.arrivalMs > 0) {
            decisionLatency.update(Math.max(0L, System.currentTimeMillis() - i.arrivalMs));
        }
    }

    @Override
    public void processBroadcastElement(ControlCommand c, Context ctx, Collector<Order> out)
            throws Exception {
        BroadcastState<String, Boolean> kills = ctx.getBroadcastState(KILL_SWITCHES);
        String key = killKey(c.getScope(), c.getTarget());
        if (c.getType() == ControlType.KILL_SWITCH_ON) {
            kills.put(key, true);
        } else if (c.getType() == ControlType.KILL_SWITCH_OFF) {
            kills.remove(key);
        }
    }

    /** Accounts by the window end after their latest event. Not thread-safe. */
    static final class DueRolls {
        private final TreeMap<Long, List<String>> byEnd = new TreeMap<>();
        private final Map<String, Long> endOf = new HashMap<>();

        /** {@code account}'s next window end is {@code end} (replacing an earlier one). */
        void due(String account, long end) {
            Long old = endOf.put(account, end);
            if (old != null && old == end) {
                return;
            }
            if (old != null) {
                List<String> at = byEnd.get(old);
                at.remove(account);
                if (at.isEmpty()) {
                    byEnd.remove(old);
                }
            }
            byEnd.computeIfAbsent(end, k -> new ArrayList<>()).add(account);
        }

        /** The accounts due at or before {@code watermark}, by window end; forgets them. */
        List<Map.Entry<String, Long>> upTo(long watermark) {
            List<Map.Entry<String, Long>> out = new ArrayList<>();
            while (!byEnd.isEmpty() && byEnd.firstKey() <= watermark) {
                Map.Entry<Long, List<String>> e = byEnd.pollFirstEntry();
                for (String account : e.getValue()) {
                    endOf.remove(account);
                    out.add(Map.entry(account, e.getKey()));
                }
            }
            return out;
        }
    }
}
