package io.tauflow.features;

/**
 * Everything the indicators remember for one symbol: a ring of the last closes for momentum, the
 * running EWMA variances, Wilder's RSI averages, and the latest sentiment and order-book readings.
 * Constant size whatever the history length. A POJO so Flink state stores it without Kryo.
 */
public class FeatureState {
    public long bars;
    public double[] closes;
    public int head;
    public double prevClose;
    public double ewmaVar;
    public double slowVar;
    public int rsiChanges;
    public double rsiAvgGain;
    public double rsiAvgLoss;
    public double sentiment;
    public long sentimentTimeMs = Long.MIN_VALUE;
    public double bookImbalance;
    public double bookSpreadBps;
    public long bookTimeMs = Long.MIN_VALUE;

    public FeatureState() {}
}
