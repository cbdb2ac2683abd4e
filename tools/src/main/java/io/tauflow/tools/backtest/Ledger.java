package io.tauflow.tools.backtest;

import io.tauflow.schema.Candle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one ledger of a backtest: fills a book's orders against the bars they could have had, with
 * fees and slippage, and marks the positions at every close. Used for the agents' orders and for
 * the benchmarks alike, so every book pays the same costs under the same fill rule.
 *
 * <p>Fills: an order decided at the close of a bar fills at the open of the symbol's next bar
 * ({@link Fill#NEXT_OPEN}, the default: the first price the order could have had), or at that bar's
 * close ({@link Fill#CLOSE}). A buy pays {@code price x (1 + slippage)}, a sell gets {@code price x
 * (1 - slippage)}, and each fill pays {@code fee x filled notional}. An order with no next bar
 * stays unfilled (counted). Positions are long only; a sell closes at most what is held. Positions
 * still open after the last bar are closed at each symbol's last close, with costs, as exit reason
 * END. Deterministic: the same bars and orders give the same result.
 */
public final class Ledger {

    /** Where an order decided at a bar's close fills. */
    public enum Fill {
        /** At the open of the symbol's next bar. */
        NEXT_OPEN,
        /** At the close of the bar it was decided on (optimistic: no real order gets it). */
        CLOSE
    }

    /**
     * The costs and the fill rule.
     *
     * @param feeBps fee per side, basis points of the filled notional
     * @param slippageBps adverse price move per fill, basis points of the price
     * @param fill where orders fill
     */
    public record Costs(double feeBps, double slippageBps, Fill fill) {
        public Costs {
            if (!(feeBps >= 0) || !(slippageBps >= 0) || fill == null) {
                throw new IllegalArgumentException(
                        "fee and slippage must be >= 0 bps, got " + feeBps + ", " + slippageBps);
            }
        }
    }

    /**
     * An order of a book, decided at the close of the symbol's bar at {@code decisionTimeMs}.
     *
     * @param quantity units to buy or sell (a sell closes at most what is held)
     * @param emotion the emotion it was decided in (for the trade list), or "" when none
     * @param source what decided it (the voter, or an exit rule), or "" when none
     * @param budget for a buy of a benchmark: instead of {@code quantity}, invest this budget plus
     *     the symbol's net cash flows so far (its sleeve's cash), fees included, never more; 0 for
     *     orders with a quantity
     */
    public record Order(
            String symbol,
            long decisionTimeMs,
            boolean buy,
            double quantity,
            String emotion,
            String source,
            double budget) {

        public Order(
                String symbol,
                long decisionTimeMs,
                boolean buy,
                double quantity,
                String emotion,
                String source) {
            this(symbol, decisionTimeMs, buy, quantity, emotion, source, 0);
        }
    }

    /** What one symbol did in a book. */
    public static final class SymbolBook {
        final String symbol;

        /** The symbol's net P&L (cash flows plus marked position) at each of its bar times. */
        final List<Double> pnl = new ArrayList<>();

        double fees;
        double slippage;
        double traded;
        double peakCost;
        long barsInMarket;
        int unfilled;
        final List<Trade> trades = new ArrayList<>();

        // the open position
        double qty;
        double bought;
        double cost;
        double proceeds;
        double tradeFees;
        long entryTimeMs;
        String entryEmotion = "";
        String entrySource = "";
        double cash;
        double lastClose = Double.NaN;

        SymbolBook(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public double[] pnlCurve() {
            return pnl.stream().mapToDouble(Double::doubleValue).toArray();
        }

        public List<Trade> trades() {
            return trades;
        }

        /** Fees and slippage paid. */
        public double costs() {
            return fees + slippage;
        }

        /** Filled notional, both sides. */
        public double traded() {
            return traded;
        }

        /** The largest cost of the open position there ever was: the capital it put at risk. */
        public double capitalAtRisk() {
            return peakCost;
        }

        public long bars() {
            return pnl.size();
        }

        public long barsInMarket() {
            return barsInMarket;
        }

        public int unfilled() {
            return unfilled;
        }

        public double finalPnl() {
            return pnl.isEmpty() ? 0 : pnl.get(pnl.size() - 1);
        }
    }

    /**
     * A book after the last bar.
     *
     * @param times every bar time of any symbol, ascending
     * @param pnl the book's net P&L at each of those times (all symbols)
     * @param positionValue gross value of the open positions at each time's close
     * @param inMarket whether any position was open at each time's close
     * @param symbols each symbol's part, by symbol
     * @param capitalAtRisk the largest cost of all open positions together at any close: the
     *     capital the book put at risk
     */
    public record Book(
            long[] times,
            double[] pnl,
            double[] positionValue,
            boolean[] inMarket,
            Map<String, SymbolBook> symbols,
            double capitalAtRisk) {

        /** All round trips, by exit time, then symbol. */
        public List<Trade> trades() {
            List<Trade> all = new ArrayList<>();
            symbols.values().forEach(s -> all.addAll(s.trades));
            all.sort(
                    Comparator.comparingLong(Trade::exitTimeMs)
                            .thenComparing(Trade::symbol)
                            .thenComparingLong(Trade::entryTimeMs));
            return all;
        }
    }

    private final Costs costs;

    public Ledger(Costs costs) {
        this.costs = costs;
    }

    /** Fills {@code orders} against {@code bars} (each symbol's bars ascending by open time). */
    public Book run(Map<String, List<Candle>> bars, List<Order> orders) {
        TreeSet<Long> allTimes = new TreeSet<>();
        Map<String, long[]> barTimes = new TreeMap<>();
        for (Map.Entry<String, List<Candle>> e : bars.entrySet()) {
            long[] t = new long[e.getValue().size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = e.getValue().get(i).getOpenTimeMs();
                allTimes.add(t[i]);
                if (i > 0 && t[i] <= t[i - 1]) {
                    throw new IllegalArgumentException(
                            "bars of " + e.getKey() + " are not in ascending time order");
                }
            }
            barTimes.put(e.getKey(), t);
        }
        long[] times = allTimes.stream().mapToLong(Long::longValue).toArray();

        // Each order at the bar it fills on: (symbol, bar index) -> orders in decision order.
        Map<String, TreeMap<Integer, List<Order>>> fills = new TreeMap<>();
        Map<String, SymbolBook> books = new TreeMap<>();
        for (String symbol : bars.keySet()) {
            books.put(symbol, new SymbolBook(symbol));
            fills.put(symbol, new TreeMap<>());
        }
        for (Order o : orders) {
            long[] t = barTimes.get(o.symbol());
            if (t == null) {
                throw new IllegalArgumentException(
                        "order for " + o.symbol() + ", which has no bars");
            }
            int decided = Arrays.binarySearch(t, o.decisionTimeMs());
            if (decided < 0) {
                throw new IllegalArgumentException(
                        "order of "
                                + o.symbol()
                                + " decided at "
                                + o.decisionTimeMs()
                                + ", which is not one of its bar times");
            }
            int at = costs.fill() == Fill.NEXT_OPEN ? decided + 1 : decided;
            // With CLOSE fills, an order on the last bar would only be closed again as END.
            if (at >= t.length || (costs.fill() == Fill.CLOSE && at == t.length - 1)) {
                books.get(o.symbol()).unfilled++;
                continue;
            }
            fills.get(o.symbol()).computeIfAbsent(at, k -> new ArrayList<>()).add(o);
        }

        int n = times.length;
        double peakOpenCost = 0;
        double[] pnl = new double[n];
        double[] positionValue = new double[n];
        boolean[] inMarket = new boolean[n];
        Map<String, Integer> next = new TreeMap<>();
        bars.keySet().forEach(s -> next.put(s, 0));
        for (int k = 0; k < n; k++) {
            long time = times[k];
            boolean last = k == n - 1;
            for (Map.Entry<String, List<Candle>> e : bars.entrySet()) {
                String symbol = e.getKey();
                int i = next.get(symbol);
                long[] t = barTimes.get(symbol);
                if (i >= t.length || t[i] != time) {
                    continue;
                }
                next.put(symbol, i + 1);
                Candle bar = e.getValue().get(i);
                SymbolBook b = books.get(symbol);
                List<Order> due = fills.get(symbol).get(i);
                if (due != null) {
                    double price = costs.fill() == Fill.NEXT_OPEN ? bar.getOpen() : bar.getClose();
                    for (Order o : due) {
                        fill(b, o, price, time);
                    }
                }
                b.lastClose = bar.getClose();
                if (i == t.length - 1 && b.qty > 0) {
                    close(b, b.qty, b.lastClose, time, "END");
                }
                if (b.qty > 0) {
                    b.barsInMarket++;
                }
                b.pnl.add(b.cash + b.qty * b.lastClose);
            }
            double total = 0;
            double value = 0;
            double openCost = 0;
            for (SymbolBook b : books.values()) {
                if (!Double.isNaN(b.lastClose)) {
                    total += b.cash + b.qty * b.lastClose;
                    value += b.qty * b.lastClose;
                }
                if (b.qty > 0) {
                    openCost += b.cost;
                }
            }
            peakOpenCost = Math.max(peakOpenCost, openCost);
            pnl[k] = total;
            positionValue[k] = value;
            inMarket[k] = value > 0;
            if (last) {
                break;
            }
        }
        return new Book(times, pnl, positionValue, inMarket, books, peakOpenCost);
    }

    private void fill(SymbolBook b, Order o, double price, long time) {
        if (o.buy()) {
            double q = o.quantity();
            if (o.budget() > 0) {
                double cash = o.budget() + b.cash;
                double unit = price * (1 + costs.slippageBps() / 10_000);
                q = Math.max(0, cash) / (unit * (1 + costs.feeBps() / 10_000));
            }
            if (!(q > 0)) {
                return;
            }
            double px = price * (1 + costs.slippageBps() / 10_000);
            double fee = px * q * costs.feeBps() / 10_000;
            if (b.qty == 0) {
                b.cost = 0;
                b.bought = 0;
                b.proceeds = 0;
                b.tradeFees = 0;
                b.entryTimeMs = time;
                b.entryEmotion = o.emotion();
                b.entrySource = o.source();
            }
            b.qty += q;
            b.bought += q;
            b.cost += px * q;
            b.tradeFees += fee;
            b.cash -= px * q + fee;
            b.fees += fee;
            b.slippage += (px - price) * q;
            b.traded += px * q;
            b.peakCost = Math.max(b.peakCost, b.cost);
        } else {
            double q = Math.min(o.quantity(), b.qty);
            if (!(q > 0)) {
                return;
            }
            close(b, q, price, time, o.source().isEmpty() ? "SELL" : "SELL " + o.source());
        }
    }

    private void close(SymbolBook b, double q, double price, long time, String reason) {
        double px = price * (1 - costs.slippageBps() / 10_000);
        double fee = px * q * costs.feeBps() / 10_000;
        b.cash += px * q - fee;
        b.fees += fee;
        b.slippage += (price - px) * q;
        b.traded += px * q;
        b.proceeds += px * q;
        b.tradeFees += fee;
        double held = b.qty;
        b.qty -= q;
        if (b.qty <= held * 1e-12) {
            double quantity = b.bought;
            // The round trip: bought for cost, sold for proceeds (partial sells added up).
            b.trades.add(
                    new Trade(
                            b.symbol,
                            b.entryTimeMs,
                            b.cost / quantity,
                            time,
                            b.proceeds / quantity,
                            quantity,
                            b.tradeFees,
                            b.proceeds - b.cost - b.tradeFees,
                            reason,
                            b.entryEmotion,
                            b.entrySource));
            b.qty = 0;
        }
    }
}
