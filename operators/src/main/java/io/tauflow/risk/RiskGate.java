package io.tauflow.risk;

import io.tauflow.risk.var.ParametricVar;
import io.tauflow.schema.Emotion;
import io.tauflow.schema.Order;
import io.tauflow.schema.RejectReason;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.Side;
import io.tauflow.sizing.ExitReason;
import io.tauflow.sizing.OrderIntent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pre-trade check every order passes, as plain logic on one account's {@link AccountRisk}.
 *
 * <p>{@link #check} is pure and returns the FIRST control the order fails, in this order (docs/
 * RISK.md has the table): duplicate client order id; nothing to close (closing orders only);
 * account kill switch; symbol kill switch; no reference price; price collar; throttle; then, for
 * opening orders only, max order quantity, max order notional, daily loss limit of the symbol's
 * agent, max drawdown, position cap, gross exposure, net exposure, VaR budget and margin guard.
 * Closing orders close the whole position the gate holds and reduce risk, so they skip the size,
 * loss, drawdown, exposure, VaR and margin controls; they pass a kill switch only when {@link
 * RiskLimits#killSwitchAllowsClosing()}. Limits on amounts reject when the value after the order
 * exceeds the limit; the loss and drawdown limits reject once reached.
 *
 * <p>The VaR budget checks the parametric portfolio VaR99 (one bar, currency) of the exposures
 * after the order when the account's latest {@link PortfolioRisk} covers every symbol it would
 * hold, and otherwise the sum over symbols of |value| x the symbol's VaR99: for normal VaR that sum
 * is an upper bound of the portfolio's (volatility is subadditive), so the fallback errs on the
 * safe side.
 *
 * <p>{@link #onIntent}, {@link #onPrice}, {@link #onVar} and {@link #onPortfolio} are the stateful
 * steps the Flink function (and the tests) drive: they roll the day, check, book fills and remember
 * ids.
 */
public final class RiskGate {

    public static final long DAY_MS = RiskLimits.DAY_MS;

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

    // --- stateful steps ---

    /** Checks an intent, books it when approved and remembers its id; returns the verdict. */
    public Verdict onIntent(AccountRisk a, OrderIntent i, boolean killAccount, boolean killSymbol) {
        tick(a, i.eventTimeMs);
        Verdict v = check(i, a, killAccount, killSymbol);
        apply(v, i, a);
        return v;
    }

    /** Records a symbol's latest one-bar 99 % VaR. */
    public void onVar(AccountRisk a, VarEstimate var) {
        tick(a, var.windowEndMs);
        a.symbol(var.symbol).var99 = var.var99;
    }

    /**
     * Records the account's latest portfolio estimate (an older one than held is ignored), which
     * the VaR budget uses while it covers every symbol the account holds.
     */
    public void onPortfolio(AccountRisk a, PortfolioRisk portfolio) {
        tick(a, portfolio.windowEndMs);
        if (a.portfolio == null || portfolio.windowEndMs >= a.portfolio.windowEndMs) {
            a.portfolio = portfolio;
        }
    }

    /**
     * Marks a symbol at its last trade price and updates the peak equity. When the account's
     * free-margin ratio is then below the guard and {@link RiskLimits#liquidateBelowGuard()},
     * returns one closing intent per open position (by symbol), which the caller passes through
     * {@link #onIntent} like any other order; otherwise an empty list.
     */
    public List<OrderIntent> onPrice(AccountRisk a, String account, PriceTick tick) {
        tick(a, tick.eventTimeMs);
        a.symbol(tick.symbol).addPrice(tick.price, limits.collarReferenceBars());
        double equity = equity(a);
        updatePeak(a, equity);
        if (!limits.liquidateBelowGuard()) {
            return List.of();
        }
        double gross = 0.0;
        for (PositionState p : a.symbols.values()) {
            gross += Math.abs(p.value());
        }
        if (gross == 0.0 || freeMarginRatio(equity, gross) >= limits.marginGuard()) {
            return List.of();
        }
        Map<String, PositionState> open = new TreeMap<>(a.symbols);
        List<OrderIntent> out = new ArrayList<>();
        for (Map.Entry<String, PositionState> e : open.entrySet()) {
            PositionState p = e.getValue();
            if (p.quantity > 0 && p.hasLastPrice()) {
                OrderIntent i = new OrderIntent();
                i.account = account;
                i.symbol = e.getKey();
                i.side = Side.SELL;
                i.closing = true;
                i.exit = ExitReason.LIQUIDATION;
                i.price = p.lastPrice;
                i.eventTimeMs = tick.eventTimeMs;
                i.confidence = 1.0;
                i.emotion = Emotion.NEUTRAL;
                i.clientOrderId =
                        OrderIntent.liquidationOrderId(account, i.symbol, tick.eventTimeMs);
                out.add(i);
            }
        }
        return out;
    }

    /** Advances the account's clock and day to an event's time. */
    private void tick(AccountRisk a, long eventTimeMs) {
        a.clockMs = Math.max(a.clockMs, eventTimeMs);
        rollDay(a, a.clockMs);
    }

    /**
     * Starts a new day (resetting every agent's daily P&amp;L) when event time crosses into one.
     */
    public void rollDay(AccountRisk a, long eventTimeMs) {
        long day = limits.dayOf(eventTimeMs);
        if (day > a.day) {
            a.day = day;
            for (PositionState p : a.symbols.values()) {
                p.dayRealizedPnl = 0.0;
            }
        }
    }

    /** Starting capital + realised P&amp;L + unrealised P&amp;L at each symbol's last price. */
    public double equity(AccountRisk a) {
        double e = limits.startingCapital() + a.totalRealizedPnl;
        for (PositionState p : a.symbols.values()) {
            e += p.unrealizedPnl();
        }
        return e;
    }

    /** (equity - margin rate x gross exposure) / equity; minus infinity without equity. */
    public double freeMarginRatio(double equity, double grossExposure) {
        if (!(equity > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        return (equity - limits.marginRate() * grossExposure) / equity;
    }

    /** The account's peak equity, counting {@code equity} as seen. */
    public double peak(AccountRisk a, double equity) {
        double peak = Double.isNaN(a.peakEquity) ? limits.startingCapital() : a.peakEquity;
        return Math.max(peak, equity);
    }

    // --- the check ---

    /** The first control this order fails, or its approval. Reads {@code a}, changes nothing. */
    public Verdict check(OrderIntent i, AccountRisk a, boolean killAccount, boolean killSymbol) {
        PositionState p = a.symbols.get(i.symbol);
        double held = p == null ? 0.0 : p.quantity;
        double qty = i.closing ? Math.max(held, 0.0) : quantityFor(i.notional, i.price);
        if (remembers(a, i.clientOrderId)) {
            return reject(i, qty, RejectReason.DUPLICATE_CLIENT_ORDER_ID, 0.0, 1.0);
        }
        if (i.closing && !(held > 0)) {
            return reject(i, 0.0, RejectReason.NO_POSITION, 0.0, 1.0);
        }
        if (!i.closing || !limits.killSwitchAllowsClosing()) {
            if (killAccount) {
                return reject(i, qty, RejectReason.KILL_SWITCH_ACCOUNT, 0.0, 1.0);
            }
            if (killSymbol) {
                return reject(i, qty, RejectReason.KILL_SWITCH_SYMBOL, 0.0, 1.0);
            }
        }
        if (p == null || !p.hasLastPrice()) {
            return reject(i, qty, RejectReason.NO_REFERENCE_PRICE, 0.0, 1.0);
        }
        // the median of the latest closes: from three closes on, one bad bar cannot move it. A
        // closing order (an exit, a liquidation at the last price) passes within the collar of
        // either, so that a real fast move does not hold up the orders that reduce risk.
        double deviation = Math.abs(i.price / p.referencePrice() - 1.0);
        if (i.closing) {
            deviation = Math.min(deviation, Math.abs(i.price / p.lastPrice - 1.0));
        }
        if (deviation > limits.priceCollar()) {
            return reject(i, qty, RejectReason.PRICE_COLLAR, limits.priceCollar(), deviation);
        }
        int inWindow = ordersInWindow(a, Math.max(a.clockMs, i.eventTimeMs)) + 1;
        if (inWindow > limits.throttleOrders()) {
            return reject(i, qty, RejectReason.THROTTLE, limits.throttleOrders(), inWindow);
        }
        if (i.closing) {
            return approve(i, qty);
        }
        if (qty > limits.maxOrderQuantity()) {
            return reject(i, qty, RejectReason.MAX_ORDER_QUANTITY, limits.maxOrderQuantity(), qty);
        }
        if (i.notional > limits.maxOrderNotional()) {
            return reject(
                    i, qty, RejectReason.MAX_ORDER_NOTIONAL, limits.maxOrderNotional(), i.notional);
        }
        if (p.dayRealizedPnl <= -limits.dailyLossLimit()) {
            return reject(
                    i,
                    qty,
                    RejectReason.DAILY_LOSS_LIMIT,
                    -limits.dailyLossLimit(),
                    p.dayRealizedPnl);
        }
        double equity = equity(a);
        double peak = peak(a, equity);
        double drawdown = (peak - equity) / peak;
        if (drawdown >= limits.maxDrawdown()) {
            return reject(i, qty, RejectReason.MAX_DRAWDOWN, limits.maxDrawdown(), drawdown);
        }
        // The order's symbol is valued at the order's price, every other one at its last price.
        double position = (held + qty) * i.price;
        if (Math.abs(position) > limits.positionCap()) {
            return reject(
                    i, qty, RejectReason.POSITION_CAP, limits.positionCap(), Math.abs(position));
        }
        double gross = Math.abs(position);
        double net = position;
        double varSum = Math.abs(position) * p.var99;
        Map<String, Double> exposures = a.portfolio == null ? null : new HashMap<>();
        if (exposures != null) {
            exposures.put(i.symbol, position);
        }
        for (Map.Entry<String, PositionState> e : a.symbols.entrySet()) {
            PositionState s = e.getValue();
            if (s != p) {
                double value = s.value();
                gross += Math.abs(value);
                net += value;
                varSum += Math.abs(value) * s.var99;
                if (exposures != null && value != 0.0) {
                    exposures.put(e.getKey(), value);
                }
            }
        }
        double var =
                covers(a.portfolio, exposures) ? portfolioVar99(a.portfolio, exposures) : varSum;
        if (gross > limits.maxGrossExposure()) {
            return reject(i, qty, RejectReason.GROSS_EXPOSURE, limits.maxGrossExposure(), gross);
        }
        if (Math.abs(net) > limits.maxNetExposure()) {
            return reject(
                    i, qty, RejectReason.NET_EXPOSURE, limits.maxNetExposure(), Math.abs(net));
        }
        if (var > limits.varBudget()) {
            return reject(i, qty, RejectReason.VAR_BUDGET, limits.varBudget(), var);
        }
        double margin = freeMarginRatio(equity, gross);
        if (margin < limits.marginGuard()) {
            return reject(i, qty, RejectReason.MARGIN, limits.marginGuard(), margin);
        }
        return approve(i, qty);
    }

    /**
     * Whether the estimate has returns of every symbol with a non-zero exposure (value held, after
     * the order): only then may it stand for the account's VaR.
     */
    static boolean covers(PortfolioRisk portfolio, Map<String, Double> exposures) {
        if (portfolio == null || exposures == null) {
            return false;
        }
        for (Map.Entry<String, Double> e : exposures.entrySet()) {
            if (e.getValue() != 0.0 && Arrays.binarySearch(portfolio.symbols, e.getKey()) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parametric one-bar 99 % VaR of the exposures (value per symbol, long positive), in currency,
     * with the estimate's means and covariance: {@code max(0, z99 sqrt(x' Sigma x) - x' m)}.
     */
    public static double portfolioVar99(PortfolioRisk portfolio, Map<String, Double> exposures) {
        return portfolio.parametricVar(exposures, ParametricVar.Z99, 1);
    }

    /**
     * Approved orders of the account in the throttle window ending at {@code t}: (t - w, t], on the
     * account's clock.
     */
    int ordersInWindow(AccountRisk a, long t) {
        if (a.orderTimes == null) {
            return 0;
        }
        long from = t - limits.throttleWindowMs();
        int n = 0;
        for (long s : a.orderTimes) {
            if (s > from && s <= t) {
                n++;
            }
        }
        return n;
    }

    boolean remembers(AccountRisk a, String id) {
        if (a.recentIds == null) {
            return false;
        }
        int h = id.hashCode();
        for (int k = 0; k < a.recentIds.length; k++) {
            if (a.recentIdHashes[k] == h && id.equals(a.recentIds[k])) {
                return true;
            }
        }
        return false;
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

    // --- booking ---

    /**
     * Books a verdict: an approval is filled at its limit price and counted by the throttle; every
     * decided id (approved or rejected, except a duplicate's) is remembered.
     */
    public void apply(Verdict v, OrderIntent i, AccountRisk a) {
        if (v.approved()) {
            fill(v.order, a);
            rememberTime(a, Math.max(a.clockMs, i.eventTimeMs));
            a.approved++;
        } else {
            a.rejected++;
        }
        if (v.approved() || v.rejection.getReason() != RejectReason.DUPLICATE_CLIENT_ORDER_ID) {
            rememberId(a, i.clientOrderId);
        }
        updatePeak(a, equity(a));
    }

    /** Books an approved order as filled at its limit price. */
    public static void fill(Order o, AccountRisk a) {
        PositionState position = a.symbol(o.getSymbol());
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
            position.dayRealizedPnl += pnl;
            a.totalRealizedPnl += pnl;
        }
    }

    private void updatePeak(AccountRisk a, double equity) {
        a.peakEquity = peak(a, equity);
    }

    /** Keeps the event times of the latest approved orders: overwrites the oldest slot. */
    private void rememberTime(AccountRisk a, long t) {
        int n = limits.throttleOrders();
        if (a.orderTimes == null || a.orderTimes.length != n) {
            long[] times = new long[n];
            Arrays.fill(times, Long.MIN_VALUE);
            if (a.orderTimes != null) {
                long[] old = a.orderTimes.clone();
                Arrays.sort(old);
                for (int k = 0; k < Math.min(n, old.length); k++) {
                    times[k] = old[old.length - 1 - k];
                }
            }
            a.orderTimes = times;
        }
        int oldest = 0;
        for (int k = 1; k < n; k++) {
            if (a.orderTimes[k] < a.orderTimes[oldest]) {
                oldest = k;
            }
        }
        a.orderTimes[oldest] = t;
    }

    private void rememberId(AccountRisk a, String id) {
        int n = limits.duplicateMemory();
        if (a.recentIds == null || a.recentIds.length != n) {
            String[] ids = new String[n];
            int[] hashes = new int[n];
            if (a.recentIds != null) {
                // keep the newest ids that fit, newest last
                int old = a.recentIds.length;
                int keep = Math.min(n, old);
                for (int k = 0; k < keep; k++) {
                    int from = Math.floorMod(a.recentIdsNext - keep + k, old);
                    ids[k] = a.recentIds[from];
                    hashes[k] = a.recentIdHashes[from];
                }
                a.recentIdsNext = keep % n;
            } else {
                a.recentIdsNext = 0;
            }
            a.recentIds = ids;
            a.recentIdHashes = hashes;
        }
        a.recentIds[a.recentIdsNext] = id;
        a.recentIdHashes[a.recentIdsNext] = id.hashCode();
        a.recentIdsNext = (a.recentIdsNext + 1) % n;
    }

    // --- records ---

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
