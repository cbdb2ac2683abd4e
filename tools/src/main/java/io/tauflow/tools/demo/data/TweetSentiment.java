package io.tauflow.tools.demo.data;

import io.tauflow.schema.SentimentScore;
import io.tauflow.sentiment.LexiconScorer;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns labelled finance tweets (columns {@code text} and {@code cashtags}, as in the bundled
 * Twitter Financial News Sentiment extract) into {@link SentimentScore} records scored by a {@link
 * LexiconScorer}, so the demo has a real-text sentiment stream next to the recorded prices.
 *
 * <p><b>The timestamps are synthetic.</b> The source tweets are undated, so each one is placed
 * inside a time range chosen by the caller (typically the span of the candles being replayed): for
 * a symbol with {@code n} matching tweets, in file order, and range {@code [start, end]}, the i-th
 * tweet (i = 0 … n−1) gets {@code eventTimeMs = start + (i + 1) * (end - start) / (n + 1)} (integer
 * division), i.e. the tweets are spread evenly, strictly inside the range when it is longer than n
 * ms. Do not read anything into when a tweet appears relative to price moves.
 */
public final class TweetSentiment {

    /** {@code SentimentScore.source} of every record produced here. */
    public static final String SOURCE = "lexicon:afinn165-fin";

    private TweetSentiment() {}

    /**
     * Scores every tweet once and emits one record per (tweet, cashtag) for each of its cashtags
     * ({@code ;}-separated, compared exactly) that is a key of {@code timeRangeBySymbol}; the
     * record's text is the tweet text unchanged. Output is sorted by (eventTimeMs, symbol), ties in
     * file order. The reader is not closed.
     *
     * @param timeRangeBySymbol symbol to {@code {startMs, endMs}} with {@code startMs <= endMs}
     * @throws IllegalArgumentException for a malformed row or time range
     */
    public static List<SentimentScore> read(
            Reader tweetsCsv, LexiconScorer scorer, Map<String, long[]> timeRangeBySymbol) {
        Objects.requireNonNull(scorer, "scorer");
        for (Map.Entry<String, long[]> e : timeRangeBySymbol.entrySet()) {
            long[] range = e.getValue();
            if (range == null || range.length != 2 || range[0] > range[1]) {
                throw new IllegalArgumentException(
                        "time range for " + e.getKey() + " must be {startMs, endMs}, start <= end");
            }
        }

        CsvTable csv = CsvTable.open(tweetsCsv, "tweets CSV");
        csv.require("text");
        csv.require("cashtags");
        Map<String, List<Scored>> bySymbol = new LinkedHashMap<>();
        for (CsvTable.Row row = csv.next(); row != null; row = csv.next()) {
            Set<String> tags = new LinkedHashSet<>();
            for (String tag : row.get("cashtags").split(";")) {
                tag = tag.trim();
                if (timeRangeBySymbol.containsKey(tag)) {
                    tags.add(tag);
                }
            }
            if (tags.isEmpty()) {
                continue;
            }
            String text = row.get("text");
            Scored scored = new Scored(text, scorer.score(text));
            for (String tag : tags) {
                bySymbol.computeIfAbsent(tag, k -> new ArrayList<>()).add(scored);
            }
        }

        List<SentimentScore> out = new ArrayList<>();
        bySymbol.forEach(
                (symbol, tweets) -> {
                    long start = timeRangeBySymbol.get(symbol)[0];
                    long span = Math.subtractExact(timeRangeBySymbol.get(symbol)[1], start);
                    long n = tweets.size();
                    for (int i = 0; i < n; i++) {
                        long t = start + Math.multiplyExact(i + 1L, span) / (n + 1);
                        Scored s = tweets.get(i);
                        out.add(new SentimentScore(symbol, t, s.score, SOURCE, s.text));
                    }
                });
        out.sort(
                Comparator.comparingLong(SentimentScore::getEventTimeMs)
                        .thenComparing(SentimentScore::getSymbol));
        return out;
    }

    private record Scored(String text, double score) {}
}
