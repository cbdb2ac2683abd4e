package io.tauflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {

    @TempDir Path dir;

    private static Configuration with(Path file) {
        Configuration c = new Configuration();
        c.set(KafkaOptions.CLIENT_PROPERTIES, file.toString());
        return c;
    }

    @Test
    void readsTheFileTheOptionOrElseTheEnvironmentNames() throws Exception {
        Path option = Files.writeString(dir.resolve("a.properties"), "security.protocol=SSL\n");
        Path env = Files.writeString(dir.resolve("b.properties"), "security.protocol=SASL_SSL\n");

        assertThat(
                        KafkaClientProperties.of(
                                with(option), Map.of(KafkaClientProperties.ENV, env.toString())))
                .containsEntry("security.protocol", "SSL");
        assertThat(
                        KafkaClientProperties.of(
                                new Configuration(),
                                Map.of(KafkaClientProperties.ENV, env.toString())))
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(KafkaClientProperties.of(new Configuration(), Map.of())).isEmpty();
    }

    @Test
    void refusesWhatTauflowSetsItselfAndAMissingFileWithoutShowingAValue() throws Exception {
        Path reserved =
                Files.writeString(
                        dir.resolve("r.properties"),
                        "group.id=mine\nssl.keystore.password=hunter2-secret\n");
        assertThatThrownBy(() -> KafkaClientProperties.of(with(reserved), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tauflow.kafka.client-properties")
                .hasMessageContaining("[group.id]")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> JobSettings.from(with(dir.resolve("missing.properties"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the properties file");
        assertThatThrownBy(
                        () ->
                                KafkaClientProperties.of(
                                        new Configuration(),
                                        Map.of(
                                                KafkaClientProperties.ENV,
                                                dir.resolve("x").toString())))
                .hasMessageContaining("(from TAUFLOW_KAFKA_CLIENT_PROPERTIES)");
    }
}
