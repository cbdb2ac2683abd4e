package io.tauflow.risk;

import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.ControlScope;
import io.tauflow.schema.ControlType;
import io.tauflow.schema.Order;
import io.tauflow.schema.Rejection;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by account, input in event-time order: the last stage before the orders sink. Holds the
 * account's positions, loss counters and each symbol's latest VaR; kill switches arrive from the
 * control topic as broadcast state and apply from the very next order. Approved orders are the main
 * output, rejections go to {@link #REJECTIONS}.
 */
public class RiskGateFunction
        extends KeyedBroadcastProcessFunction<String, RiskEvent, ControlCommand, Order> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<Rejection> REJECTIONS =
            new OutputTag<>("rejections", TypeInformation.of(Rejection.class)) {};

    /** Active kill switches, by "ACCOUNT:id" or "SYMBOL:symbol". */
    public static final MapStateDescriptor<String, Boolean> KILL_SWITCHES =
            new MapStateDescriptor<>("kill-switches", Types.STRING, Types.BOOLEAN);

    private final RiskLimits limits;
    private transient RiskGate gate;
    private transient MapState<String, PositionState> positions;
    private transient MapState<String, VarEstimate> latestVar;
    private transient ValueState<AccountRisk> account;

    public RiskGateFunction(RiskLimits limits) {
        this.limits = limits;
    }

    public static MapStateDescriptor<String, PositionState> positionsDescriptor() {
        return new MapStateDescriptor<>(
                "positions", Types.STRING, TypeInformation.of(PositionState.class));
    }

    public static MapStateDescriptor<String, VarEstimate> varDescriptor() {
        return new MapStateDescriptor<>(
                "latest-var", Types.STRING, TypeInformation.of(VarEstimate.class));
    }

    public static ValueStateDescriptor<AccountRisk> accountDescriptor() {
        return new ValueStateDescriptor<>("account-risk", AccountRisk.class);
    }

    public static String killKey(ControlScope scope, String target) {
        return scope.name() + ":" + target;
    }

    @Override
    public void open(OpenContext openContext) {
        gate = new RiskGate(limits);
        positions = getRuntimeContext().getMapState(positionsDescriptor());
        latestVar = getRuntimeContext().getMapState(varDescriptor());
        account = getRuntimeContext().getState(accountDescriptor());
    }

    @Override
    public void processElement(RiskEvent e, ReadOnlyContext ctx, Collector<Order> out)
            throws Exception {
        if (e.var != null) {
            latestVar.put(e.var.symbol, e.var);
            return;
        }
        AccountRisk acct = account.value();
        if (acct == null) {
            acct = new AccountRisk();
        }
        RiskGate.rollDay(acct, e.intent.eventTimeMs);
        ReadOnlyBroadcastState<String, Boolean> kills = ctx.getBroadcastState(KILL_SWITCHES);
        PositionState pos = positions.get(e.intent.symbol);
        RiskGate.Verdict v =
                gate.check(
                        e.intent,
                        pos,
                        acct,
                        latestVar.get(e.intent.symbol),
                        kills.contains(killKey(ControlScope.ACCOUNT, e.intent.account)),
                        kills.contains(killKey(ControlScope.SYMBOL, e.intent.symbol)));
        if (v.approved()) {
            if (pos == null) {
                pos = new PositionState();
            }
            RiskGate.fill(v.order, pos, acct);
            positions.put(e.intent.symbol, pos);
            out.collect(v.order);
        } else {
            acct.rejected++;
            ctx.output(REJECTIONS, v.rejection);
        }
        account.update(acct);
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
}
