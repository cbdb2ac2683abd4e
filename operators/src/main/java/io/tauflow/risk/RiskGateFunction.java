package io.tauflow.risk;

import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.ControlScope;
import io.tauflow.schema.ControlType;
import io.tauflow.schema.Order;
import io.tauflow.schema.Rejection;
import io.tauflow.sizing.OrderIntent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
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
 * Keyed by account, input in event-time order: the last stage before the orders sink. Holds one
 * {@link AccountRisk} per account (positions, last prices, latest VaR, latest portfolio estimate,
 * P&amp;L, peak equity, throttle and duplicate-id memories) and runs the {@link RiskGate} on it.
 * Kill switches arrive from the control topic as broadcast state and apply from the very next order
 * processed after the command. Approved orders (including the gate's own liquidation closes) are
 * the main output, rejections with reason, limit and observed value go to {@link #REJECTIONS}. No
 * timers: days, throttle windows and id memories all move with the events' own time.
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
    private transient ValueState<AccountRisk> account;

    public RiskGateFunction(RiskLimits limits) {
        this.limits = limits;
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
        account = getRuntimeContext().getState(accountDescriptor());
    }

    @Override
    public void processElement(RiskEvent e, ReadOnlyContext ctx, Collector<Order> out)
            throws Exception {
        AccountRisk acct = account.value();
        if (acct == null) {
            acct = new AccountRisk();
        }
        ReadOnlyBroadcastState<String, Boolean> kills = ctx.getBroadcastState(KILL_SWITCHES);
        if (e.intent != null) {
            decide(e.intent, acct, kills, ctx, out);
        } else if (e.var != null) {
            gate.onVar(acct, e.var);
        } else if (e.portfolio != null) {
            gate.onPortfolio(acct, e.portfolio);
        } else {
            for (OrderIntent close : gate.onPrice(acct, e.account, e.price)) {
                decide(close, acct, kills, ctx, out);
            }
        }
        account.update(acct);
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
        } else {
            ctx.output(REJECTIONS, v.rejection);
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
}
