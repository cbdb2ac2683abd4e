package io.tauflow.tools.bench;

import io.tauflow.risk.RiskGateFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A metric reporter for {@code bin/tauflow bench --rate}: keeps a reference to every risk gate
 * subtask's decision-latency histogram ({@link RiskGateFunction#DECISION_LATENCY}) of the local
 * MiniCluster running in this JVM, so the bench can read their values at the end of the run.
 * Configured as {@code metrics.reporter.latency.factory.class}.
 */
public final class LatencyReporter implements MetricReporter {

    private static final List<Histogram> HISTOGRAMS = new CopyOnWriteArrayList<>();

    /** Forgets the histograms of earlier runs. */
    static void reset() {
        HISTOGRAMS.clear();
    }

    /** Histograms registered, and decisions they counted in all. */
    static String summary() {
        long n = 0;
        for (Histogram h : HISTOGRAMS) {
            n += h.getCount();
        }
        return HISTOGRAMS.size() + " gate subtasks, " + n + " decisions";
    }

    /** Every recorded latency (ms) the gate subtasks' histograms hold. */
    static long[] values() {
        List<long[]> parts = new ArrayList<>();
        int n = 0;
        for (Histogram h : HISTOGRAMS) {
            long[] v = h.getStatistics().getValues();
            parts.add(v);
            n += v.length;
        }
        long[] all = new long[n];
        int k = 0;
        for (long[] v : parts) {
            System.arraycopy(v, 0, all, k, v.length);
            k += v.length;
        }
        return all;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (metric instanceof Histogram h && RiskGateFunction.DECISION_LATENCY.equals(name)) {
            HISTOGRAMS.add(h);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}

    /** The factory Flink instantiates from the configuration. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new LatencyReporter();
        }
    }
}
