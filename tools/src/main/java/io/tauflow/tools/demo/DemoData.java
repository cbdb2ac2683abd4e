package io.tauflow.tools.demo;

import io.tauflow.schema.Candle;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.SentimentScore;
import io.tauflow.sentiment.LexiconScorer;
import io.tauflow.tools.demo.data.CandleCsv;
import io.tauflow.tools.demo.data.DataResources;
import io.tauflow.tools.demo.data.OrderBookReplay;
import io.tauflow.tools.demo.data.TweetSentiment;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real market data bundled with Tauflow (see NOTICE): LEAN 1-minute bars of SPY, IBM, BAC and
 * AIG (2013-10-04 to 10-11), financial tweets about those tickers scored with the AFINN financial
 * lexicon, and Coinbase level-2 order books (other instruments; no permissively licensed book
 * exists for the same symbols).
 */
public record DemoData(
        List<Candle> candles, List<SentimentScore> sentiment, List<OrderBookSnapshot> books) {

    public static DemoData load() {
        List<Candle> candles = CandleCsv.readResource(DataResources.LEAN_US_EQUITY_1M, "LEAN");
        Map<String, long[]> ranges = new HashMap<>();
        for (Candle c : candles) {
            long[] r =
                    ranges.computeIfAbsent(
                            c.getSymbol(), s -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            r[0] = Math.min(r[0], c.getOpenTimeMs());
            r[1] = Math.max(r[1], c.getOpenTimeMs());
        }
        try (Reader lexicon = DataResources.open(DataResources.AFINN165_FINANCIAL_LEXICON);
                Reader tweets = DataResources.open(DataResources.TWEETS_LEAN_SYMBOLS)) {
            LexiconScorer scorer = LexiconScorer.load(lexicon);
            return new DemoData(
                    candles,
                    TweetSentiment.read(tweets, scorer, ranges),
                    OrderBookReplay.readResources(
                            DataResources.COINBASE_L2_SNAPSHOTS,
                            DataResources.COINBASE_L2_UPDATES,
                            10,
                            1_000L));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
