package io.tauflow.features;

import io.tauflow.features.FeatureState.Average;
import io.tauflow.features.FeatureState.Window;
import io.tauflow.regime.RegimeClassifier;
import io.tauflow.regime.RegimeConfig;
import io.tauflow.schema.Candle;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.PriceLevel;
import io.tauflow.schema.Regime;
import io.tauflow.schema.SentimentScore;
import java.util.Arrays;

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

    /** The periods a state's arrays are laid out for, as {@link FeatureState#periods} records. */
    private final int[] periods;

    private final SmoothedAverage rsiGain;
    private final SmoothedAverage rsiLoss;
    private final SmoothedAverage atr;
    private final SmoothedAverage adxTrueRange;
    private final SmoothedAverage plusDm;
    private final SmoothedAverage minusDm;
    private final SmoothedAverage adx;
    private final SmoothedAverage emaFast;
    private final SmoothedAverage emaSlow;
    private final SmoothedAverage macdSignal;

    /** Over the closes ring. */
    private final RollingWindow bollinger;

    private final RollingWindow trend;

    /** Over the volumes ring. */
    private final RollingWindow volumeWindow;

    private final RollingWindow flowVolume;

    /** Over the flow-imbalance ring. */
    private final RollingWindow flowImbalance;

    /** Indicators with the default regime thresholds. */
    public FeatureCalculator(FeatureConfig config) {
        this(config, RegimeConfig.defaults());
    }

    public FeatureCalculator(FeatureConfig config, RegimeConfig regime) {
        this.config = config;
        this.regimes = new RegimeClassifier(regime);
        this.periods =
                new int[] {
                    config.longBars(),
                    config.bollingerPeriod(),
                    config.trendMaPeriod(),
                    config.volumePeriod(),
                    config.vpinBars()
                };
        rsiGain = SmoothedAverage.wilder(Average.RSI_GAIN, config.rsiPeriod());
        rsiLoss = SmoothedAverage.wilder(Average.RSI_LOSS, config.rsiPeriod());
        atr = SmoothedAverage.wilder(Average.ATR, config.atrPeriod());
        adxTrueRange = SmoothedAverage.wilder(Average.ADX_TRUE_RANGE, config.adxPeriod());
        plusDm = SmoothedAverage.wilder(Average.PLUS_DM, config.adxPeriod());
        minusDm = SmoothedAverage.wilder(Average.MINUS_DM, config.adxPeriod());
        adx = SmoothedAverage.wilder(Average.ADX, config.adxPeriod());
        emaFast = SmoothedAverage.ema(Average.EMA_FAST, config.macdFast());
        emaSlow = SmoothedAverage.ema(Average.EMA_SLOW, config.macdSlow());
        macdSignal = SmoothedAverage.ema(Average.MACD_SIGNAL, config.macdSignal());
        bollinger = new RollingWindow(config.bollingerPeriod(), Window.BOLLINGER);
        trend = new RollingWindow(config.trendMaPeriod(), Window.TREND);
        volumeWindow = new RollingWindow(config.volumePeriod(), Window.VOLUME);
        flowVolume = new RollingWindow(config.vpinBars(), Window.FLOW_VOLUME);
        flowImbalance = new RollingWindow(config.vpinBars(), Window.FLOW_IMBALANCE);
    }

    public FeatureConfig config() {
        return config;
    }

    public RegimeConfig regimeConfig() {
        return regimes.config();
    }

    /** Updates the state with a closed bar and returns the features at its close. */
    public FeatureVector onCandle(FeatureState s, Candle c) {
        if (!Arrays.equals(s.periods, periods)) {
            start(s);
        }
        double close = c.getClose();
        double high = c.getHigh();
        double low = c.getLow();
        double volume = c.getVolume();
        long bar = s.bars;
        boolean hasPrevious = bar > 0;
        double r = hasPrevious ? Math.log(close / s.prevClose()) : 0.0;
        double sigmaBefore = Math.sqrt(s.ewmaVar());
        if (bar == 1) {
            s.setEwmaVar(r * r);
            s.setSlowVar(r * r);
        } else if (bar > 1) {
            double lambda = config.volLambda();
            double slowLambda = config.slowVolLambda();
            s.setEwmaVar(lambda * s.ewmaVar() + (1 - lambda) * r * r);
            s.setSlowVar(slowLambda * s.slowVar() + (1 - slowLambda) * r * r);
        }
        if (hasPrevious) {
            updateChanges(s, high, low, close);
        }
        double macd = emaFast.add(s, close) - emaSlow.add(s, close);
        if (emaSlow.seeded(s)) {
            macdSignal.add(s, macd);
        }
        double buy = buyVolume(s, c, r, sigmaBefore);
        double imbalance = Math.abs(2 * buy - volume);
        // the windows read the value they drop from the rings, so they go first
        int closeAt = RollingWindow.position(bar, s.closes.length);
        int volumeAt = RollingWindow.position(bar, s.volumes.length);
        int imbalanceAt = RollingWindow.position(bar, s.flowImbalances.length);
        bollinger.add(s, s.closes, bar, closeAt, close);
        trend.add(s, s.closes, bar, closeAt, close);
        volumeWindow.add(s, s.volumes, bar, volumeAt, volume);
        flowVolume.add(s, s.volumes, bar, volumeAt, volume);
        flowImbalance.add(s, s.flowImbalances, bar, imbalanceAt, imbalance);
        s.closes[closeAt] = close;
        s.volumes[volumeAt] = volume;
        s.flowImbalances[imbalanceAt] = imbalance;
        long bars = ++s.bars;
        s.setPrevClose(close);
        s.setPrevHigh(high);
        s.setPrevLow(low);

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
        v.momentumShort = momentum(s, closeAt, config.shortBars());
        v.momentumMid = momentum(s, closeAt, config.midBars());
        v.momentumLong = momentum(s, closeAt, config.longBars());
        double ewmaVar = s.ewmaVar();
        double slowVar = s.slowVar();
        v.volatility = Math.sqrt(ewmaVar);
        v.volatilityRatio = slowVar > 0 ? Math.sqrt(ewmaVar / slowVar) : 1.0;
        v.rsi = rsi(s);
        v.atr = atr.value(s);
        double tr = adxTrueRange.value(s);
        v.plusDi = tr > 0 ? 100 * plusDm.value(s) / tr : 0.0;
        v.minusDi = tr > 0 ? 100 * minusDm.value(s) / tr : 0.0;
        v.adx = adx.value(s);
        v.macd = macd;
        boolean signalSeen = macdSignal.count(s) > 0;
        v.macdSignal = signalSeen ? macdSignal.value(s) : 0.0;
        v.macdHistogram = signalSeen ? macd - macdSignal.value(s) : 0.0;
        double middle = bollinger.mean(s, bars);
        double width = 2 * config.bollingerK() * stdDev(bollinger, s, bars);
        v.bollingerPercentB = width > 0 ? (close - (middle - width / 2)) / width : 0.5;
        v.bollingerBandwidth = middle != 0 ? width / middle : 0.0;
        v.trendMa = trend.mean(s, bars);
        double volumeSd = stdDev(volumeWindow, s, bars);
        v.volumeZ = volumeSd > 0 ? (volume - volumeWindow.mean(s, bars)) / volumeSd : 0.0;
        double flow = flowVolume.mean(s, bars);
        v.vpin = flow > 0 ? flowImbalance.mean(s, bars) / flow : 0.0;
        v.sentiment = decayedSentiment(s, c.getOpenTimeMs());
        boolean book = s.bookTimeMs != Long.MIN_VALUE;
        v.bookImbalance = book ? s.bookImbalance() : 0.0;
        v.bookSpreadBps = book ? s.bookSpreadBps() : 0.0;
        v.bookDepth = book ? s.bookDepth() : 0.0;
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
            s.ensureValues();
            s.setSentiment(score.getScore());
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
        s.ensureValues();
        s.setBookImbalance(bidQty + askQty > 0 ? (bidQty - askQty) / (bidQty + askQty) : 0.0);
        s.setBookDepth(bidQty + askQty);
        if (!book.getBids().isEmpty() && !book.getAsks().isEmpty()) {
            double bid = book.getBids().get(0).getPrice();
            double ask = book.getAsks().get(0).getPrice();
            s.setBookSpreadBps((ask - bid) / ((ask + bid) / 2) * 10_000);
        } else {
            s.setBookSpreadBps(0.0);
        }
        s.bookTimeMs = book.getEventTimeMs();
    }

    /** RSI, ATR and the directional movement: everything that needs the previous bar. */
    private void updateChanges(FeatureState s, double high, double low, double close) {
        double prevClose = s.prevClose();
        double prevHigh = s.prevHigh();
        double prevLow = s.prevLow();
        double change = close - prevClose;
        rsiGain.add(s, Math.max(change, 0));
        rsiLoss.add(s, Math.max(-change, 0));

        double tr =
                Math.max(
                        high - low,
                        Math.max(Math.abs(high - prevClose), Math.abs(low - prevClose)));
        atr.add(s, tr);

        double up = high - prevHigh;
        double down = prevLow - low;
        // Prices sit on a decimal tick grid: an up move equal to the down move in decimal can
        // differ in the last binary digit, so moves this close count as a tie (no DM either way).
        double tie = TIE * Math.max(Math.abs(high), Math.abs(prevLow));
        adxTrueRange.add(s, tr);
        plusDm.add(s, up - down > tie && up > 0 ? up : 0.0);
        minusDm.add(s, down - up > tie && down > 0 ? down : 0.0);
        if (adxTrueRange.seeded(s)) {
            double avgTr = adxTrueRange.value(s);
            double plusDi = avgTr > 0 ? 100 * plusDm.value(s) / avgTr : 0.0;
            double minusDi = avgTr > 0 ? 100 * minusDm.value(s) / avgTr : 0.0;
            double sum = plusDi + minusDi;
            double dx = sum > 0 ? 100 * Math.abs(plusDi - minusDi) / sum : 0.0;
            adx.add(s, dx);
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
            return volume * (1 + s.bookImbalance()) / 2;
        }
        return volume * (sigmaBefore > 0 ? normalCdf(r / sigmaBefore) : 0.5);
    }

    private boolean warm(FeatureState s) {
        long bars = s.bars;
        return bars > config.longBars()
                && rsiGain.seeded(s)
                && atr.seeded(s)
                && adx.seeded(s)
                && macdSignal.seeded(s)
                && bollinger.full(bars)
                && trend.full(bars)
                && volumeWindow.full(bars)
                && flowVolume.full(bars);
    }

    /**
     * Lays the arrays out for this configuration and clears every bar-derived value: a state
     * written under other periods starts over (sentiment and book readings are kept). One ring of
     * closes serves the momentum horizons, the Bollinger and the trend window; one ring of volumes
     * the volume z-score and VPIN.
     */
    private void start(FeatureState s) {
        s.periods = periods.clone();
        s.bars = 0;
        s.ensureValues();
        s.setPrevClose(0);
        s.setPrevHigh(0);
        s.setPrevLow(0);
        s.setEwmaVar(0);
        s.setSlowVar(0);
        s.clearAveragesAndWindows();
        s.closes =
                new double
                        [Math.max(
                                config.longBars() + 1,
                                Math.max(config.bollingerPeriod(), config.trendMaPeriod()))];
        s.volumes = new double[Math.max(config.volumePeriod(), config.vpinBars())];
        s.flowImbalances = new double[config.vpinBars()];
        s.regime = Regime.RANGE_BOUND;
    }

    /** Population standard deviation of the window, 0 if it is rounding noise. */
    private static double stdDev(RollingWindow w, FeatureState s, long seen) {
        double sd = w.stdDev(s, seen);
        return sd > NOISE * Math.abs(w.mean(s, seen)) ? sd : 0.0;
    }

    /** log(newest close / the close {@code horizon} bars before); the newest is at {@code at}. */
    private static double momentum(FeatureState s, int at, int horizon) {
        if (s.bars <= horizon) {
            return 0.0;
        }
        double[] closes = s.closes;
        int back = at - horizon;
        if (back < 0) {
            back += closes.length;
        }
        return Math.log(closes[at] / closes[back]);
    }

    private double rsi(FeatureState s) {
        if (!rsiGain.seeded(s)) {
            return 50.0;
        }
        double gain = rsiGain.value(s);
        double loss = rsiLoss.value(s);
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
        return s.sentiment() * Math.pow(0.5, (double) age / config.sentimentHalfLifeMs());
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
