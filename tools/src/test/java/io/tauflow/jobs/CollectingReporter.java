package io.tauflow.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Keeps every metric the test MiniCluster registers (also after its job ends), so a test can read
 * the Tauflow metrics of the job it ran. Configured by {@link MiniClusters}.
 */
public final class CollectingReporter implements MetricReporter {

    /** A registered metric with its job and full identifier. */
    record Registered(String job, String identifier, Metric metric) {}

    private static final List<Registered> METRICS = new CopyOnWriteArrayList<>();

    /** The metrics of {@code job} whose identifier ends with {@code suffix}. */
    static List<Metric> of(String job, String suffix) {
        List<Metric> out = new ArrayList<>();
        for (Registered r : METRICS) {
            if (job.equals(r.job()) && r.identifier().endsWith(suffix)) {
                out.add(r.metric());
            }
        }
        return out;
    }

    /** The sum of the counters of {@code job} whose identifier ends with {@code suffix}. */
    static long count(String job, String suffix) {
        long n = 0;
        for (Metric m : of(job, suffix)) {
            n += ((Counter) m).getCount();
        }
        return n;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        METRICS.add(
                new Registered(
                        group.getAllVariables().getOrDefault("<job_name>", ""),
                        group.getMetricIdentifier(name),
                        metric));
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}

    /** The factory Flink instantiates from the configuration. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new CollectingReporter();
        }
    }
}
