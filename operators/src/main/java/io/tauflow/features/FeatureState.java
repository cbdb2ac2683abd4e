package io.tauflow.features;

import io.tauflow.schema.Regime;

/**
 * Everything the indicators remember for one symbol, laid out flat so Flink's POJO serializer reads
 * and writes it with a few array copies instead of one reflective call per number (it is read and
 * written on every candle): a ring of the last closes (momentum, Bollinger and trend MA), a ring of
 * volumes (volume z-score and VPIN), a ring of order-flow imbalances (VPIN), the sums of the
 * rolling windows over those rings, the Wilder and EMA averages (RSI, ATR, DI/ADX, MACD), the EWMA
 * variances, the latest sentiment and order-book readings, and the last regime.
 *
 * <p>Scalars sit in arrays at the named indices below; {@link FeatureCalculator} reads them through
 * {@link SmoothedAverage} and {@link RollingWindow}, which hold no state of their own. The rings
 * hold bar {@code k} (zero-based) at index {@code k % length}. Constant size whatever the history
 * length: the arrays are sized by the periods of the {@link FeatureConfig}, which {@link #periods}
 * records so that a state written under other periods starts over. A POJO so Flink state stores it
 * without Kryo; the arrays are allocated by the calculator, not here, because Flink creates an
 * instance with this constructor for every value it reads.
 */
public class FeatureState {

    /** {@link #values}: close, high and low of the previous bar. */
    public static final int PREV_CLOSE = 0;

    public static final int PREV_HIGH = 1;
    public static final int PREV_LOW = 2;

    /** {@link #values}: EWMA variance of one-bar log returns, and the slow one. */
    public static final int EWMA_VAR = 3;

    public static final int SLOW_VAR = 4;

    /** {@link #values}: the latest sentiment score (valid once {@link #sentimentTimeMs} is set). */
    public static final int SENTIMENT = 5;

    /**
     * {@link #values}: the latest order book's readings (valid once {@link #bookTimeMs} is set).
     */
    public static final int BOOK_IMBALANCE = 6;

    public static final int BOOK_SPREAD_BPS = 7;
    public static final int BOOK_DEPTH = 8;

    /** Length of {@link #values}. */
    public static final int VALUES = 9;

    /** {@link #averages} and {@link #averageCounts}: RSI's average gain and average loss. */
    public static final int RSI_GAIN = 0;

    public static final int RSI_LOSS = 1;

    /** Average true range over the ATR period. */
    public static final int ATR = 2;

    /** True range smoothed over the ADX period (the ATR period may differ). */
    public static final int ADX_TRUE_RANGE = 3;

    public static final int PLUS_DM = 4;
    public static final int MINUS_DM = 5;
    public static final int ADX = 6;
    public static final int EMA_FAST = 7;
    public static final int EMA_SLOW = 8;
    public static final int MACD_SIGNAL = 9;

    /** Length of {@link #averages} and {@link #averageCounts}. */
    public static final int AVERAGES = 10;

    /** {@link #windowSums}: the windows, each with {@link RollingWindow#SUMS} sums. */
    public static final int BOLLINGER = 0;

    /** The trend moving average's window over {@link #closes}. */
    public static final int TREND = 1;

    /** The volume z-score's window over {@link #volumes}. */
    public static final int VOLUME = 2;

    /** VPIN's window over {@link #flowImbalances}. */
    public static final int FLOW_IMBALANCE = 3;

    /** VPIN's window over {@link #volumes}. */
    public static final int FLOW_VOLUME = 4;

    /** Length of {@link #windowSums}. */
    public static final int WINDOW_SUMS = 5 * RollingWindow.SUMS;

    /** Candles folded in since the state (re)started. */
    public long bars;

    /** Scalars at {@link #PREV_CLOSE} ... {@link #BOOK_DEPTH}. */
    public double[] values;

    /** The Wilder and EMA averages at {@link #RSI_GAIN} ... {@link #MACD_SIGNAL}. */
    public double[] averages;

    /** How many inputs each of {@link #averages} has taken (see {@link SmoothedAverage}). */
    public int[] averageCounts;

    /** Closes: long enough for the long momentum horizon, the Bollinger and the trend window. */
    public double[] closes;

    /** Volumes: long enough for the volume z-score and the VPIN window. */
    public double[] volumes;

    /** |buy volume - sell volume| per bar, over the VPIN window. */
    public double[] flowImbalances;

    /** The rolling windows' sums, {@link RollingWindow#SUMS} per window from {@link #BOLLINGER}. */
    public double[] windowSums;

    /** The periods the arrays were laid out for (null: not laid out yet). */
    public int[] periods;

    public Regime regime = Regime.RANGE_BOUND;

    public long sentimentTimeMs = Long.MIN_VALUE;
    public long bookTimeMs = Long.MIN_VALUE;

    public FeatureState() {}
}
