package io.tauflow.tools.demo;

import io.tauflow.agent.PerformanceMetrics;
import io.tauflow.agent.TradingCalendar;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Order;
import io.tauflow.schema.RejectReason;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.Side;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one symbol did in a run, rebuilt from the output topics: decisions, approved orders (filled
 * on paper at their limit price), rejections, and the figures of {@link PerformanceMetrics} over
 * the mark-to-market equity of the approved orders, annualised with the bar interval and a {@link
 * TradingCalendar}.
 */
public final class SymbolLedger {

    private final String symbol;
    private final double capital;
    private long decisions;
    private long intents;
    private long orders;
    private final Map<RejectReason, Long> rejections = new EnumMap<>(RejectReason.class);
    private final Set<Integer> states = new HashSet<>();

    /** Close price per bar, by event time. */
    private final TreeMap<Long, Double> prices = new TreeMap<>();

    /** Orders by event time. */
    private final TreeMap<Long, List<Order>> ordersByTime = new TreeMap<>();

    private long intervalMs = 60_000L;
    private final TradingCalendar calendar;

    public SymbolLedger(String symbol, double capital, TradingCalendar calendar) {
        this.symbol = symbol;
        this.capital = capital;
        this.calendar = calendar;
    }

    public void onDecision(Decision d) {
        decisions++;
        if (d.getOrderIntent()) {
            intents++;
        }
        if (d.getStateIndex() >= 0) {
            states.add(d.getStateIndex());
        }
        prices.put(d.getEventTimeMs(), d.getPrice());
    }

    public void onOrder(Order o) {
        orders++;
        ordersByTime.computeIfAbsent(o.getEventTimeMs(), t -> new ArrayList<>()).add(o);
    }

    public void onRejection(Rejection r) {
        rejections.merge(r.getReason(), 1L, Long::sum);
    }

    public void setIntervalMs(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    public String symbol() {
        return symbol;
    }

    public long decisions() {
        return decisions;
    }

    public long orders() {
        return orders;
    }

    public Map<RejectReason, Long> rejections() {
        return rejections;
    }

    public int visitedStates() {
        return states.size();
    }

    /** The run's figures; NaN where a figure is undefined (see {@link PerformanceMetrics}). */
    public record Summary(
            double pnl,
            double sharpe,
            double sortino,
            double maxDrawdown,
            double winRate,
            double profitFactor,
            int trades) {

        static Summary of(double pnl, PerformanceMetrics.Report r) {
            return new Summary(
                    pnl,
                    r.sharpe(),
                    r.sortino(),
                    r.maxDrawdown(),
                    r.winRate(),
                    r.profitFactor(),
                    r.trades());
        }
    }

    /** Bars per year of this symbol's bar interval in the ledger's calendar. */
    public double periodsPerYear() {
        return calendar.periodsPerYear(intervalMs);
    }

    public long intervalMs() {
        return intervalMs;
    }

    public Summary summary() {
        Replay r = replay();
        return Summary.of(
                r.equity.lastEntry().getValue() - capital,
                PerformanceMetrics.report(values(r.equity), r.tradePnls, periodsPerYear()));
    }

    /** Mark-to-market equity by bar time, starting with the capital before the first bar. */
    public NavigableMap<Long, Double> equityCurve() {
        return replay().equity;
    }

    /** P&amp;L of every closed round trip, in order. */
    public List<Double> tradePnls() {
        return replay().tradePnls;
    }

    public double capital() {
        return capital;
    }

    private record Replay(TreeMap<Long, Double> equity, List<Double> tradePnls) {}

    private Replay replay() {
        double cash = 0;
        double qty = 0;
        double avg = 0;
        List<Double> tradePnls = new ArrayList<>();
        TreeMap<Long, Double> equity = new TreeMap<>();
        equity.put(prices.isEmpty() ? Long.MIN_VALUE : prices.firstKey() - 1, capital);
        for (Map.Entry<Long, Double> bar : prices.entrySet()) {
            for (Order o : ordersByTime.getOrDefault(bar.getKey(), List.of())) {
                if (o.getSide() == Side.BUY) {
                    avg =
                            (qty * avg + o.getQuantity() * o.getLimitPrice())
                                    / (qty + o.getQuantity());
                    qty += o.getQuantity();
                    cash -= o.getQuantity() * o.getLimitPrice();
                } else {
                    tradePnls.add(o.getQuantity() * (o.getLimitPrice() - avg));
                    qty -= o.getQuantity();
                    cash += o.getQuantity() * o.getLimitPrice();
                }
            }
            equity.put(bar.getKey(), capital + cash + qty * bar.getValue());
        }
        return new Replay(equity, tradePnls);
    }

    static double[] values(NavigableMap<Long, Double> curve) {
        double[] v = new double[curve.size()];
        int i = 0;
        for (double x : curve.values()) {
            v[i++] = x;
        }
        return v;
    }

    public long intents() {
        return intents;
    }
}
