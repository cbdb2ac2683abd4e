package io.tauflow.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tauflow.jobs.JobSettings;
import io.tauflow.jobs.KafkaOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.WebOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The configuration files and the dashboard in the repository: every Flink key of {@code
 * flink-conf/config.yaml} and {@code flink-conf/production/config.yaml} is one Flink knows (a typo
 * would be ignored silently by Flink), every {@code tauflow.*} key is read by the job, and every
 * series the Grafana dashboard queries is a metric of docs/METRICS.md.
 */
class FlinkConfFilesTest {

    /** The project root, from the tools module the tests run in. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final List<Class<?>> FLINK_OPTIONS =
            List.of(
                    PipelineOptions.class,
                    StateBackendOptions.class,
                    CheckpointingOptions.class,
                    RestartStrategyOptions.class,
                    WebOptions.class,
                    RestOptions.class,
                    org.apache.flink.configuration.MetricOptions.class,
                    org.apache.flink.configuration.StateRecoveryOptions.class,
                    org.apache.flink.configuration.JobManagerOptions.class,
                    org.apache.flink.configuration.TaskManagerOptions.class,
                    org.apache.flink.configuration.CoreOptions.class);

    private static Set<String> flinkKeys() throws Exception {
        Set<String> keys = new HashSet<>();
        for (Class<?> c : FLINK_OPTIONS) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers())
                        && ConfigOption.class.isAssignableFrom(f.getType())) {
                    ConfigOption<?> o = (ConfigOption<?>) f.get(null);
                    keys.add(o.key());
                    for (FallbackKey k : o.fallbackKeys()) {
                        keys.add(k.getKey());
                    }
                }
            }
        }
        return keys;
    }

    @ParameterizedTest
    @ValueSource(strings = {"flink-conf", "flink-conf/production"})
    void everyKeyIsKnownAndTheJobReadsTheFile(String dir) throws Exception {
        Configuration conf = GlobalConfiguration.loadConfiguration(ROOT.resolve(dir).toString());
        Set<String> known = flinkKeys();
        Set<String> unknown = new TreeSet<>();
        for (String key : conf.keySet()) {
            boolean reporter = key.matches("metrics\\.reporter\\.[a-z]+\\.[a-z.]+");
            if (!key.startsWith("tauflow.") && !reporter && !known.contains(key)) {
                unknown.add(key);
            }
        }
        assertThat(unknown).as("keys no Flink option of %s has", FLINK_OPTIONS).isEmpty();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, "127.0.0.1:9");
        // fails naming any tauflow.* key the job does not read, or a bad value
        JobSettings s = JobSettings.from(conf);
        assertThat(s.riskModel).isNotNull();
    }

    @Test
    void theProductionVariantCheckpointsToDurableStorageWithPrometheus() {
        Configuration conf =
                GlobalConfiguration.loadConfiguration(
                        ROOT.resolve("flink-conf/production").toString());
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(conf.get(PipelineOptions.MAX_PARALLELISM)).isEqualTo(128);
        assertThat(conf.get(WebOptions.SUBMIT_ENABLE)).isFalse();
        assertThat(conf.get(KafkaOptions.TRANSACTION_TIMEOUT))
                .isGreaterThan(conf.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT));
        assertThat(conf.getString("metrics.reporter.prom.factory.class", ""))
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    }

    @Test
    void everySeriesOfTheDashboardIsAMetricOfTheDocs() throws Exception {
        JsonNode dashboard =
                new ObjectMapper()
                        .readTree(ROOT.resolve("monitoring/grafana-tauflow.json").toFile());
        String docs = Files.readString(ROOT.resolve("docs/METRICS.md"));
        Set<String> documented = new HashSet<>();
        Matcher m = Pattern.compile("`([a-zA-Z<>.]+)`").matcher(docs);
        while (m.find()) {
            // account.<id>.realisedPnl -> account_realisedPnl: the key-value group's value is a
            // label
            documented.add(m.group(1).replaceAll("\\.<[^>]+>", "").replace('.', '_'));
        }
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher q =
                        Pattern.compile("flink_taskmanager_job_task_operator_tauflow_(\\w+)")
                                .matcher(target.get("expr").asText());
                while (q.find()) {
                    queried.add(q.group(1));
                }
            }
        }
        assertThat(queried).hasSizeGreaterThan(8);
        assertThat(documented).containsAll(queried);
    }
}
