package io.tauflow.features;

import io.tauflow.regime.RegimeClassifier;
import io.tauflow.regime.RegimeConfig;
import io.tauflow.schema.Candle;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.PriceLevel;
import io.tauflow.schema.Regime;
import io.tauflow.schema.SentimentScore;

/**
 * Incremental indicators: each update is O(1) work (amortised, for the rolling windows) on a {@link
 * FeatureState} of constant size. docs/FEATURES.md has every formula; in short, where libraries
 * differ, Tauflow uses the textbook (Wilder / TA-Lib) definitions:
 *
 * <ul>
 *   <li>Momentum over three horizons: log(close / close n bars ago); 0 until n bars back exist.
 *   <li>Volatility: EWMA of squared one-bar log returns, {@code var = lambda*var + (1-lambda)*r^2},
 *       seeded with the first squared return; reported as its square root. The volatility ratio is
 *       that over the square root of a slower EWMA ({@code slowVolLambda}).
 *   <li>Wilder's smoothing ({@code alpha = 1/n}) for RSI, ATR, +DM, -DM, the ADX's true range and
 *       the ADX; EMAs ({@code alpha = 2/(n+1)}) for MACD. Every such average is seeded with the
 *       <em>simple mean of its first n inputs</em> (see {@link SmoothedAverage}), not with its
 *       first input as ta4j does; the two agree once the seed has decayed.
 *   <li>True range needs the previous close, so TR, +DM and -DM (and RSI's gains and losses) start
 *       at the second bar: ATR and RSI are seeded at bar index n, the DIs at index n of the ADX
 *       period, the ADX (Wilder's mean of the first n DX) at index 2n-1.
 *   <li>RSI = 100 - 100/(1+avgGain/avgLoss); 100 with no losses, 50 when nothing moved (ta4j: 0)
 *       and 50 before it is seeded.
 *   <li>+DI = 100 * avg(+DM) / avg(TR), -DI likewise (0 when the average TR is 0); DX = 100 * |+DI
 *       - -DI| / (+DI + -DI) (0 when both are 0).
 *   <li>MACD: EMA(fast) - EMA(slow) of closes, each EMA seeded with the SMA of its first n closes;
 *       the signal is the EMA of the MACD line from the bar the slow EMA is seeded on, seeded the
 *       same way; histogram = MACD - signal.
 *   <li>Bollinger: middle = SMA(n), sd = <em>population</em> standard deviation of the same n
 *       closes (as ta4j and Bollinger himself; some tools use the sample one), bands at middle +/-
 *       k*sd; %b = (close - lower) / (upper - lower), 0.5 when the bands have no width; bandwidth =
 *       (upper - lower) / middle as a fraction (ta4j reports percent).
 *   <li>Trend MA: SMA of closes. Volume z-score: (volume - mean) / population sd over the window,
 *       this bar included; 0 when the sd is 0. A standard deviation below {@value #NOISE} of the
 *       mean's magnitude is rounding noise and counts as 0.
 *   <li>VPIN: sum |buy - sell| / sum volume over the last {@code vpinBars} bars. A bar's buy volume
 *       is, in order of preference: its taker-buy volume (clamped to [0, volume]); else volume * (1
 *       + imbalance)/2 from the latest order book, if one was seen; else bulk-volume
 *       classification, volume * Phi(r / sigma) with r the bar's log return and sigma the EWMA
 *       volatility before this bar (Phi(0) = 0.5 when sigma is 0).
 *   <li>Sentiment: the last score, halved every half-life since it was published.
 *   <li>Order book: imbalance (bid qty - ask qty)/(bid qty + ask qty) over the levels given, depth
 *       = bid qty + ask qty, and spread in basis points of the mid.
 *   <li>Regime: {@link RegimeClassifier} on each warm bar, from the previous bar's regime; before
 *       warm-up the regime stays RANGE_BOUND.
 * </ul>
 *
 * <p>Before an indicator is seeded, its value is the running average of what it has seen (0 with
 * nothing), which is not meaningful: check {@link FeatureVector#warm}, true from the bar with index
 * {@link FeatureConfig#warmUpBars()} on, once every indicator above is seeded and every window
 * full.
 */
