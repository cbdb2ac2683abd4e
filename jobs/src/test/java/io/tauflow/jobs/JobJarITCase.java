package io.tauflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The shaded job jar a cluster runs ({@code flink run $(bin/tauflow jar)}) holds the job and its
 * connectors only: Tauflow's job classes, the Kafka connector and client, Avro and CEP; nothing a
 * Flink distribution provides (runtime, core, streaming API, its shaded libraries, logging) and
 * nothing of the tools (CLI, demo, bench, embedded broker, bundled data). Runs after the package
 * phase (failsafe), on the jar the build just made.
 */
class JobJarITCase {

    private static Path jobJar() throws IOException {
        Path target = Paths.get("target");
        try (DirectoryStream<Path> jars =
                Files.newDirectoryStream(target, "tauflow-jobs-*-job.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new AssertionError("no shaded job jar in " + target.toAbsolutePath());
    }

    @Test
    void theJobJarHoldsTheJobAndItsConnectorsOnly() throws Exception {
        List<String> entries = new ArrayList<>();
        String mainClass;
        try (JarFile jar = new JarFile(jobJar().toFile())) {
            Collections.list(jar.entries()).forEach(e -> entries.add(e.getName()));
            mainClass = jar.getManifest().getMainAttributes().getValue("Main-Class");
        }
        assertThat(mainClass).isEqualTo(TradingJob.class.getName());
        assertThat(entries)
                .contains(
                        "io/tauflow/jobs/TradingJob.class",
                        "io/tauflow/agent/QAgent.class",
                        "io/tauflow/risk/RiskGate.class",
                        "io/tauflow/schema/Order.class",
                        "org/apache/flink/connector/kafka/source/KafkaSource.class",
                        "org/apache/flink/connector/kafka/sink/KafkaSink.class",
                        "org/apache/kafka/clients/consumer/KafkaConsumer.class",
                        "org/apache/avro/Schema.class",
                        "org/apache/flink/cep/CEP.class");
        List<String> forbidden =
                List.of(
                        // provided by every Flink distribution
                        "org/apache/flink/runtime/",
                        "org/apache/flink/api/common/",
                        "org/apache/flink/configuration/",
                        "org/apache/flink/streaming/api/",
                        "org/apache/flink/shaded/",
                        "org/apache/flink/state/",
                        "org/apache/flink/contrib/streaming/state/",
                        "org/rocksdb/",
                        "org/apache/logging/log4j/",
                        "org/slf4j/",
                        // the tools around the job
                        "io/tauflow/tools/",
                        "picocli/",
                        "kafka/server/",
                        "org/apache/kafka/metadata/",
                        "scala/",
                        "data/");
        for (String prefix : forbidden) {
            assertThat(entries).as("nothing under %s", prefix).noneMatch(e -> e.startsWith(prefix));
        }
    }
}
