package io.tauflow.tools.demo.data;

import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.PriceLevel;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Rebuilds level-2 order books from a recorded snapshot plus update stream (the cryptofeed Coinbase
 * capture bundled with the project) and samples them as {@link OrderBookSnapshot} records, so the
 * demo can replay real book dynamics at a chosen depth and rate.
 *
 * <p>Input, matched by column name:
 *
 * <ul>
 *   <li>snapshots: {@code symbol, recv_time_ms, side, price, size} – the full book of each symbol
 *       at one local receive time (one snapshot per symbol);
 *   <li>updates: {@code symbol, time_utc, side, price, size}, in arrival order – {@code size} is
 *       the new absolute size at that price and {@code 0} removes the level; {@code time_utc} is
 *       the exchange time as an ISO-8601 instant (microseconds are truncated to milliseconds).
 * </ul>
 *
 * <p>{@code side} is {@code bid}/{@code buy} or {@code ask}/{@code sell} (any case). Each symbol is
 * emitted once at its snapshot's {@code recv_time_ms}, then after applying the first update whose
 * exchange time is at or after the previous emission time + {@code intervalMs}, stamped with that
 * update's exchange time. Note the two clocks: the first record of a symbol carries the recording
 * machine's time, the rest the exchange's.
 */
public final class OrderBookReplay {

    /** {@code OrderBookSnapshot.venue} of every record produced here. */
    public static final String VENUE = "COINBASE";

    private OrderBookReplay() {}

    /**
     * Replays the books and returns the sampled top {@code depth} levels per side (bids highest
     * price first, asks lowest first), sorted by (eventTimeMs, symbol), ties in emission order. The
     * readers are not closed.
     *
     * @param depth levels per side, at least 1 (fewer if the book is thinner)
     * @param intervalMs minimum spacing of emissions per symbol; 0 emits after every update
     * @throws IllegalArgumentException for a malformed row, a symbol with two snapshots, or an
     *     update for a symbol without a snapshot
     */
    public static List<OrderBookSnapshot> read(
            Reader snapshotsCsv, Reader updatesCsv, int depth, long intervalMs) {
        return read(snapshotsCsv, "snapshots CSV", updatesCsv, "updates CSV", depth, intervalMs);
    }

    /** As {@link #read(Reader, Reader, int, long)}, from two classpath resources. */
    public static List<OrderBookSnapshot> readResources(
            String snapshotsResource, String updatesResource, int depth, long intervalMs) {
        try (Reader s = DataResources.open(snapshotsResource);
                Reader u = DataResources.open(updatesResource)) {
            return read(s, snapshotsResource, u, updatesResource, depth, intervalMs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<OrderBookSnapshot> read(
            Reader snapshotsCsv,
            String snapshotsName,
            Reader updatesCsv,
            String updatesName,
            int depth,
            long intervalMs) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1: " + depth);
        }
        if (intervalMs < 0) {
            throw new IllegalArgumentException("intervalMs must not be negative: " + intervalMs);
        }
        Map<String, Book> books = new LinkedHashMap<>();

        CsvTable snaps = CsvTable.open(snapshotsCsv, snapshotsName);
        for (String c : List.of("symbol", "recv_time_ms", "side", "price", "size")) {
            snaps.require(c);
        }
        for (CsvTable.Row row = snaps.next(); row != null; row = snaps.next()) {
            String symbol = row.required("symbol");
            long recv = row.getLong("recv_time_ms");
            Book book = books.computeIfAbsent(symbol, k -> new Book(recv));
            if (book.lastEmitMs != recv) {
                throw row.error(
                        "recv_time_ms",
                        "second snapshot for "
                                + symbol
                                + " (first at "
                                + book.lastEmitMs
                                + "); one snapshot per symbol is supported");
            }
            book.apply(row);
        }

        List<OrderBookSnapshot> out = new ArrayList<>();
        books.forEach((symbol, book) -> out.add(book.top(symbol, book.lastEmitMs, depth)));

        CsvTable updates = CsvTable.open(updatesCsv, updatesName);
        for (String c : List.of("symbol", "time_utc", "side", "price", "size")) {
            updates.require(c);
        }
        for (CsvTable.Row row = updates.next(); row != null; row = updates.next()) {
            String symbol = row.required("symbol");
            Book book = books.get(symbol);
            if (book == null) {
                throw row.error("symbol", "update for " + symbol + " which has no snapshot");
            }
            long timeMs = parseInstantMs(row, "time_utc");
            book.apply(row);
            if (timeMs >= book.lastEmitMs + intervalMs) {
                out.add(book.top(symbol, timeMs, depth));
                book.lastEmitMs = timeMs;
            }
        }

        out.sort(
                Comparator.comparingLong(OrderBookSnapshot::getEventTimeMs)
                        .thenComparing(OrderBookSnapshot::getSymbol));
        return out;
    }

    private static long parseInstantMs(CsvTable.Row row, String column) {
        String v = row.required(column);
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw row.error(column, "not an ISO-8601 instant: '" + v + "'", e);
        }
    }

    /** One symbol's aggregated book: price to size, best level first on each side. */
    private static final class Book {
        final NavigableMap<Double, Double> bids = new TreeMap<>(Comparator.reverseOrder());
        final NavigableMap<Double, Double> asks = new TreeMap<>();
        long lastEmitMs;

        Book(long snapshotMs) {
            this.lastEmitMs = snapshotMs;
        }

        void apply(CsvTable.Row row) {
            NavigableMap<Double, Double> side = side(row);
            double price = row.getDouble("price");
            double size = row.getDouble("size");
            if (price <= 0) {
                throw row.error("price", "must be positive: " + row.get("price"));
            }
            if (size < 0) {
                throw row.error("size", "must not be negative: " + row.get("size"));
            }
            if (size == 0) {
                side.remove(price);
            } else {
                side.put(price, size);
            }
        }

        NavigableMap<Double, Double> side(CsvTable.Row row) {
            String s = row.required("side").toLowerCase(Locale.ROOT);
            switch (s) {
                case "bid":
                case "buy":
                    return bids;
                case "ask":
                case "sell":
                    return asks;
                default:
                    throw row.error("side", "expected bid/buy or ask/sell: '" + s + "'");
            }
        }

        OrderBookSnapshot top(String symbol, long eventTimeMs, int depth) {
            return new OrderBookSnapshot(
                    VENUE, symbol, eventTimeMs, levels(bids, depth), levels(asks, depth));
        }

        private static List<PriceLevel> levels(NavigableMap<Double, Double> side, int depth) {
            List<PriceLevel> levels = new ArrayList<>(Math.min(depth, side.size()));
            for (Map.Entry<Double, Double> e : side.entrySet()) {
                if (levels.size() == depth) {
                    break;
                }
                levels.add(new PriceLevel(e.getKey(), e.getValue()));
            }
            return levels;
        }
    }
}
