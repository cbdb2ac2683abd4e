package io.tauflow.risk;

import io.tauflow.sizing.OrderIntent;

/**
 * The gate's keyed input: an order intent, a symbol's risk estimate or a price tick (exactly one
 * set). A POJO.
 */
public class RiskEvent {
    public String account;
    public OrderIntent intent;
    public VarEstimate var;
    public PriceTick price;

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

    public static RiskEvent of(String account, PriceTick price) {
        RiskEvent e = new RiskEvent();
        e.account = account;
        e.price = price;
        return e;
    }

    public long eventTimeMs() {
        if (intent != null) {
            return intent.eventTimeMs;
        }
        return var != null ? var.windowEndMs : price.eventTimeMs;
    }

    /** 0 price, 1 risk estimate, 2 intent. */
    private int rank() {
        return price != null ? 0 : var != null ? 1 : 2;
    }

    /** The event's symbol. */
    private String symbol() {
        return price != null ? price.symbol : var != null ? var.symbol : intent.symbol;
    }

    /**
     * Ties: prices first, then symbols' risk estimates (so orders see the latest of both), then
     * intents; each by symbol, intents then by side.
     */
    public static int compareAtEqualTime(RiskEvent a, RiskEvent b) {
        int c = Integer.compare(a.rank(), b.rank());
        if (c != 0) {
            return c;
        }
        c = a.symbol().compareTo(b.symbol());
        if (c != 0 || a.intent == null) {
            return c;
        }
        return a.intent.side.compareTo(b.intent.side);
    }

    @Override
    public String toString() {
        return account + " " + (intent != null ? intent : var != null ? var : price);
    }
}
