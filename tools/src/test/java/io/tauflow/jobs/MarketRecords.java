package io.tauflow.jobs;

import io.tauflow.schema.Candle;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.PriceLevel;
import io.tauflow.schema.SentimentScore;
import java.util.ArrayList;
import java.util.List;

/** Sentiment scores and order books for the job integration tests, made around real bars. */
final class MarketRecords {

    private MarketRecords() {}

    static SentimentScore score(String symbol, long t, double score) {
        return SentimentScore.newBuilder()
                .setSymbol(symbol)
                .setEventTimeMs(t)
                .setScore(score)
                .setSource("itcase")
                .setText(null)
                .build();
    }

    /** A score of the bar's symbol 15 s after it opens. */
    static SentimentScore scoreAt(Candle c, double score) {
        return score(c.getSymbol(), c.getOpenTimeMs() + 15_000, score);
    }

    static PriceLevel level(double price, double quantity) {
        return PriceLevel.newBuilder().setPrice(price).setQuantity(quantity).build();
    }

    static OrderBookSnapshot book(
            String symbol, long t, List<PriceLevel> bids, List<PriceLevel> asks) {
        return OrderBookSnapshot.newBuilder()
                .setVenue("TEST")
                .setSymbol(symbol)
                .setEventTimeMs(t)
                .setBids(new ArrayList<>(bids))
                .setAsks(new ArrayList<>(asks))
                .build();
    }

    /** A two-level book a cent either side of the bar's close, 20 s after it opens. */
    static OrderBookSnapshot bookAround(Candle c) {
        double p = c.getClose();
        return book(
                c.getSymbol(),
                c.getOpenTimeMs() + 20_000,
                List.of(level(p - 0.01, 5), level(p - 0.02, 7)),
                List.of(level(p + 0.01, 4), level(p + 0.02, 6)));
    }
}
