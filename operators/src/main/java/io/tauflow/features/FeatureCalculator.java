package io.tauflow.features;

import io.tauflow.schema.Candle;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.PriceLevel;
import io.tauflow.schema.SentimentScore;

/**
 * Incremental indicators: each update is O(1) work on a {@link FeatureState} of constant size.
 *
 * <ul>
 *   <li>Momentum over three horizons: log(close / close n bars ago).
 *   <li>Volatility: EWMA of squared one-bar log returns, {@code var = lambda*var + (1-lambda)*r^2},
 *       seeded with the first squared return; reported as its square root.
 *   <li>RSI: Wilder's smoothing. The first average is the simple mean of the first {@code period}
 *       gains/losses, then {@code avg = (avg*(period-1) + x) / period}. RSI = 100 - 100/(1+RS); 100
 *       when there were no losses, 50 when nothing moved.
 *   <li>Sentiment: the last score, halved every half-life since it was published.
 *   <li>Order book: imbalance (bid qty - ask qty)/(bid qty + ask qty) over the levels given, and
 *       spread in basis points of the mid.
 * </ul>
 */
public final class FeatureCalculator {

    private final FeatureConfig config;

    public FeatureCalculator(FeatureConfig config) {
        this.config = config;
    }

    public FeatureConfig config() {
        return config;
    }

    /** Updates the state with a closed bar and returns the features at its close. */
    public FeatureVector onCandle(FeatureState s, Candle c) {
        int ring = config.longBars() + 1;
        if (s.closes == null || s.closes.length != ring) {
            s.closes = new double[ring];
            s.head = 0;
            s.bars = 0;
        }
        double close = c.getClose();
        double r = s.bars == 0 ? 0.0 : Math.log(close / s.prevClose);
        if (s.bars == 1) {
            s.ewmaVar = r * r;
            s.slowVar = r * r;
        } else if (s.bars > 1) {
            s.ewmaVar = config.volLambda() * s.ewmaVar + (1 - config.volLambda()) * r * r;
            s.slowVar = config.slowVolLambda() * s.slowVar + (1 - config.slowVolLambda()) * r * r;
        }
        if (s.bars > 0) {
            updateRsi(s, close - s.prevClose);
        }
        s.head = (s.head + 1) % ring;
        s.closes[s.head] = close;
        s.bars++;
        s.prevClose = close;

        FeatureVector v = new FeatureVector();
        v.symbol = c.getSymbol();
        v.eventTimeMs = c.getOpenTimeMs();
        v.intervalMs = c.getIntervalMs();
        v.close = close;
        v.logReturn = r;
        v.momentumShort = momentum(s, config.shortBars());
        v.momentumMid = momentum(s, config.midBars());
        v.momentumLong = momentum(s, config.longBars());
        v.volatility = Math.sqrt(s.ewmaVar);
        v.volatilityRatio = s.slowVar > 0 ? Math.sqrt(s.ewmaVar / s.slowVar) : 1.0;
        v.rsi = rsi(s);
        v.sentiment = decayedSentiment(s, c.getOpenTimeMs());
        v.bookImbalance = s.bookTimeMs == Long.MIN_VALUE ? 0.0 : s.bookImbalance;
        v.bookSpreadBps = s.bookTimeMs == Long.MIN_VALUE ? 0.0 : s.bookSpreadBps;
        v.warm = s.bars > config.longBars() && s.rsiChanges >= config.rsiPeriod();
        return v;
    }

    public void onSentiment(FeatureState s, SentimentScore score) {
        if (score.getEventTimeMs() >= s.sentimentTimeMs) {
            s.sentiment = score.getScore();
            s.sentimentTimeMs = score.getEventTimeMs();
        }
    }

    public void onBook(FeatureState s, OrderBookSnapshot book) {
        double bidQty = 0;
        double askQty = 0;
        for (PriceLevel l : book.getBids()) {
            bidQty += l.getQuantity();
        }
        for (PriceLevel l : book.getAsks()) {
            askQty += l.getQuantity();
        }
        s.bookImbalance = bidQty + askQty > 0 ? (bidQty - askQty) / (bidQty + askQty) : 0.0;
        if (!book.getBids().isEmpty() && !book.getAsks().isEmpty()) {
            double bid = book.getBids().get(0).getPrice();
            double ask = book.getAsks().get(0).getPrice();
            s.bookSpreadBps = (ask - bid) / ((ask + bid) / 2) * 10_000;
        } else {
            s.bookSpreadBps = 0.0;
        }
        s.bookTimeMs = book.getEventTimeMs();
    }

    private double momentum(FeatureState s, int horizon) {
        if (s.bars <= horizon) {
            return 0.0;
        }
        int ring = s.closes.length;
        double past = s.closes[(s.head - horizon + ring) % ring];
        return Math.log(s.closes[s.head] / past);
    }

    private void updateRsi(FeatureState s, double change) {
        double gain = Math.max(change, 0);
        double loss = Math.max(-change, 0);
        int n = config.rsiPeriod();
        if (s.rsiChanges < n) {
            s.rsiAvgGain += gain / n;
            s.rsiAvgLoss += loss / n;
        } else {
            s.rsiAvgGain = (s.rsiAvgGain * (n - 1) + gain) / n;
            s.rsiAvgLoss = (s.rsiAvgLoss * (n - 1) + loss) / n;
        }
        s.rsiChanges++;
    }

    private double rsi(FeatureState s) {
        if (s.rsiChanges < config.rsiPeriod()) {
            return 50.0;
        }
        if (s.rsiAvgLoss == 0) {
            return s.rsiAvgGain == 0 ? 50.0 : 100.0;
        }
        return 100.0 - 100.0 / (1.0 + s.rsiAvgGain / s.rsiAvgLoss);
    }

    private double decayedSentiment(FeatureState s, long at) {
        if (s.sentimentTimeMs == Long.MIN_VALUE) {
            return 0.0;
        }
        long age = Math.max(0, at - s.sentimentTimeMs);
        return s.sentiment * Math.pow(0.5, (double) age / config.sentimentHalfLifeMs());
    }
}
