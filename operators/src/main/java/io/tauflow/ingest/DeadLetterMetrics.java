package io.tauflow.ingest;

import io.tauflow.config.TauflowMetrics;
import io.tauflow.schema.DeadLetter;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes every dead letter on to the dead-letter sink unchanged and counts it by source topic
 * (internal stages count under their stage name): {@code source.<topic>.deadLetters}, and of those
 * the late ones (behind the watermark) also as {@code source.<topic>.late}. Counters are registered
 * as sources are first seen.
 */
public class DeadLetterMetrics extends RichMapFunction<DeadLetter, DeadLetter> {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterMetrics.class);

    private transient MetricGroup metrics;
    private transient LateWarnings warnings;
    private transient Map<String, Counter[]> bySource;

    @Override
    public void open(OpenContext openContext) {
        metrics = getRuntimeContext().getMetricGroup().addGroup(TauflowMetrics.GROUP);
        bySource = new HashMap<>();
        warnings = new LateWarnings(60_000L);
    }

    @Override
    public DeadLetter map(DeadLetter d) {
        String source = d.getSourceTopic() == null ? "unknown" : d.getSourceTopic();
        Counter[] c =
                bySource.computeIfAbsent(
                        source,
                        s -> {
                            MetricGroup g = metrics.addGroup("source", s);
                            return new Counter[] {g.counter("deadLetters"), g.counter("late")};
                        });
        c[0].inc();
        if (d.getReason() != null && d.getReason().startsWith("late ")) {
            c[1].inc();
            String warning = warnings.late(source, System.currentTimeMillis());
            if (warning != null) {
                LOG.warn(warning);
            }
        }
        return d;
    }
}
