package io.tauflow.tools.demo.data;

import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.PriceLevel;
import io.tauflow.schema.SentimentScore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A user's sentiment and order-book files for a backtest, plain or {@code .gz}, with the time
 * columns of {@link CandleCsv} ({@code open_time_ms} or an ISO {@code time}, {@code time_utc},
 * {@code open_time}, {@code open_time_utc}, {@code date}). A malformed row, or a time before the
 * previous row's of its symbol, fails naming the file, line and column.
 *
 * <ul>
 *   <li>Sentiment: {@code symbol}, {@code score} (in [-1, 1]), optional {@code source} and {@code
 *       text}: one reading per row; a row with text and an empty score is left for the job to score
 *       with its lexicon.
 *   <li>Order books: {@code symbol}, {@code side} ({@code bid} or {@code ask}), {@code price},
 *       {@code quantity}, optional {@code venue}: one price level per row; the rows of one symbol
 *       and time make one snapshot.
 * </ul>
 */
public final class SideInputCsv {

    private SideInputCsv() {}

    private static Reader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** The scored sentiment readings of {@code file}, ordered by time then symbol. */
    public static List<SentimentScore> readSentiment(Path file) throws IOException {
        try (Reader r = open(file)) {
            CsvTable csv = CsvTable.open(r, file.toString());
            String time = CandleCsv.timeColumn(csv);
            csv.require("symbol");
            csv.require("score");
            List<SentimentScore> out = new ArrayList<>();
            Map<String, Long> last = new HashMap<>();
            for (CsvTable.Row row = csv.next(); row != null; row = csv.next()) {
                String symbol = row.required("symbol");
                long t = time(row, time, symbol, last);
                String text = row.optional("text");
                String scoreText = row.optional("score");
                double score;
                if (scoreText == null && text != null) {
                    score = Double.NaN; // the job scores the text (bundled lexicon)
                } else {
                    score = row.getDouble("score");
                    if (!(score >= -1 && score <= 1)) {
                        throw row.error("score", "score " + score + " is outside [-1, 1]");
                    }
                }
                String source = row.optional("source");
                out.add(
                        new SentimentScore(
                                symbol, t, score, source == null ? "file" : source, text));
            }
            out.sort(
                    Comparator.comparingLong(SentimentScore::getEventTimeMs)
                            .thenComparing(SentimentScore::getSymbol));
            return out;
        }
    }

    /** The order-book snapshots of {@code file}, ordered by time then symbol. */
    public static List<OrderBookSnapshot> readOrderBooks(Path file) throws IOException {
        try (Reader r = open(file)) {
            CsvTable csv = CsvTable.open(r, file.toString());
            String time = CandleCsv.timeColumn(csv);
            for (String c : List.of("symbol", "side", "price", "quantity")) {
                csv.require(c);
            }
            List<OrderBookSnapshot> out = new ArrayList<>();
            Map<String, Long> last = new HashMap<>();
            // every row of one symbol and time goes to one snapshot, wherever it is in the file
            Map<String, OrderBookSnapshot> snapshots = new HashMap<>();
            for (CsvTable.Row row = csv.next(); row != null; row = csv.next()) {
                String symbol = row.required("symbol");
                long t = time(row, time, symbol, last);
                double price = row.getDouble("price");
                double quantity = row.getDouble("quantity");
                String venue = row.optional("venue");
                OrderBookSnapshot current =
                        snapshots.computeIfAbsent(
                                symbol + "@" + t,
                                k -> {
                                    OrderBookSnapshot snapshot =
                                            new OrderBookSnapshot(
                                                    venue == null ? "file" : venue,
                                                    symbol,
                                                    t,
                                                    new ArrayList<>(),
                                                    new ArrayList<>());
                                    out.add(snapshot);
                                    return snapshot;
                                });
                String side = row.required("side").toLowerCase(Locale.ROOT);
                PriceLevel level = new PriceLevel(price, quantity);
                switch (side) {
                    case "bid", "buy", "b" -> current.getBids().add(level);
                    case "ask", "sell", "a" -> current.getAsks().add(level);
                    default -> throw row.error("side", "expected bid or ask, got '" + side + "'");
                }
            }
            for (OrderBookSnapshot s : out) {
                s.getBids().sort(Comparator.comparingDouble(PriceLevel::getPrice).reversed());
                s.getAsks().sort(Comparator.comparingDouble(PriceLevel::getPrice));
            }
            out.sort(
                    Comparator.comparingLong(OrderBookSnapshot::getEventTimeMs)
                            .thenComparing(OrderBookSnapshot::getSymbol));
            return out;
        }
    }

    /** The row's time; a time before the symbol's previous row is an error. */
    private static long time(
            CsvTable.Row row, String column, String symbol, Map<String, Long> last) {
        long t =
                column.equals("open_time_ms")
                        ? row.getLong(column)
                        : CandleCsv.parseTime(row, column);
        Long previous = last.put(symbol, t);
        if (previous != null && t < previous) {
            throw row.error(
                    column,
                    "unsorted time "
                            + Instant.ofEpochMilli(t)
                            + " of "
                            + symbol
                            + ": before the previous row's "
                            + Instant.ofEpochMilli(previous));
        }
        return t;
    }
}
