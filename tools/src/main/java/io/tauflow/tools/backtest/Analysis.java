package io.tauflow.tools.backtest;

import io.tauflow.agent.PerformanceMetrics;
import io.tauflow.agent.TradingCalendar;
import io.tauflow.schema.Candle;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Side;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a backtest's bars and the job's output into its {@link BacktestResult}: the agents' orders
 * and the two benchmarks through the same {@link Ledger}, then the figures of each.
 */
public final class Analysis {

    private Analysis() {}

    /**
     * The calendar that suits the bars: CRYPTO (every day) when more than 0.5 % of them fall on a
     * Saturday or Sunday (UTC); an exchange's sessions (US_EQUITIES, 252 days a year) when they
     * span a weekend without trading in it; for a span without a weekend, CRYPTO when bars shorter
     * than a day trade round the clock (more than 2 % of them between 01:00 and 08:00 UTC, when no
     * US session, extended hours included, is open).
     */
    public static TradingCalendar detectCalendar(Map<String, List<Candle>> bars) {
        long total = 0;
        long weekend = 0;
        long night = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (List<Candle> series : bars.values()) {
            for (Candle c : series) {
                ZonedDateTime t = Instant.ofEpochMilli(c.getOpenTimeMs()).atZone(ZoneOffset.UTC);
                total++;
                first = Math.min(first, c.getOpenTimeMs());
                last = Math.max(last, c.getOpenTimeMs());
                if (t.getDayOfWeek() == DayOfWeek.SATURDAY
                        || t.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    weekend++;
                }
                if (c.getIntervalMs() < 86_400_000L && t.getHour() >= 1 && t.getHour() < 8) {
                    night++;
                }
            }
        }
        if (total == 0) {
            return TradingCalendar.US_EQUITIES;
        }
        if (weekend * 200 > total) {
            return TradingCalendar.CRYPTO;
        }
        if (spansWeekend(first, last)) {
            return TradingCalendar.US_EQUITIES;
        }
        return night * 50 > total ? TradingCalendar.CRYPTO : TradingCalendar.US_EQUITIES;
    }