public final class FeatureCalculator {

    /** Relative size below which a standard deviation is rounding noise. */
    static final double NOISE = 1e-10;

    /** Relative difference below which an up move and a down move are equal (a tie). */
    static final double TIE = 1e-12;

    private final FeatureConfig config;
    private final RegimeClassifier regimes;

    /** Indicators with the default regime thresholds. */
    public FeatureCalculator(FeatureConfig config) {
        this(config, RegimeConfig.defaults());
    }

    public FeatureCalculator(FeatureConfig config, RegimeConfig regime) {
        this.config = config;
        this.regimes = new RegimeClassifier(regime);
    }

    public FeatureConfig config() {
        return config;
    }

    public RegimeConfig regimeConfig() {
        return regimes.config();
    }

    /** Updates the state with a closed bar and returns the features at its close. */
    public FeatureVector onCandle(FeatureState s, Candle c) {
        if (!sized(s)) {
            start(s);
        }
        double close = c.getClose();
        double high = c.getHigh();
        double low = c.getLow();
        double volume = c.getVolume();
        boolean hasPrevious = s.bars > 0;
        double r = hasPrevious ? Math.log(close / s.prevClose) : 0.0;
        double sigmaBefore = Math.sqrt(s.ewmaVar);
        if (s.bars == 1) {
            s.ewmaVar = r * r;
            s.slowVar = r * r;
        } else if (s.bars > 1) {
            s.ewmaVar = config.volLambda() * s.ewmaVar + (1 - config.volLambda()) * r * r;
            s.slowVar = config.slowVolLambda() * s.slowVar + (1 - config.slowVolLambda()) * r * r;
        }
        if (hasPrevious) {
            updateChanges(s, high, low, close);
        }
        s.emaFast.add(close, config.macdFast(), SmoothedAverage.ema(config.macdFast()));
        s.emaSlow.add(close, config.macdSlow(), SmoothedAverage.ema(config.macdSlow()));
        double macd = s.emaFast.value - s.emaSlow.value;
        if (s.emaSlow.seeded(config.macdSlow())) {
            s.macdSignal.add(macd, config.macdSignal(), SmoothedAverage.ema(config.macdSignal()));
        }
        s.bollinger.add(close);
        s.trend.add(close);
        s.volume.add(volume);
        double buy = buyVolume(s, c, r, sigmaBefore);
        s.flowImbalance.add(Math.abs(2 * buy - volume));
        s.flowVolume.add(volume);

        s.head = (s.head + 1) % s.closes.length;
        s.closes[s.head] = close;
        s.bars++;
        s.prevClose = close;
        s.prevHigh = high;
        s.prevLow = low;

        FeatureVector v = new FeatureVector();
        v.symbol = c.getSymbol();
        v.eventTimeMs = c.getOpenTimeMs();
        v.intervalMs = c.getIntervalMs();
        v.high = high;
        v.low = low;
        v.close = close;
        v.volume = volume;
        v.logReturn = r;
        v.hasPrevious = hasPrevious;
        v.momentumShort = momentum(s, config.shortBars());
        v.momentumMid = momentum(s, config.midBars());
        v.momentumLong = momentum(s, config.longBars());
        v.volatility = Math.sqrt(s.ewmaVar);
        v.volatilityRatio = s.slowVar > 0 ? Math.sqrt(s.ewmaVar / s.slowVar) : 1.0;
        v.rsi = rsi(s);
        v.atr = s.atr.value;
        double tr = s.adxTrueRange.value;
        v.plusDi = tr > 0 ? 100 * s.plusDm.value / tr : 0.0;
        v.minusDi = tr > 0 ? 100 * s.minusDm.value / tr : 0.0;
        v.adx = s.adx.value;
        v.macd = macd;
        boolean signalSeen = s.macdSignal.count > 0;
        v.macdSignal = signalSeen ? s.macdSignal.value : 0.0;
        v.macdHistogram = signalSeen ? macd - s.macdSignal.value : 0.0;
        double middle = s.bollinger.mean();
        double width = 2 * config.bollingerK() * stdDev(s.bollinger);
        v.bollingerPercentB = width > 0 ? (close - (middle - width / 2)) / width : 0.5;
        v.bollingerBandwidth = middle != 0 ? width / middle : 0.0;
        v.trendMa = s.trend.mean();
        double volumeSd = stdDev(s.volume);
        v.volumeZ = volumeSd > 0 ? (volume - s.volume.mean()) / volumeSd : 0.0;
        double flow = s.flowVolume.mean();
        v.vpin = flow > 0 ? s.flowImbalance.mean() / flow : 0.0;
        v.sentiment = decayedSentiment(s, c.getOpenTimeMs());
        boolean book = s.bookTimeMs != Long.MIN_VALUE;
        v.bookImbalance = book ? s.bookImbalance : 0.0;
        v.bookSpreadBps = book ? s.bookSpreadBps : 0.0;
        v.bookDepth = book ? s.bookDepth : 0.0;
        v.warm = warm(s);
        if (v.warm) {
            s.regime =
                    regimes.classify(
                            s.regime, v.adx, close, v.trendMa, v.volatilityRatio, width, v.atr);
        }
        v.regime = s.regime;
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
        s.bookDepth = bidQty + askQty;
        if (!book.getBids().isEmpty() && !book.getAsks().isEmpty()) {
            double bid = book.getBids().get(0).getPrice();
            double ask = book.getAsks().get(0).getPrice();
            s.bookSpreadBps = (ask - bid) / ((ask + bid) / 2) * 10_000;
        } else {
            s.bookSpreadBps = 0.0;
        }
        s.bookTimeMs = book.getEventTimeMs();
    }

