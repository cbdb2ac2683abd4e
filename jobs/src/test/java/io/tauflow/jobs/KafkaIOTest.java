package io.tauflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.schema.DeadLetter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaIOTest {

    private static final long NOW = 1_796_288_400_000L; // 2026-12-03 09:00 UTC

    @Test
    void outputsKeepTheirEventTimeBetweenZeroAndNow() {
        assertThat(KafkaIO.kafkaTimestamp(1_380_895_440_000L, NOW)).isEqualTo(1_380_895_440_000L);
        assertThat(KafkaIO.kafkaTimestamp(0L, NOW)).isZero();
        assertThat(KafkaIO.kafkaTimestamp(NOW, NOW)).isEqualTo(NOW);
    }

    @Test
    void timestampsAProducerOrBrokerRefusesBecomeNow() {
        // a producer throws on a negative timestamp; a broker refuses one over an hour ahead
        assertThat(KafkaIO.kafkaTimestamp(-60_000L, NOW)).isEqualTo(NOW);
        assertThat(KafkaIO.kafkaTimestamp(Long.MIN_VALUE, NOW)).isEqualTo(NOW);
        assertThat(KafkaIO.kafkaTimestamp(NOW + 1, NOW)).isEqualTo(NOW);
        assertThat(KafkaIO.kafkaTimestamp(Long.MAX_VALUE, NOW)).isEqualTo(NOW);
        assertThat(KafkaIO.kafkaTimestamp(null, NOW)).isEqualTo(NOW);
    }

    @Test
    void theSerializerStampsADeadLetterOfA1969RecordWithAValidTimestamp() {
        DeadLetter d =
                io.tauflow.ingest.DeadLetters.of("md.candles", 0, 5, -60_000, "why", null, null, 0);
        long before = System.currentTimeMillis();
        ProducerRecord<byte[], byte[]> r =
                KafkaIO.serializer("dlq", DeadLetter.class, DeadLetter::getSourceTopic)
                        .serialize(d, null, Long.MIN_VALUE);
        assertThat(r.timestamp()).isBetween(before, System.currentTimeMillis());
        assertThat(r.topic()).isEqualTo("dlq");
        assertThat(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("md.candles");
    }
}
