package io.tauflow.tools.demo;

import io.tauflow.ingest.AvroCodec;
import io.tauflow.jobs.JobSettings;
import io.tauflow.jobs.KafkaOptions;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Order;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.RiskEstimate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the job's output topics with {@code read_committed} as they are written and hands each
 * record to a listener: what a downstream consumer of Tauflow would see.
 */
public final class OutputWatcher implements AutoCloseable {

    /** Receives decoded output records, on the watcher's thread. */
    public interface Listener {
        default void onDecision(Decision d) {}

        default void onOrder(Order o) {}

        default void onRejection(Rejection r) {}

        default void onDeadLetter(DeadLetter d) {}

        default void onRiskEstimate(RiskEstimate e) {}
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Kind> topics;
    private final Listener listener;
    private final AvroCodec<Decision> decisions = AvroCodec.of(Decision.class);
    private final AvroCodec<Order> orders = AvroCodec.of(Order.class);
    private final AvroCodec<Rejection> rejections = AvroCodec.of(Rejection.class);
    private final AvroCodec<DeadLetter> deadLetters = AvroCodec.of(DeadLetter.class);
    private final AvroCodec<RiskEstimate> estimates = AvroCodec.of(RiskEstimate.class);

    /** Which record type a topic holds. */
    public enum Kind {
        DECISIONS(Decision.class),
        ORDERS(Order.class),
        REJECTIONS(Rejection.class),
        DEAD_LETTERS(DeadLetter.class),
        RISK_ESTIMATES(RiskEstimate.class);

        /** The Avro type of the topic's values. */
        public final Class<? extends SpecificRecordBase> type;

        Kind(Class<? extends SpecificRecordBase> type) {
            this.type = type;
        }
    }

    /** The job's output topics and what each holds. */
    public static Map<String, Kind> outputTopics(JobSettings s) {
        Map<String, Kind> topics = new LinkedHashMap<>();
        topics.put(s.get(KafkaOptions.TOPIC_DECISIONS), Kind.DECISIONS);
        topics.put(s.get(KafkaOptions.TOPIC_ORDERS), Kind.ORDERS);
        topics.put(s.get(KafkaOptions.TOPIC_REJECTIONS), Kind.REJECTIONS);
        topics.put(s.get(KafkaOptions.TOPIC_DEAD_LETTERS), Kind.DEAD_LETTERS);
        topics.put(s.get(KafkaOptions.TOPIC_RISK_ESTIMATES), Kind.RISK_ESTIMATES);
        return topics;
    }

    public OutputWatcher(String bootstrapServers, Map<String, Kind> topics, Listener listener) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(p);
        this.topics = topics;
        this.listener = listener;
        List<TopicPartition> parts = new ArrayList<>();
        for (String t : topics.keySet()) {
            for (PartitionInfo info : consumer.partitionsFor(t, Duration.ofSeconds(30))) {
                parts.add(new TopicPartition(t, info.partition()));
            }
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
    }

    /** Polls once; returns the number of records handled. */
    public int poll(Duration timeout) throws java.io.IOException {
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            switch (topics.get(r.topic())) {
                case DECISIONS:
                    listener.onDecision(decisions.decode(r.value()));
                    break;
                case ORDERS:
                    listener.onOrder(orders.decode(r.value()));
                    break;
                case REJECTIONS:
                    listener.onRejection(rejections.decode(r.value()));
                    break;
                case RISK_ESTIMATES:
                    listener.onRiskEstimate(estimates.decode(r.value()));
                    break;
                default:
                    listener.onDeadLetter(deadLetters.decode(r.value()));
            }
            n++;
        }
        return n;
    }

    /**
     * Polls until every assigned partition has been read up to its current end (the last stable
     * offset).
     */
    public void drain() throws java.io.IOException {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        while (true) {
            boolean done = true;
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                if (consumer.position(e.getKey()) < e.getValue()) {
                    done = false;
                }
            }
            if (done) {
                return;
            }
            poll(Duration.ofMillis(200));
        }
    }

    /**
     * Keeps polling until {@code done} holds or {@code atMost} has passed; returns whether it
     * holds. For output that the read_committed end offsets still hold back after {@link #drain()}.
     */
    public boolean pollUntil(java.util.function.BooleanSupplier done, Duration atMost)
            throws java.io.IOException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(250));
        }
        return done.getAsBoolean();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
