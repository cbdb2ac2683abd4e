package io.tauflow.risk;

import io.tauflow.schema.Order;
import io.tauflow.schema.RejectReason;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.Side;
import io.tauflow.sizing.OrderIntent;

/**
 * The pre-trade check every order passes, as plain logic. Opening orders are checked, in this
 * order, against the account kill switch, the symbol kill switch, the max order notional, the daily
 * loss limit (reached when the day's realised P&amp;L is at or below minus the limit) and the VaR
 * budget (notional x the symbol's latest 99 % VaR). Closing orders close the whole position the
 * gate holds; they are never blocked by notional, loss or VaR limits (they reduce risk), and pass a
 * kill switch only when {@link RiskLimits#killSwitchAllowsClosing()}.
 */
public final class RiskGate {

    public static final long DAY_MS = 86_400_000L;

    private final RiskLimits limits;

    /** An approved order or a rejection (exactly one set). */
    public static final class Verdict {
        public final Order order;
        public final Rejection rejection;

        private Verdict(Order order, Rejection rejection) {
            this.order = order;
            this.rejection = rejection;
        }

        public boolean approved() {
            return order != null;
        }
    }

    public RiskGate(RiskLimits limits) {
        this.limits = limits;
    }

    public RiskLimits limits() {
        return limits;
    }

    /** Starts a new loss day when the intent's event time crosses a UTC day boundary. */
    public static void rollDay(AccountRisk account, long eventTimeMs) {
        long day = Math.floorDiv(eventTimeMs, DAY_MS);
        if (day != account.day) {
            account.day = day;
            account.dayRealizedPnl = 0.0;
        }
    }

    public Verdict check(
            OrderIntent i,
            PositionState position,
            AccountRisk account,
            VarEstimate var,
            boolean killAccount,
            boolean killSymbol) {
        if (i.closing) {
            double qty = position == null ? 0.0 : position.quantity;
            if (qty <= 0) {
                return reject(i, 0.0, RejectReason.NO_POSITION, 0.0, 0.0);
            }
            if (!limits.killSwitchAllowsClosing()) {
                if (killAccount) {
                    return reject(i, qty, RejectReason.KILL_SWITCH_ACCOUNT, 0.0, 1.0);
                }
                if (killSymbol) {
                    return reject(i, qty, RejectReason.KILL_SWITCH_SYMBOL, 0.0, 1.0);
                }
            }
            return approve(i, qty);
        }
        double qty = quantityFor(i.notional, i.price);
        double notional = qty * i.price;
        if (killAccount) {
            return reject(i, qty, RejectReason.KILL_SWITCH_ACCOUNT, 0.0, 1.0);
        }
        if (killSymbol) {
            return reject(i, qty, RejectReason.KILL_SWITCH_SYMBOL, 0.0, 1.0);
        }
        if (i.notional > limits.maxOrderNotional()) {
            return reject(
                    i, qty, RejectReason.MAX_ORDER_NOTIONAL, limits.maxOrderNotional(), i.notional);
        }
        if (account.dayRealizedPnl <= -limits.dailyLossLimit()) {
            return reject(
                    i,
                    qty,
                    RejectReason.DAILY_LOSS_LIMIT,
                    -limits.dailyLossLimit(),
                    account.dayRealizedPnl);
        }
        if (var != null) {
            double orderVar = notional * var.var99;
            if (orderVar > limits.varBudget()) {
                return reject(i, qty, RejectReason.VAR_BUDGET, limits.varBudget(), orderVar);
            }
        }
        return approve(i, qty);
    }

    /**
     * The largest quantity whose notional at this price does not exceed {@code notional}: plain
     * division can round up by an ulp, and an approved order must never carry more notional than
     * the limit it was checked against.
     */
    static double quantityFor(double notional, double price) {
        double q = notional / price;
        while (q > 0 && q * price > notional) {
            q = Math.nextDown(q);
        }
        return q;
    }

    /** Books an approved order as filled at its limit price. */
    public static void fill(Order o, PositionState position, AccountRisk account) {
        if (o.getSide() == Side.BUY) {
            double q = position.quantity + o.getQuantity();
            position.averagePrice =
                    (position.quantity * position.averagePrice
                                    + o.getQuantity() * o.getLimitPrice())
                            / q;
            position.quantity = q;
        } else {
            double pnl = o.getQuantity() * (o.getLimitPrice() - position.averagePrice);
            position.quantity -= o.getQuantity();
            if (position.quantity <= 1e-12) {
                position.quantity = 0.0;
                position.averagePrice = 0.0;
            }
            account.dayRealizedPnl += pnl;
            account.totalRealizedPnl += pnl;
        }
        account.approved++;
    }

    private static Verdict approve(OrderIntent i, double qty) {
        return new Verdict(
                Order.newBuilder()
                        .setClientOrderId(i.clientOrderId)
                        .setAccount(i.account)
                        .setSymbol(i.symbol)
                        .setSide(i.side)
                        .setQuantity(qty)
                        .setLimitPrice(i.price)
                        .setNotional(qty * i.price)
                        .setEventTimeMs(i.eventTimeMs)
                        .setClosing(i.closing)
                        .setConfidence(i.confidence)
                        .setEmotion(i.emotion)
                        .build(),
                null);
    }

    private static Verdict reject(
            OrderIntent i, double qty, RejectReason reason, double limit, double observed) {
        return new Verdict(
                null,
                Rejection.newBuilder()
                        .setClientOrderId(i.clientOrderId)
                        .setAccount(i.account)
                        .setSymbol(i.symbol)
                        .setSide(i.side)
                        .setQuantity(qty)
                        .setLimitPrice(i.price)
                        .setEventTimeMs(i.eventTimeMs)
                        .setReason(reason)
                        .setLimit(limit)
                        .setObserved(observed)
                        .build());
    }
}
