package io.tauflow.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tauflow.tools.embedded.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The writer that loads the demo's and the tests' input topics, against a real broker. */
class TopicWriterITCase {

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void writesEveryRecordInOrderToAFreshTopic() throws Exception {
        KAFKA.broker().createTopics(1, "fresh");
        List<String> values = new ArrayList<>();
        try (TopicWriter w = new TopicWriter(KAFKA.broker().bootstrapServers())) {
            for (int i = 0; i < 5_000; i++) {
                values.add("value-" + i);
                w.writeRaw("fresh", "k", values.get(i).getBytes());
            }
            w.flush();
        }

        assertThat(read("fresh")).containsExactlyElementsOf(values);
    }

    @Test
    void aRecordTheBrokerRefusesFailsTheWriteInsteadOfVanishing() {
        KAFKA.broker().createTopics(1, "refused");
        // Larger than the producer's max.request.size (1 MiB): the send fails.
        byte[] tooLarge = new byte[2 * 1024 * 1024];
        TopicWriter w = new TopicWriter(KAFKA.broker().bootstrapServers());
        w.writeRaw("refused", "k", "fine".getBytes());
        w.writeRaw("refused", "k", tooLarge);

        assertThatThrownBy(w::flush)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused");
        assertThatThrownBy(w::close).isInstanceOf(IllegalStateException.class);
    }

    private static List<String> read(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.broker().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(r.value()));
                }
            }
        }
        return values;
    }
}
