package io.tauflow.tools.demo.data;

import io.tauflow.schema.Candle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Reads OHLCV bars from a header-driven CSV file into {@link Candle} records, so recorded market
 * data (such as the bundled LEAN minute bars) can be replayed through the job.
 *
 * <p>Columns are found by name; order and extra columns do not matter:
 *
 * <ul>
 *   <li>{@code symbol} – required, unless a default symbol is given (then it is optional, and a
 *       blank value also falls back to the default);
 *   <li>the bar open time – {@code open_time_ms} (epoch milliseconds) if present, otherwise the
 *       first of {@code open_time_utc}, {@code open_time}, {@code time_utc}, {@code time}, {@code
 *       date} that exists, holding an ISO-8601 instant (e.g. {@code 2013-10-04T08:06:00Z}) or a
 *       plain {@code yyyy-MM-dd} date meaning midnight UTC;
 *   <li>{@code open, high, low, close, volume} – required numbers;
 *   <li>{@code trades} (integer) and {@code taker_buy_volume} (number) – optional; absent columns
 *       and blank values become {@code null}.
 * </ul>
 *
 * <p>The bar length ({@code intervalMs}) is not in the file: it is inferred per symbol as the most
 * frequent positive gap between consecutive open times (the smallest such gap on a tie), or {@value
 * #DEFAULT_INTERVAL_MS} ms if a symbol has no positive gap (e.g. a single row). Minute bars with
 * missing minutes therefore still come out as 60000.
 *
 * <p>Output is sorted by (openTimeMs, symbol); rows with equal keys keep file order. Any malformed
 * row fails the whole read with an {@link IllegalArgumentException} naming its line and column.
 */
public final class CandleCsv {

    /** Bar length used for a symbol whose interval cannot be inferred. */
    public static final long DEFAULT_INTERVAL_MS = 60_000L;

    private static final List<String> TIME_COLUMNS =
            List.of("open_time_utc", "open_time", "time_utc", "time", "date");

    private CandleCsv() {}

    /** Reads candles; the CSV must have a {@code symbol} column. */
    public static List<Candle> read(Reader r, String venue) {
        return read(r, venue, null, "candle CSV");
    }

    /** Reads candles; rows without a {@code symbol} column or value get {@code defaultSymbol}. */
    public static List<Candle> read(Reader r, String venue, String defaultSymbol) {
        Objects.requireNonNull(defaultSymbol, "defaultSymbol");
        return read(r, venue, defaultSymbol, "candle CSV");
    }

    /**
     * Reads candles from a classpath resource (gunzipped if the name ends with {@code .gz}); the
     * CSV must have a {@code symbol} column.
     */
    public static List<Candle> readResource(String classpathResource, String venue) {
        try (Reader r = DataResources.open(classpathResource)) {
            return read(r, venue, null, classpathResource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads candles from a file, gunzipped if its name ends with {@code .gz}; errors name the file.
     * Rows without a {@code symbol} column or value get {@code defaultSymbol}; if that is {@code
     * null} the CSV must have a {@code symbol} column.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException for a missing column or a malformed row
     */
    public static List<Candle> readFile(Path file, String venue, String defaultSymbol)
            throws IOException {
        return readFile(file, venue, defaultSymbol, false);
    }

    /**
     * As {@link #readFile(Path, String, String)}; with {@code strict}, also refuses, naming the
     * file, line and column, a bar whose high is below its low and a bar whose time is not after
     * the previous bar of its symbol in the file (unsorted or duplicate): what a backtest must not
     * guess about.
     */
    public static List<Candle> readFile(
            Path file, String venue, String defaultSymbol, boolean strict) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
        } catch (IOException e) {
            in.close();
            throw new IOException(file + ": not a gzip file (" + e.getMessage() + ")", e);
        }
        try (Reader r =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            return read(r, venue, defaultSymbol, file.toString(), strict);
        }
    }

    private static List<Candle> read(
            Reader r, String venue, String defaultSymbol, String sourceName) {
        return read(r, venue, defaultSymbol, sourceName, false);
    }

    private static List<Candle> read(
            Reader r, String venue, String defaultSymbol, String sourceName, boolean strict) {
        Objects.requireNonNull(venue, "venue");
        CsvTable csv = CsvTable.open(r, sourceName);
        if (defaultSymbol == null) {
            csv.require("symbol");
        }
        String timeColumn = timeColumn(csv);
        for (String c : List.of("open", "high", "low", "close", "volume")) {
            csv.require(c);
        }

        List<Candle> out = new ArrayList<>();
        Map<String, long[]> last = new HashMap<>(); // per symbol: time, line
        for (CsvTable.Row row = csv.next(); row != null; row = csv.next()) {
            String symbol = row.optional("symbol");
            if (symbol == null) {
                if (defaultSymbol == null) {
                    throw row.error("symbol", "empty value");
                }
                symbol = defaultSymbol;
            }
            long openTimeMs =
                    timeColumn.equals("open_time_ms")
                            ? row.getLong(timeColumn)
                            : parseTime(row, timeColumn);
            if (strict) {
                double high = row.getDouble("high");
                double low = row.getDouble("low");
                if (high < low) {
                    throw row.error("high", "high " + high + " is below low " + low);
                }
                long[] previous = last.get(symbol);
                if (previous != null && openTimeMs <= previous[0]) {
                    throw row.error(
                            timeColumn,
                            (openTimeMs == previous[0] ? "duplicate" : "unsorted")
                                    + " time "
                                    + Instant.ofEpochMilli(openTimeMs)
                                    + " of "
                                    + symbol
                                    + ": not after the bar at line "
                                    + previous[1]);
                }
                last.put(symbol, new long[] {openTimeMs, row.line()});
            }
            out.add(
                    new Candle(
                            venue,
                            symbol,
                            openTimeMs,
                            0L,
                            row.getDouble("open"),
                            row.getDouble("high"),
                            row.getDouble("low"),
                            row.getDouble("close"),
                            row.getDouble("volume"),
                            row.optionalLong("trades"),
                            row.optionalDouble("taker_buy_volume")));
        }

        Map<String, Long> intervals = inferIntervals(out);
        for (Candle c : out) {
            c.setIntervalMs(intervals.get(c.getSymbol()));
        }
        out.sort(Comparator.comparingLong(Candle::getOpenTimeMs).thenComparing(Candle::getSymbol));
        return out;
    }

    static String timeColumn(CsvTable csv) {
        if (csv.has("open_time_ms")) {
            return "open_time_ms";
        }
        for (String c : TIME_COLUMNS) {
            if (csv.has(c)) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                csv.source()
                        + ": no time column; need one of open_time_ms, "
                        + String.join(", ", TIME_COLUMNS)
                        + " (header: "
                        + csv.columns()
                        + ")");
    }

    static long parseTime(CsvTable.Row row, String column) {
        String v = row.required(column);
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw row.error(column, "not an ISO-8601 instant or yyyy-MM-dd date: '" + v + "'", e);
        }
    }

    /** Most frequent positive gap between consecutive open times, per symbol. */
    private static Map<String, Long> inferIntervals(List<Candle> candles) {
        Map<String, List<Long>> times = new HashMap<>();
        for (Candle c : candles) {
            times.computeIfAbsent(c.getSymbol(), k -> new ArrayList<>()).add(c.getOpenTimeMs());
        }
        Map<String, Long> result = new HashMap<>();
        times.forEach(
                (symbol, ts) -> {
                    ts.sort(null);
                    Map<Long, Integer> gapCounts = new HashMap<>();
                    for (int i = 1; i < ts.size(); i++) {
                        long gap = ts.get(i) - ts.get(i - 1);
                        if (gap > 0) {
                            gapCounts.merge(gap, 1, Integer::sum);
                        }
                    }
                    long best = DEFAULT_INTERVAL_MS;
                    int bestCount = 0;
                    for (Map.Entry<Long, Integer> e : gapCounts.entrySet()) {
                        int n = e.getValue();
                        if (n > bestCount || (n == bestCount && e.getKey() < best)) {
                            best = e.getKey();
                            bestCount = n;
                        }
                    }
                    result.put(symbol, best);
                });
        return result;
    }
}