    /** RSI, ATR and the directional movement: everything that needs the previous bar. */
    private void updateChanges(FeatureState s, double high, double low, double close) {
        double change = close - s.prevClose;
        int n = config.rsiPeriod();
        s.rsiGain.add(Math.max(change, 0), n, SmoothedAverage.wilder(n));
        s.rsiLoss.add(Math.max(-change, 0), n, SmoothedAverage.wilder(n));

        double tr =
                Math.max(
                        high - low,
                        Math.max(Math.abs(high - s.prevClose), Math.abs(low - s.prevClose)));
        s.atr.add(tr, config.atrPeriod(), SmoothedAverage.wilder(config.atrPeriod()));

        int a = config.adxPeriod();
        double alpha = SmoothedAverage.wilder(a);
        double up = high - s.prevHigh;
        double down = s.prevLow - low;
        // Prices sit on a decimal tick grid: an up move equal to the down move in decimal can
        // differ in the last binary digit, so moves this close count as a tie (no DM either way).
        double tie = TIE * Math.max(Math.abs(high), Math.abs(s.prevLow));
        s.adxTrueRange.add(tr, a, alpha);
        s.plusDm.add(up - down > tie && up > 0 ? up : 0.0, a, alpha);
        s.minusDm.add(down - up > tie && down > 0 ? down : 0.0, a, alpha);
        if (s.adxTrueRange.seeded(a)) {
            double avgTr = s.adxTrueRange.value;
            double plusDi = avgTr > 0 ? 100 * s.plusDm.value / avgTr : 0.0;
            double minusDi = avgTr > 0 ? 100 * s.minusDm.value / avgTr : 0.0;
            double sum = plusDi + minusDi;
            double dx = sum > 0 ? 100 * Math.abs(plusDi - minusDi) / sum : 0.0;
            s.adx.add(dx, a, alpha);
        }
    }

    /** Buy volume of the bar by taker volume, else the book, else bulk-volume classification. */
    private static double buyVolume(FeatureState s, Candle c, double r, double sigmaBefore) {
        double volume = c.getVolume();
        Double takerBuy = c.getTakerBuyVolume();
        if (takerBuy != null) {
            return Math.min(Math.max(takerBuy, 0.0), volume);
        }
        if (s.bookTimeMs != Long.MIN_VALUE) {
            return volume * (1 + s.bookImbalance) / 2;
        }
        return volume * (sigmaBefore > 0 ? normalCdf(r / sigmaBefore) : 0.5);
    }

