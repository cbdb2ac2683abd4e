package io.tauflow.jobs.demo;

import io.tauflow.agent.PerformanceMetrics;
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
import java.util.Set;
import java.util.TreeMap;

/**
 * What one symbol did in a run, rebuilt from the output topics: decisions, approved orders (filled
 * on paper at their limit price), rejections, and the figures of {@link PerformanceMetrics} over
 * the mark-to-market equity of the approved orders.
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

    public SymbolLedger(String symbol, double capital) {
        this.symbol = symbol;
        this.capital = capital;
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

    /** The run's figures. */
    public record Summary(
            double pnl,
            double sharpe,
            double sortino,
            double maxDrawdown,
            double winRate,
            double profitFactor,
            int trades) {}

    public Summary summary() {
        double cash = 0;
        double qty = 0;
        double avg = 0;
        List<Double> tradePnls = new ArrayList<>();
        double[] equity = new double[prices.size() + 1];
        double[] returns = new double[prices.size()];
        equity[0] = capital;
        int i = 0;
        double lastPrice = 0;
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
            lastPrice = bar.getValue();
            equity[i + 1] = capital + cash + qty * lastPrice;
            returns[i] = equity[i + 1] / equity[i] - 1;
            i++;
        }
        double ppy = PerformanceMetrics.periodsPerYear(intervalMs);
        return new Summary(
                equity[equity.length - 1] - capital,
                PerformanceMetrics.sharpe(returns, ppy),
                PerformanceMetrics.sortino(returns, ppy),
                PerformanceMetrics.maxDrawdown(equity),
                PerformanceMetrics.winRate(tradePnls),
                PerformanceMetrics.profitFactor(tradePnls),
                tradePnls.size());
    }

    public long intents() {
        return intents;
    }
}
