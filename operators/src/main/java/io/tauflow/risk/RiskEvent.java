package io.tauflow.risk;

import io.tauflow.sizing.OrderIntent;

/** The gate's keyed input: an order intent or a VaR estimate (exactly one set). A POJO. */
public class RiskEvent {
    public String account;
    public OrderIntent intent;
    public VarEstimate var;

    public RiskEvent() {}

    public static RiskEvent of(OrderIntent intent) {
        RiskEvent e = new RiskEvent();
        e.account = intent.account;
        e.intent = intent;
        return e;
    }

    public static RiskEvent of(String account, VarEstimate var) {
        RiskEvent e = new RiskEvent();
        e.account = account;
        e.var = var;
        return e;
    }

    public long eventTimeMs() {
        return intent != null ? intent.eventTimeMs : var.windowEndMs;
    }

    /** Ties: VaR estimates first (so orders see the latest), then intents by symbol and side. */
    public static int compareAtEqualTime(RiskEvent a, RiskEvent b) {
        if ((a.var != null) != (b.var != null)) {
            return a.var != null ? -1 : 1;
        }
        if (a.var != null) {
            return a.var.symbol.compareTo(b.var.symbol);
        }
        int c = a.intent.symbol.compareTo(b.intent.symbol);
        return c != 0 ? c : a.intent.side.compareTo(b.intent.side);
    }

    @Override
    public String toString() {
        return account + " " + (intent != null ? intent : var);
    }
}