    private boolean warm(FeatureState s) {
        return s.bars > config.longBars()
                && s.rsiGain.seeded(config.rsiPeriod())
                && s.atr.seeded(config.atrPeriod())
                && s.adx.seeded(config.adxPeriod())
                && s.macdSignal.seeded(config.macdSignal())
                && s.bollinger.full()
                && s.trend.full()
                && s.volume.full()
                && s.flowVolume.full();
    }

    private boolean sized(FeatureState s) {
        return s.closes != null
                && s.closes.length == config.longBars() + 1
                && s.bollinger.values != null
                && s.bollinger.values.length == config.bollingerPeriod()
                && s.trend.values != null
                && s.trend.values.length == config.trendMaPeriod()
                && s.volume.values != null
                && s.volume.values.length == config.volumePeriod()
                && s.flowVolume.values != null
                && s.flowVolume.values.length == config.vpinBars()
                && s.flowImbalance.values != null
                && s.flowImbalance.values.length == config.vpinBars();
    }

    /**
     * Allocates the rings for this configuration and clears every bar-derived value: a state
     * written under other periods starts over (sentiment and book readings are kept).
     */
    private void start(FeatureState s) {
        s.closes = new double[config.longBars() + 1];
        s.head = 0;
        s.bars = 0;
        s.prevClose = 0;
        s.prevHigh = 0;
        s.prevLow = 0;
        s.ewmaVar = 0;
        s.slowVar = 0;
        for (SmoothedAverage a :
                new SmoothedAverage[] {
                    s.rsiGain,
                    s.rsiLoss,
                    s.atr,
                    s.adxTrueRange,
                    s.plusDm,
                    s.minusDm,
                    s.adx,
                    s.emaFast,
                    s.emaSlow,
                    s.macdSignal
                }) {
            a.reset();
        }
        s.bollinger.values = null;
        s.trend.values = null;
        s.volume.values = null;
        s.flowImbalance.values = null;
        s.flowVolume.values = null;
        s.bollinger.resize(config.bollingerPeriod());
        s.trend.resize(config.trendMaPeriod());
        s.volume.resize(config.volumePeriod());
        s.flowImbalance.resize(config.vpinBars());
        s.flowVolume.resize(config.vpinBars());
        s.regime = Regime.RANGE_BOUND;
    }

    /** Population standard deviation of the window, 0 if it is rounding noise. */
    private static double stdDev(RollingWindow w) {
        double sd = w.stdDev();
        return sd > NOISE * Math.abs(w.mean()) ? sd : 0.0;
    }

    private double momentum(FeatureState s, int horizon) {
        if (s.bars <= horizon) {
            return 0.0;
        }
        int ring = s.closes.length;
        double past = s.closes[(s.head - horizon + ring) % ring];
        return Math.log(s.closes[s.head] / past);
    }

    private double rsi(FeatureState s) {
        if (!s.rsiGain.seeded(config.rsiPeriod())) {
            return 50.0;
        }
        double gain = s.rsiGain.value;
        double loss = s.rsiLoss.value;
        if (loss == 0) {
            return gain == 0 ? 50.0 : 100.0;
        }
        return 100.0 - 100.0 / (1.0 + gain / loss);
    }

    private double decayedSentiment(FeatureState s, long at) {
        if (s.sentimentTimeMs == Long.MIN_VALUE) {
            return 0.0;
        }
        long age = Math.max(0, at - s.sentimentTimeMs);
        return s.sentiment * Math.pow(0.5, (double) age / config.sentimentHalfLifeMs());
    }

    /**
     * The standard normal distribution function, from Abramowitz and Stegun's approximation 7.1.26
     * of erf (absolute error below 1.5e-7): enough to split a bar's volume into buys and sells.
     */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double poly =
                t
                        * (0.254829592
                                + t
                                        * (-0.284496736
                                                + t
                                                        * (1.421413741
                                                                + t
                                                                        * (-1.453152027
                                                                                + t
                                                                                        * 1.061405429))));
        double erf = 1 - poly * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
