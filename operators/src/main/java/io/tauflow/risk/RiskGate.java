package io.tauflow.risk;

import io.tauflow.risk.var.ParametricVar;
import io.tauflow.risk.var.RiskLevel;
import io.tauflow.schema.Emotion;
import io.tauflow.schema.Order;
import io.tauflow.schema.RejectReason;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.RiskEstimate;
import io.tauflow.schema.Side;
import io.tauflow.sizing.ExitReason;
import io.tauflow.sizing.OrderIntent;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Openings also need a risk estimate of their symbol no older than {@link
 * RiskModel#maxEstimateAgeMs()} (reasons NO_RISK_ESTIMATE, STALE_RISK_ESTIMATE; unless {@link
 * RiskModel#failOpen()}), a risk level of their symbol and of the account below {@link
 * RiskModel#rejectLevel()} (RISK_LEVEL), and an account VaR within the budget: the configured
 * {@link VarMeasure} of the book after the order, from the account's joint statistics ({@link
 * PortfolioRisk}, {@link PortfolioFigures}) when the latest window has enough bars common to every
 * symbol held, and otherwise the sum over symbols of |value| x the symbol's own figure (for normal
 * VaR an upper bound of the joint one).
 *
 * <p>The gate keeps each symbol's latest returns (from the price ticks) and, on its own event-time
 * clock, at every window end ({@code tauflow.var.slide}) computes the account's joint statistics
 * and the figures of its current book ({@link #roll}); the caller publishes them.
 *
 * <p>{@link #onIntent}, {@link #onPrice}, {@link #onVar} and {@link #roll} are the stateful steps
 * the Flink function (and the tests) drive: they roll the day and the window, check, book fills and
 * remember ids.
 */
public final class RiskGate {

    public static final long DAY_MS = RiskLimits.DAY_MS;

    private final RiskLimits limits;
    private final RiskModel model;
    private final PortfolioFigures figures;

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

    /** With the default {@link RiskModel}. */
    public RiskGate(RiskLimits limits) {
        this(limits, RiskModel.defaults());
    }

    public RiskGate(RiskLimits limits, RiskModel model) {
        this.limits = limits;
        this.model = model;
        this.figures = new PortfolioFigures(model.var());
    }

    public RiskLimits limits() {
        return limits;
    }

    public RiskModel model() {
        return model;
    }

    // --- stateful steps ---

    /** Checks an intent, books it when approved and remembers its id; returns the verdict. */
    public Verdict onIntent(AccountRisk a, OrderIntent i, boolean killAccount, boolean killSymbol) {
        tick(a, i.eventTimeMs);
        Verdict v = check(i, a, killAccount, killSymbol);
        apply(v, i, a);
        return v;
    }

    /**
     * Records a symbol's latest risk estimate: every figure, its window end and risk level (an
     * older estimate than held is ignored).
     */
    public void onVar(AccountRisk a, VarEstimate var) {
        tick(a, var.windowEndMs);
        PositionState p = a.symbol(var.symbol);
        if (var.windowEndMs < p.estimateMs) {
            return;
        }
        p.estimateMs = var.windowEndMs;
        p.measures = VarMeasure.all(var);
        p.volatility = var.volatility;
        p.riskLevel = var.riskLevel == null ? -1 : RiskLevel.valueOf(var.riskLevel).ordinal();
    }

    /**
     * Advances the account's window to the latest window end before {@code eventTimeMs}: when that
     * is a new one, computes the account's joint statistics over it and returns the account's
     * estimate (every figure of its current book, risk score and level) to publish; otherwise, or
     * when the account has neither returns in the window nor positions, null. Call it before each
     * event at {@code eventTimeMs} (input in event-time order, so everything up to the window end
     * has been seen), and, for an account with no later event, with {@code windowEnd + 1} once the
     * input's watermark has passed the window end.
     */
    public RiskEstimate roll(AccountRisk a, String account, long eventTimeMs) {
        long slide = model.windows().slide().toMillis();
        long end = Math.floorDiv(eventTimeMs, slide) * slide - 1;
        if (end <= a.windowEndMs) {
            return null;
        }
        a.windowEndMs = end;
        long window = model.windows().window().toMillis();
        a.portfolio =
                PortfolioRisk.of(account, end, window, model.windows().minReturns(), a.symbols);
        // later windows start later: what they cannot hold goes
        for (PositionState p : a.symbols.values()) {
            p.returns.dropBefore(end + slide + 1 - window);
        }
        Map<String, Double> book = new TreeMap<>();
        double gross = 0;
        for (Map.Entry<String, PositionState> e : a.symbols.entrySet()) {
            double value = e.getValue().value();
            if (value != 0.0) {
                book.put(e.getKey(), value);
                gross += Math.abs(value);
            }
        }
        if (a.portfolio == null && book.isEmpty()) {
            a.riskLevel = RiskLevel.LOW.ordinal();
            return null;
        }
        RiskEstimate r = accountEstimate(a, account, end, book, gross);
        a.riskLevel = r.getRiskLevel().ordinal();
        return r;
    }

    /** Every figure of the account's book, from its joint statistics or, without, the sum. */
    private RiskEstimate accountEstimate(
            AccountRisk a, String account, long end, Map<String, Double> book, double gross) {
        VarConfig config = model.var();
        double[] m = new double[VarMeasure.values().length];
        double vol = 0;
        boolean diversified = a.portfolio != null && a.portfolio.covers(book);
        long barMs = 0;
        if (diversified) {
            double[] x = a.portfolio.vector(book);
            if (!book.isEmpty()) {
                m = figures.all(a.portfolio, x);
                vol = PortfolioFigures.std(a.portfolio, x);
            }
            barMs = a.portfolio.barIntervalMs;
        } else {
            for (Map.Entry<String, Double> e : book.entrySet()) {
                PositionState p = a.symbols.get(e.getKey());
                double v = Math.abs(e.getValue());
                for (VarMeasure k : VarMeasure.values()) {
                    m[k.ordinal()] += v * p.measure(k);
                }
                vol += v * p.volatility;
                barMs = Math.max(barMs, p.returns.size() == 0 ? 0 : p.returns.interval(0));
            }
        }
        if (barMs <= 0) {
            barMs = VarWindow.FALLBACK_INTERVAL_MS;
        }
        double score = 0;
        double annual = 0;
        if (gross > 0) {
            double tail =
                    Math.max(
                            Math.max(
                                    m[VarMeasure.HISTORICAL_VAR_99.ordinal()],
                                    m[VarMeasure.PARAMETRIC_VAR_99.ordinal()]),
                            m[VarMeasure.MONTE_CARLO_VAR_99.ordinal()]
                                    / Math.sqrt(config.monteCarlo().steps()));
            annual =
                    ParametricVar.annualisedVolatility(
                            vol / gross, barMs, config.tradingTimePerYearMs());
            score = config.riskScore().score(tail / gross, annual);
        }
        return RiskEstimates.account(
                account,
                end,
                a.portfolio == null ? 0 : a.portfolio.observations,
                gross,
                diversified && !book.isEmpty(),
                m,
                vol,
                annual,
                barMs,
                config,
                score,
                config.riskScore().level(score));
    }

    /**
     * Marks a symbol at its last trade price and updates the peak equity. When the account's
     * free-margin ratio is then below the guard and {@link RiskLimits#liquidateBelowGuard()},
     * returns one closing intent per open position (by symbol), which the caller passes through
     * {@link #onIntent} like any other order; otherwise an empty list.
     */
    public List<OrderIntent> onPrice(AccountRisk a, String account, PriceTick tick) {
        tick(a, tick.eventTimeMs);
        PositionState book = a.symbol(tick.symbol);
        book.addPrice(tick.price, limits.collarReferenceBars());
        if (tick.hasReturn && tick.eventTimeMs >= book.returns.lastTime()) {
            book.returns.add(tick.eventTimeMs, tick.logReturn, tick.intervalMs, tick.regime);
        }
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
        Map<String, Double> book = new TreeMap<>();
        book.put(i.symbol, position);
        for (Map.Entry<String, PositionState> e : a.symbols.entrySet()) {
            PositionState s = e.getValue();
            if (s != p) {
                double value = s.value();
                gross += Math.abs(value);
                net += value;
                if (value != 0.0) {
                    book.put(e.getKey(), value);
                }
            }
        }
        if (gross > limits.maxGrossExposure()) {
            return reject(i, qty, RejectReason.GROSS_EXPOSURE, limits.maxGrossExposure(), gross);
        }
        if (Math.abs(net) > limits.maxNetExposure()) {
            return reject(
                    i, qty, RejectReason.NET_EXPOSURE, limits.maxNetExposure(), Math.abs(net));
        }
        if (!model.failOpen()) {
            if (p.estimateMs == Long.MIN_VALUE) {
                return reject(i, qty, RejectReason.NO_RISK_ESTIMATE, 0.0, 1.0);
            }
            long age = i.eventTimeMs - p.estimateMs;
            if (age > model.maxEstimateAgeMs()) {
                return reject(
                        i, qty, RejectReason.STALE_RISK_ESTIMATE, model.maxEstimateAgeMs(), age);
            }
        }
        if (model.rejectLevel() != null) {
            int level = Math.max(p.riskLevel, a.riskLevel);
            if (level >= model.rejectLevel().ordinal()) {
                return reject(
                        i, qty, RejectReason.RISK_LEVEL, model.rejectLevel().ordinal(), level);
            }
        }
        double var = accountVar(a, book);
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
     * The configured {@link VarMeasure} of a book (value per symbol): from the account's joint
     * statistics when they cover every symbol held, else the sum of |value| x each symbol's latest
     * figure (0 for a symbol without an estimate).
     */
    public double accountVar(AccountRisk a, Map<String, Double> book) {
        VarMeasure measure = model.measure();
        if (a.portfolio != null && a.portfolio.covers(book)) {
            return figures.measure(a.portfolio, a.portfolio.vector(book), measure);
        }
        double sum = 0;
        for (Map.Entry<String, Double> e : book.entrySet()) {
            PositionState s = a.symbols.get(e.getKey());
            sum += Math.abs(e.getValue()) * (s == null ? 0.0 : s.measure(measure));
        }
        return sum;
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