    private static boolean spansWeekend(long firstMs, long lastMs) {
        for (long t = firstMs; t <= lastMs; t += 86_400_000L) {
            DayOfWeek d = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).getDayOfWeek();
            if (d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY) {
                return true;
            }
        }
        return false;
    }

    /**
     * Bars per year of a series of bar times: the bars it has per trading day (a UTC date with
     * bars) times the calendar's trading days per year. Measured, so extended hours, gaps and the
     * union of several symbols' times are counted as they are.
     */
    public static double periodsPerYear(long[] times, TradingCalendar calendar) {
        if (times.length == 0) {
            return calendar.tradingDaysPerYear();
        }
        Set<Long> days = new HashSet<>();
        for (long t : times) {
            days.add(Math.floorDiv(t, 86_400_000L));
        }
        return times.length / (double) days.size() * calendar.tradingDaysPerYear();
    }

    /** The bars the job accepted: those it made a decision on (the rest went to dead letters). */
    public static Map<String, List<Candle>> acceptedBars(
            Map<String, List<Candle>> bars, List<Decision> decisions) {
        Set<String> decided = new HashSet<>();
        for (Decision d : decisions) {
            decided.add(d.getSymbol() + "@" + d.getEventTimeMs());
        }
        Map<String, List<Candle>> out = new TreeMap<>();
        bars.forEach(
                (symbol, series) -> {
                    List<Candle> kept = new ArrayList<>();
                    for (Candle c : series) {
                        if (decided.contains(symbol + "@" + c.getOpenTimeMs())) {
                            kept.add(c);
                        }
                    }
                    if (!kept.isEmpty()) {
                        out.put(symbol, kept);
                    }
                });
        return out;
    }

    /** The bar interval most symbols have. */
    public static long barInterval(Map<String, List<Candle>> bars) {
        Map<Long, Integer> count = new TreeMap<>();
        for (List<Candle> series : bars.values()) {
            if (!series.isEmpty()) {
                count.merge(series.get(0).getIntervalMs(), 1, Integer::sum);
            }
        }
        return count.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(60_000L);
    }

    /**
     * The result of a run.
     *
     * @param bars each symbol's bars, ascending
     * @param orders the orders the risk gate approved
     * @param decisions every decision (for the emotion and source of each order and the coverage)
     * @param costs fees, slippage and the fill rule
     * @param capital the starting capital of each account: a symbol's figures are on its account's
     *     capital; the agents' total and the benchmarks start with capital x accounts
     * @param accounts how many accounts the symbols trade in (tauflow.account.*)
     * @param calendar annualises the figures
     * @param stateSpace states of the agents' encoder, for the coverage
     */
    public static BacktestResult analyse(
            Map<String, List<Candle>> bars,
            List<io.tauflow.schema.Order> orders,
            List<Decision> decisions,
            Ledger.Costs costs,
            double capital,
            int accounts,
            TradingCalendar calendar,
            long stateSpace,
            Map<String, String> settings,
            List<String> deadLetters) {
        Map<String, Decision> decisionAt = new HashMap<>();
        Map<String, Set<Integer>> states = new TreeMap<>();
        for (Decision d : decisions) {
            decisionAt.put(d.getSymbol() + "@" + d.getEventTimeMs(), d);
            if (d.getStateIndex() >= 0) {
                states.computeIfAbsent(d.getSymbol(), k -> new HashSet<>()).add(d.getStateIndex());
            }
        }
        List<io.tauflow.schema.Order> sorted = new ArrayList<>(orders);
        sorted.sort(
                Comparator.comparingLong(io.tauflow.schema.Order::getEventTimeMs)
                        .thenComparing(o -> o.getSymbol())
                        .thenComparing(o -> o.getClientOrderId()));
        List<Ledger.Order> agentOrders = new ArrayList<>();
        for (io.tauflow.schema.Order o : sorted) {
            Decision d = decisionAt.get(o.getSymbol() + "@" + o.getEventTimeMs());
            agentOrders.add(
                    new Ledger.Order(
                            o.getSymbol(),
                            o.getEventTimeMs(),
                            o.getSide() == Side.BUY,
                            o.getQuantity(),
                            o.getEmotion().name(),
                            d == null ? "" : d.getSource()));
        }
        double accountCapital = capital;
        capital = accountCapital * Math.max(1, accounts);
        Ledger ledger = new Ledger(costs);
        Ledger.Book agents = ledger.run(bars, agentOrders);
        double periodsPerYear = periodsPerYear(agents.times(), calendar);
        Ledger.Book hold = ledger.run(bars, buyAndHold(bars, capital));
        Ledger.Book sma = ledger.run(bars, smaCrossover(bars, capital, 20, 50));

        List<Metrics> perSymbol = new ArrayList<>();
        Set<Integer> allStates = new HashSet<>();
        for (Ledger.SymbolBook b : agents.symbols().values()) {
            long[] own = bars.get(b.symbol()).stream().mapToLong(Candle::getOpenTimeMs).toArray();
            Set<Integer> visited = states.getOrDefault(b.symbol(), Set.of());
            allStates.addAll(visited);
            perSymbol.add(
                    metrics(
                            b.symbol(),
                            accountCapital,
                            b.pnlCurve(),
                            b.trades(),
                            periodsPerYear(own, calendar),
                            b.barsInMarket(),
                            b.traded(),
                            b.costs(),
                            b.capitalAtRisk(),
                            stateSpace > 0 ? visited.size() / (double) stateSpace : Double.NaN));
        }
        Metrics total =
                bookMetrics(
                        "ALL",
                        agents,
                        capital,
                        periodsPerYear,
                        stateSpace > 0 ? allStates.size() / (double) stateSpace : Double.NaN);
        List<Metrics> benchmarks =
                List.of(
                        bookMetrics("buy-and-hold", hold, capital, periodsPerYear, Double.NaN),
                        bookMetrics("sma-20-50", sma, capital, periodsPerYear, Double.NaN));

        // The emotion of each symbol at each decision time (carried forward).
        Map<Long, Map<String, String>> emotionAt = new TreeMap<>();
        for (Decision d : decisions) {
            emotionAt
                    .computeIfAbsent(d.getEventTimeMs(), k -> new TreeMap<>())
                    .put(d.getSymbol(), d.getEmotion().name());
        }
        Map<String, String> current = new TreeMap<>();
        List<EquityPoint> equity = new ArrayList<>();
        double peak = capital;
        for (int k = 0; k < agents.times().length; k++) {
            long t = agents.times()[k];
            Map<String, String> now = emotionAt.get(t);
            if (now != null) {
                current.putAll(now);
            }
            double e = capital + agents.pnl()[k];
            peak = Math.max(peak, e);
            StringBuilder emotion = new StringBuilder();
            current.forEach(
                    (s, v) ->
                            emotion.append(emotion.length() == 0 ? "" : " ")
                                    .append(s)
                                    .append(':')
                                    .append(v));
            equity.add(
                    new EquityPoint(
                            t,
                            e,
                            capital + hold.pnl()[k],
                            capital + sma.pnl()[k],
                            e / peak - 1,
                            agents.positionValue()[k],
                            emotion.toString()));
        }
        List<String> dead = new ArrayList<>(deadLetters);
        dead.sort(null);
        return new BacktestResult(
                settings, perSymbol, total, benchmarks, agents.trades(), equity, dead);
    }

    /** Buy every symbol at its first bar with an equal share of the capital; hold to the end. */
    static List<Ledger.Order> buyAndHold(Map<String, List<Candle>> bars, double capital) {
        List<Ledger.Order> orders = new ArrayList<>();
        double share = capital / Math.max(1, bars.size());
        for (List<Candle> series : bars.values()) {
            if (!series.isEmpty()) {
                Candle first = series.get(0);
                orders.add(
                        new Ledger.Order(
                                first.getSymbol(),
                                first.getOpenTimeMs(),
                                true,
                                0,
                                "",
                                "buy-and-hold",
                                share));
            }
        }
        return orders;
    }

    /**
     * Long while the {@code fast}-bar simple moving average of closes is above the {@code slow}
     * one, flat otherwise; each entry invests what the symbol's equal share of the capital has
     * become (its sleeve's cash), never more.
     */
    static List<Ledger.Order> smaCrossover(
            Map<String, List<Candle>> bars, double capital, int fast, int slow) {
        List<Ledger.Order> orders = new ArrayList<>();
        double share = capital / Math.max(1, bars.size());
        for (List<Candle> series : bars.values()) {
            double fastSum = 0;
            double slowSum = 0;
            boolean long_ = false;
            for (int i = 0; i < series.size(); i++) {
                Candle c = series.get(i);
                fastSum += c.getClose();
                slowSum += c.getClose();
                if (i >= fast) {
                    fastSum -= series.get(i - fast).getClose();
                }
                if (i >= slow) {
                    slowSum -= series.get(i - slow).getClose();
                }
                if (i < slow - 1) {
                    continue;
                }
                boolean up = fastSum / fast > slowSum / slow;
                if (up != long_) {
                    orders.add(
                            new Ledger.Order(
                                    c.getSymbol(),
                                    c.getOpenTimeMs(),
                                    up,
                                    up ? 0 : Double.MAX_VALUE,
                                    "",
                                    "sma-" + fast + "-" + slow,
                                    up ? share : 0));
                    long_ = up;
                }
            }
        }
        return orders;
    }

    private static Metrics bookMetrics(
            String name, Ledger.Book book, double capital, double periodsPerYear, double coverage) {
        long inMarket = 0;
        for (boolean b : book.inMarket()) {
            if (b) {
                inMarket++;
            }
        }
        double traded = 0;
        double costs = 0;
        for (Ledger.SymbolBook b : book.symbols().values()) {
            traded += b.traded();
            costs += b.costs();
        }
        double risk = book.capitalAtRisk();
        return metrics(
                name,
                capital,
                book.pnl(),
                book.trades(),
                periodsPerYear,
                inMarket,
                traded,
                costs,
                risk,
                coverage);
    }

    /** The figures of a book from its P&L at each bar and its round trips. */
    static Metrics metrics(
            String name,
            double capital,
            double[] pnl,
            List<Trade> trades,
            double periodsPerYear,
            long barsInMarket,
            double traded,
            double costs,
            double capitalAtRisk,
            double coverage) {
        double[] equity = new double[pnl.length + 1];
        double[] onRisk = new double[pnl.length + 1];
        equity[0] = capital;
        onRisk[0] = capitalAtRisk;
        for (int i = 0; i < pnl.length; i++) {
            equity[i + 1] = capital + pnl[i];
            onRisk[i + 1] = capitalAtRisk + pnl[i];
        }
        List<Double> tradePnls = trades.stream().map(Trade::pnl).toList();
        PerformanceMetrics.Report r = PerformanceMetrics.report(equity, tradePnls, periodsPerYear);
        double last = pnl.length == 0 ? 0 : pnl[pnl.length - 1];
        boolean risked = capitalAtRisk > 0;
        boolean onRiskDefined = risked;
        for (double v : onRisk) {
            // losses beyond the capital at risk: returns on it are undefined from there on
            onRiskDefined &= v > 0;
        }
        double holding =
                trades.isEmpty()
                        ? Double.NaN
                        : trades.stream()
                                .mapToLong(t -> t.exitTimeMs() - t.entryTimeMs())
                                .average()
                                .orElse(Double.NaN);
        return new Metrics(
                name,
                pnl.length,
                last / capital,
                risked ? last / capitalAtRisk : Double.NaN,
                r.sharpe(),
                r.sortino(),
                r.maxDrawdown(),
                onRiskDefined ? PerformanceMetrics.maxDrawdown(onRisk) : Double.NaN,
                onRiskDefined
                        ? PerformanceMetrics.sharpe(
                                PerformanceMetrics.returns(onRisk), periodsPerYear)
                        : Double.NaN,
                trades.size(),
                PerformanceMetrics.winRate(tradePnls),
                PerformanceMetrics.profitFactor(tradePnls),
                holding,
                pnl.length == 0 ? 0 : barsInMarket / (double) pnl.length,
                traded / capital,
                costs,
                last,
                coverage);
    }
}
