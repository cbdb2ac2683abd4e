package io.tauflow.jobs;

import io.tauflow.config.OptionReader;
import io.tauflow.ingest.AvroCodec;
import io.tauflow.ingest.InboundDeserializer;
import io.tauflow.ingest.InboundEvent;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Order;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.RiskEstimate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Builds the Kafka sources and sinks of the trading job from its settings: Avro values, symbol (or
 * account) keys, read_committed reads, transactional writes when exactly-once is chosen.
 */
public final class KafkaIO {

    private KafkaIO() {}

    public static Inputs inputs(JobSettings s) {
        return new Inputs(
                source(s, KafkaOptions.TOPIC_CANDLES, InboundDeserializer.candles(s.input)),
                source(s, KafkaOptions.TOPIC_SENTIMENT, InboundDeserializer.sentiment(s.input)),
                source(s, KafkaOptions.TOPIC_ORDER_BOOK, InboundDeserializer.orderBook(s.input)),
                source(s, KafkaOptions.TOPIC_CONTROL, InboundDeserializer.control(s.input)));
    }

    /** The input topics, in the order candles, sentiment, order book, control. */
    public static List<String> inputTopics(JobSettings s) {
        return List.of(
                s.get(KafkaOptions.TOPIC_CANDLES),
                s.get(KafkaOptions.TOPIC_SENTIMENT),
                s.get(KafkaOptions.TOPIC_ORDER_BOOK),
                s.get(KafkaOptions.TOPIC_CONTROL));
    }

    /** The five output topics, each under the job's uid of its sink. */
    public static Outputs outputs(JobSettings s) {
        return Outputs.of(
                ordersSink(s),
                rejectionsSink(s),
                decisionsSink(s),
                deadLettersSink(s),
                riskEstimatesSink(s));
    }

    static KafkaSink<RiskEstimate> riskEstimatesSink(JobSettings s) {
        return sink(
                s,
                KafkaOptions.TOPIC_RISK_ESTIMATES,
                "risk-estimates",
                RiskEstimate.class,
                RiskEstimate::getAccount);
    }

    static KafkaSink<Order> ordersSink(JobSettings s) {
        return sink(s, KafkaOptions.TOPIC_ORDERS, "orders", Order.class, Order::getAccount);
    }

    static KafkaSink<Rejection> rejectionsSink(JobSettings s) {
        return sink(
                s,
                KafkaOptions.TOPIC_REJECTIONS,
                "rejections",
                Rejection.class,
                Rejection::getAccount);
    }

    static KafkaSink<Decision> decisionsSink(JobSettings s) {
        return sink(
                s, KafkaOptions.TOPIC_DECISIONS, "decisions", Decision.class, Decision::getSymbol);
    }

    static KafkaSink<DeadLetter> deadLettersSink(JobSettings s) {
        return sink(
                s,
                KafkaOptions.TOPIC_DEAD_LETTERS,
                "dlq",
                DeadLetter.class,
                DeadLetter::getSourceTopic);
    }

    static KafkaSource<InboundEvent> source(
            JobSettings s,
            org.apache.flink.configuration.ConfigOption<String> topic,
            KafkaRecordDeserializationSchema<InboundEvent> deserializer) {
        KafkaSourceBuilder<InboundEvent> b =
                KafkaSource.<InboundEvent>builder()
                        .setProperties(s.kafkaClientProperties())
                        .setBootstrapServers(bootstrap(s))
                        .setTopics(s.get(topic))
                        .setGroupId(s.get(KafkaOptions.GROUP_ID))
                        .setClientIdPrefix(s.get(KafkaOptions.GROUP_ID) + "-" + s.get(topic))
                        .setDeserializer(deserializer)
                        .setProperty("isolation.level", "read_committed");
        switch (s.get(KafkaOptions.STARTING_OFFSETS)) {
            case EARLIEST:
                b.setStartingOffsets(OffsetsInitializer.earliest());
                break;
            case LATEST:
                b.setStartingOffsets(OffsetsInitializer.latest());
                break;
            default:
                b.setStartingOffsets(
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
        }
        if (s.get(KafkaOptions.BOUNDED)) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    static <T extends SpecificRecordBase> KafkaSink<T> sink(
            JobSettings s,
            org.apache.flink.configuration.ConfigOption<String> topic,
            String name,
            Class<T> type,
            SerializableKey<T> key) {
        return sink(s, name, serializer(s.get(topic), type, key));
    }

    /**
     * The record serializer of an output topic: the key, the Avro value, and the record's event
     * time as its Kafka timestamp when a broker accepts it ({@link #kafkaTimestamp}).
     */
    static <T extends SpecificRecordBase> KafkaRecordSerializationSchema<T> serializer(
            String topicName, Class<T> type, SerializableKey<T> key) {
        AvroCodec<T> codec = AvroCodec.of(type);
        return (element, context, timestamp) ->
                new ProducerRecord<>(
                        topicName,
                        null,
                        kafkaTimestamp(timestamp, System.currentTimeMillis()),
                        key.apply(element).getBytes(StandardCharsets.UTF_8),
                        codec.encode(element));
    }

    /**
     * The Kafka timestamp of an output record stamped {@code eventTimeMs} (null when it has none),
     * with the wall clock at {@code nowMs}: the event time itself when it is between 0 and now,
     * else now. A producer refuses a negative timestamp, and a broker refuses one further ahead of
     * its clock than {@code log.message.timestamp.after.max.ms} (1 h by default); either would fail
     * the job at every restart. The record's own event-time field is never changed.
     */
    static long kafkaTimestamp(Long eventTimeMs, long nowMs) {
        if (eventTimeMs == null || eventTimeMs < 0 || eventTimeMs > nowMs) {
            return nowMs;
        }
        return eventTimeMs;
    }

    /** A sink named {@code name} writing with {@code schema}, under the settings' guarantee. */
    static <T> KafkaSink<T> sink(
            JobSettings s, String name, KafkaRecordSerializationSchema<T> schema) {
        boolean exactlyOnce = s.get(KafkaOptions.DELIVERY) == KafkaOptions.Delivery.EXACTLY_ONCE;
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(s.kafkaClientProperties())
                .setBootstrapServers(bootstrap(s))
                .setRecordSerializer(schema)
                .setDeliveryGuarantee(
                        exactlyOnce
                                ? DeliveryGuarantee.EXACTLY_ONCE
                                : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(s.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX) + "-" + name)
                .setProperty(
                        "transaction.timeout.ms",
                        String.valueOf(s.get(KafkaOptions.TRANSACTION_TIMEOUT).toMillis()))
                .build();
    }

    private static String bootstrap(JobSettings s) {
        return OptionReader.required(s.configuration(), KafkaOptions.BOOTSTRAP_SERVERS);
    }

    /** The Kafka key of an output record. */
    @FunctionalInterface
    public interface SerializableKey<T> extends Function<T, String>, java.io.Serializable {}
}
