package io.tauflow.features;

import io.tauflow.schema.Regime;

/**
 * Everything the indicators remember for one symbol: a ring of the last closes for momentum, the
 * running EWMA variances, Wilder and EMA averages (RSI, ATR, DI/ADX, MACD), rolling windows
 * (Bollinger, trend MA, volume, VPIN), the latest sentiment and order-book readings, and the last
 * regime. Constant size whatever the history length: the rings are sized by the periods of the
 * {@link FeatureConfig}. A POJO so Flink state stores it without Kryo.
 */
public class FeatureState {
    public long bars;
    public double[] closes;
    public int head;
    public double prevClose;
    public double prevHigh;
    public double prevLow;
    public double ewmaVar;
    public double slowVar;

    public SmoothedAverage rsiGain = new SmoothedAverage();
    public SmoothedAverage rsiLoss = new SmoothedAverage();
    public SmoothedAverage atr = new SmoothedAverage();

    /** True range smoothed over the ADX period (the ATR period may differ). */
    public SmoothedAverage adxTrueRange = new SmoothedAverage();

    public SmoothedAverage plusDm = new SmoothedAverage();
    public SmoothedAverage minusDm = new SmoothedAverage();
    public SmoothedAverage adx = new SmoothedAverage();
    public SmoothedAverage emaFast = new SmoothedAverage();
    public SmoothedAverage emaSlow = new SmoothedAverage();
    public SmoothedAverage macdSignal = new SmoothedAverage();

    public RollingWindow bollinger = new RollingWindow();
    public RollingWindow trend = new RollingWindow();
    public RollingWindow volume = new RollingWindow();

    /** |buy volume - sell volume| per bar, over the VPIN window. */
    public RollingWindow flowImbalance = new RollingWindow();

    /** Volume per bar, over the VPIN window. */
    public RollingWindow flowVolume = new RollingWindow();

    public Regime regime = Regime.RANGE_BOUND;

    public double sentiment;
    public long sentimentTimeMs = Long.MIN_VALUE;
    public double bookImbalance;
    public double bookSpreadBps;
    public double bookDepth;
    public long bookTimeMs = Long.MIN_VALUE;

    public FeatureState() {}
}
