package io.tauflow.tools.demo;

import io.tauflow.ingest.AvroCodec;
import io.tauflow.schema.Candle;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.SentimentScore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes Avro records (or raw bytes) to a Kafka topic, keyed, as the job expects its input.
 *
 * <p>Every record reaches the topic, in the order written, or the writer fails: {@link #flush},
 * {@link #write} and {@link #close} throw if any send failed. One request in flight per connection
 * keeps a retried batch from being overtaken by the next one, which the broker would accept first
 * and then refuse the retry as out of order (KAFKA-15591); the lost batch used to vanish silently,
 * taking the earliest input records of a run with it.
 */
public final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    public TopicWriter(String bootstrapServers) {
        this(bootstrapServers, new Properties());
    }

    /**
     * @param client further client settings (security: tauflow.kafka.client-properties), under the
     *     writer's own
     */
    public TopicWriter(String bootstrapServers, Properties client) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
    }

    /** Writes the records and waits until the broker has acknowledged all of them. */
    public <T extends SpecificRecordBase> void write(
            String topic, List<T> records, Class<T> type, Function<T, String> key) {
        AvroCodec<T> codec = AvroCodec.of(type);
        for (T r : records) {
            writeRaw(topic, key.apply(r), codec.encode(r));
        }
        flush();
    }

    /**
     * The market data of a run into the job's input topics ({@code KafkaIO.inputTopics} order:
     * candles, sentiment, order books), each record keyed by its symbol.
     */
    public void writeMarket(
            List<String> inputTopics,
            List<Candle> candles,
            List<SentimentScore> sentiment,
            List<OrderBookSnapshot> books) {
        write(inputTopics.get(0), candles, Candle.class, Candle::getSymbol);
        write(inputTopics.get(1), sentiment, SentimentScore.class, SentimentScore::getSymbol);
        write(inputTopics.get(2), books, OrderBookSnapshot.class, OrderBookSnapshot::getSymbol);
    }

    /** Sends one record; a failure is reported by the next {@link #flush} or {@link #close}. */
    public void writeRaw(String topic, String key, byte[] value) {
        producer.send(
                new ProducerRecord<>(
                        topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value),
                (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(
                                null,
                                new IllegalStateException(
                                        "Could not write a record to topic " + topic, e));
                    }
                });
    }

    /** Waits until every record sent so far is acknowledged; throws if any send failed. */
    public void flush() {
        producer.flush();
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    /** Flushes and closes the producer; throws if any send failed. */
    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close();
        }
    }
}
