package io.tauflow.risk;

import io.tauflow.sizing.OrderIntent;

/**
 * The gate's keyed input: an order intent, a symbol's VaR estimate, an account's portfolio estimate
 * or a price tick (exactly one set). A POJO.
 */
public class RiskEvent {
    public String account;
    public OrderIntent intent;
    public VarEstimate var;
    public PriceTick price;
    public PortfolioRisk portfolio;

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

    /** The account's portfolio estimate; its account is the event's. */
    public static RiskEvent of(PortfolioRisk portfolio) {
        RiskEvent e = new RiskEvent();
        e.account = portfolio.account;
        e.portfolio = portfolio;
        return e;
    }

    public long eventTimeMs() {
        if (intent != null) {
            return intent.eventTimeMs;
        }
        if (portfolio != null) {
            return portfolio.windowEndMs;
        }
        return var != null ? var.windowEndMs : price.eventTimeMs;
    }

    /** 0 price, 1 VaR, 2 portfolio, 3 intent. */
    private int rank() {
        return price != null ? 0 : var != null ? 1 : portfolio != null ? 2 : 3;
    }

    /** The event's symbol; "" for a portfolio estimate (one per account and window end). */
    private String symbol() {
        if (portfolio != null) {
            return "";
        }
        return price != null ? price.symbol : var != null ? var.symbol : intent.symbol;
    }

    /**
     * Ties: prices first, then symbols' VaR estimates, then the account's portfolio estimate (so
     * orders see the latest of all three), then intents; each by symbol, intents then by side. An
     * account has at most one portfolio estimate per window end, so portfolio estimates never tie
     * with each other.
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
        return account
                + " "
                + (intent != null
                        ? intent
                        : var != null ? var : portfolio != null ? portfolio : price);
    }
}
