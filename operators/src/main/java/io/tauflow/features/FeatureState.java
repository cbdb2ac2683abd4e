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
 * <p>Scalars sit in arrays at private indices: nothing outside this class indexes {@link #values},
 * {@link #averages}, {@link #averageCounts} or {@link #windowSums}. The scalars of {@link #values}
 * have named getters and setters; the averages and the windows' sums are reached by an {@link
 * Average} or a {@link Window}, the handles {@link SmoothedAverage} and {@link RollingWindow}
 * (which hold no state of their own) are built with. The arrays stay public fields (the POJO
 * serializer and savepoints know them by name) and their layout must not change: a savepoint holds
 * them as they are. The rings hold bar {@code k} (zero-based) at index {@code k % length}. Constant
 * size whatever the history length: the arrays are sized by the periods of the {@link
 * FeatureConfig}, which {@link #periods} records so that a state written under other periods starts
 * over. A POJO so Flink state stores it without Kryo; the arrays are allocated by the calculator,
 * not here, because Flink creates an instance with this constructor for every value it reads.
 */
public class FeatureState {

    /** {@link #values}: close, high and low of the previous bar. */
    private static final int PREV_CLOSE = 0;

    private static final int PREV_HIGH = 1;
    private static final int PREV_LOW = 2;

    /** {@link #values}: EWMA variance of one-bar log returns, and the slow one. */
    private static final int EWMA_VAR = 3;

    private static final int SLOW_VAR = 4;

    /** {@link #values}: the latest sentiment score (valid once {@link #sentimentTimeMs} is set). */
    private static final int SENTIMENT = 5;

    /**
     * {@link #values}: the latest order book's readings (valid once {@link #bookTimeMs} is set).
     */
    private static final int BOOK_IMBALANCE = 6;

    private static final int BOOK_SPREAD_BPS = 7;
    private static final int BOOK_DEPTH = 8;

    /** Length of {@link #values}. */
    private static final int VALUES = 9;

    /**
     * The Wilder and EMA averages, each a value in {@link #averages} and a count in {@link
     * #averageCounts} at the index of its {@link #ordinal()}: savepoints hold the arrays in this
     * order, so add new ones at the end only.
     */
    enum Average {
        /** RSI's average gain and average loss. */
        RSI_GAIN,
        RSI_LOSS,
        /** Average true range over the ATR period. */
        ATR,
        /** True range smoothed over the ADX period (the ATR period may differ). */
        ADX_TRUE_RANGE,
        PLUS_DM,
        MINUS_DM,
        ADX,
        EMA_FAST,
        EMA_SLOW,
        MACD_SIGNAL
    }

    /** Length of {@link #averages} and {@link #averageCounts}. */
    private static final int AVERAGES = 10;

    /**
     * The rolling windows, each with {@link #SUMS} sums in {@link #windowSums} from {@code SUMS *
     * ordinal()}: savepoints hold the array in this order, so add new ones at the end only.
     */
    enum Window {
        /** Bollinger's window over {@link #closes}. */
        BOLLINGER,
        /** The trend moving average's window over {@link #closes}. */
        TREND,
        /** The volume z-score's window over {@link #volumes}. */
        VOLUME,
        /** VPIN's window over {@link #flowImbalances}. */
        FLOW_IMBALANCE,
        /** VPIN's window over {@link #volumes}. */
        FLOW_VOLUME
    }

    /**
     * Doubles per window in {@link #windowSums}: the shift, s1 and s2 (see {@link RollingWindow}).
     */
    private static final int SUMS = 3;

    private static final int SHIFT = 0;
    private static final int S1 = 1;
    private static final int S2 = 2;

    /** Length of {@link #windowSums}. */
    private static final int WINDOW_SUMS = 5 * SUMS;

    /** Candles folded in since the state (re)started. */
    public long bars;

    /** Scalars: {@link #prevClose()} ... {@link #bookDepth()}. */
    public double[] values;

    /** The Wilder and EMA averages, by {@link Average}. */
    public double[] averages;

    /** How many inputs each of {@link #averages} has taken (see {@link SmoothedAverage}). */
    public int[] averageCounts;

    /** Closes: long enough for the long momentum horizon, the Bollinger and the trend window. */
    public double[] closes;

    /** Volumes: long enough for the volume z-score and the VPIN window. */
    public double[] volumes;

    /** |buy volume - sell volume| per bar, over the VPIN window. */
    public double[] flowImbalances;

    /** The rolling windows' sums, by {@link Window}. */
    public double[] windowSums;

    /** The periods the arrays were laid out for (null: not laid out yet). */
    public int[] periods;

    public Regime regime = Regime.RANGE_BOUND;

    public long sentimentTimeMs = Long.MIN_VALUE;
    public long bookTimeMs = Long.MIN_VALUE;

    public FeatureState() {}

    /**
     * Allocates {@link #values} (all 0) unless it is there already: a reading may come before the
     * first candle.
     */
    void ensureValues() {
        if (values == null || values.length != VALUES) {
            values = new double[VALUES];
        }
    }

    /** New {@link #averages}, {@link #averageCounts} and {@link #windowSums}, all 0. */
    void clearAveragesAndWindows() {
        averages = new double[AVERAGES];
        averageCounts = new int[AVERAGES];
        windowSums = new double[WINDOW_SUMS];
    }

    // values

    /** Close of the previous bar. */
    public double prevClose() {
        return values[PREV_CLOSE];
    }

    void setPrevClose(double close) {
        values[PREV_CLOSE] = close;
    }

    /** High of the previous bar. */
    public double prevHigh() {
        return values[PREV_HIGH];
    }

    void setPrevHigh(double high) {
        values[PREV_HIGH] = high;
    }

    /** Low of the previous bar. */
    public double prevLow() {
        return values[PREV_LOW];
    }

    void setPrevLow(double low) {
        values[PREV_LOW] = low;
    }

    /** EWMA variance of one-bar log returns. */
    public double ewmaVar() {
        return values[EWMA_VAR];
    }

    void setEwmaVar(double variance) {
        values[EWMA_VAR] = variance;
    }

    /** The slower EWMA variance of one-bar log returns. */
    public double slowVar() {
        return values[SLOW_VAR];
    }

    void setSlowVar(double variance) {
        values[SLOW_VAR] = variance;
    }

    /** The latest sentiment score (valid once {@link #sentimentTimeMs} is set). */
    public double sentiment() {
        return values[SENTIMENT];
    }

    void setSentiment(double score) {
        values[SENTIMENT] = score;
    }

    /** The latest order book's imbalance (valid once {@link #bookTimeMs} is set). */
    public double bookImbalance() {
        return values[BOOK_IMBALANCE];
    }

    void setBookImbalance(double imbalance) {
        values[BOOK_IMBALANCE] = imbalance;
    }

    /** The latest order book's spread in basis points of the mid. */
    public double bookSpreadBps() {
        return values[BOOK_SPREAD_BPS];
    }

    void setBookSpreadBps(double spreadBps) {
        values[BOOK_SPREAD_BPS] = spreadBps;
    }

    /** The latest order book's depth: bid quantity + ask quantity. */
    public double bookDepth() {
        return values[BOOK_DEPTH];
    }

    void setBookDepth(double depth) {
        values[BOOK_DEPTH] = depth;
    }

    // averages

    /** The average's value. */
    double average(Average a) {
        return averages[a.ordinal()];
    }

    /** How many inputs the average has taken. */
    int averageCount(Average a) {
        return averageCounts[a.ordinal()];
    }

    void setAverage(Average a, double value, int count) {
        int i = a.ordinal();
        averages[i] = value;
        averageCounts[i] = count;
    }

    // windows

    /** The window's shift {@code k}. */
    double windowShift(Window w) {
        return windowSums[w.ordinal() * SUMS + SHIFT];
    }

    void setWindowShift(Window w, double shift) {
        windowSums[w.ordinal() * SUMS + SHIFT] = shift;
    }

    /** The window's {@code s1 = sum(x - k)}. */
    double windowS1(Window w) {
        return windowSums[w.ordinal() * SUMS + S1];
    }

    void setWindowS1(Window w, double s1) {
        windowSums[w.ordinal() * SUMS + S1] = s1;
    }

    /** The window's {@code s2 = sum((x - k)^2)}. */
    double windowS2(Window w) {
        return windowSums[w.ordinal() * SUMS + S2];
    }

    void setWindowS2(Window w, double s2) {
        windowSums[w.ordinal() * SUMS + S2] = s2;
    }
}
