package io.tauflow.tools.backtest;

import io.tauflow.schema.Candle;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.SentimentScore;
import io.tauflow.tools.demo.data.CandleCsv;
import io.tauflow.tools.demo.data.SideInputCsv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The market data of a backtest or a training run, read and checked from CSV files: every bad row
 * fails with its file, line and column before anything starts.
 *
 * @param bars each symbol's candles in time order
 * @param candles all candles by open time, then symbol
 * @param sentiment the scored sentiment readings
 * @param books the order-book snapshots
 */
public record Market(
        Map<String, List<Candle>> bars,
        List<Candle> candles,
        List<SentimentScore> sentiment,
        List<OrderBookSnapshot> books) {

    /**
     * Reads candle files ({@code symbol} for files without a symbol column) and side inputs.
     *
     * @throws IllegalArgumentException naming the file on a bad row, overlapping files or no bars
     */
    public static Market read(
            List<Path> inputs, String symbol, List<Path> sentimentFiles, List<Path> bookFiles) {
        Map<String, List<Candle>> bars = new TreeMap<>();
        List<Candle> all = new ArrayList<>();
        for (Path p : inputs) {
            List<Candle> candles;
            try {
                candles = CandleCsv.readFile(p, "CSV", symbol, true);
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalArgumentException("cannot read " + p + ": " + e.getMessage(), e);
            }
            for (Candle c : candles) {
                List<Candle> series = bars.computeIfAbsent(c.getSymbol(), k -> new ArrayList<>());
                if (!series.isEmpty()
                        && series.get(series.size() - 1).getOpenTimeMs() >= c.getOpenTimeMs()) {
                    throw new IllegalArgumentException(
                            p
                                    + ": bars of "
                                    + c.getSymbol()
                                    + " overlap those of an earlier --input file");
                }
                series.add(c);
                all.add(c);
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no bars in " + inputs);
        }
        all.sort(Comparator.comparingLong(Candle::getOpenTimeMs).thenComparing(Candle::getSymbol));
        List<SentimentScore> sentiment = new ArrayList<>();
        List<OrderBookSnapshot> books = new ArrayList<>();
        try {
            for (Path p : sentimentFiles) {
                sentiment.addAll(SideInputCsv.readSentiment(p));
            }
            for (Path p : bookFiles) {
                books.addAll(SideInputCsv.readOrderBooks(p));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read: " + e.getMessage(), e);
        }

        return new Market(bars, all, sentiment, books);
    }

    /** The data as one run of the job takes it. */
    public JobRun.Data data() {
        return new JobRun.Data(candles, sentiment, books);
    }
}
