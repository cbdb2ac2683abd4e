package io.tauflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.ingest.AvroCodec;
import io.tauflow.ingest.InputOptions;
import io.tauflow.risk.RiskOptions;
import io.tauflow.schema.Candle;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Order;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.SentimentScore;
import io.tauflow.schema.Side;
import io.tauflow.sizing.SizingOptions;
import io.tauflow.tools.demo.DemoData;
import io.tauflow.tools.demo.OutputWatcher;
import io.tauflow.tools.demo.TopicWriter;
import io.tauflow.tools.demo.data.CandleCsv;
import io.tauflow.tools.embedded.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole trading job on a Flink MiniCluster (parallelism 2, RocksDB, exactly-once sinks) against
 * a real in-process Kafka broker, reading its output with read_committed.
 */
class TradingJobITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    /** Real bars from the bundled LEAN file: the first {@code perSymbol} of SPY and IBM. */
    static List<Candle> candles(int perSymbol) {
        List<Candle> all =
                CandleCsv.readResource(
                        io.tauflow.tools.demo.data.DataResources.LEAN_US_EQUITY_1M, "LEAN");
        Map<String, List<Candle>> bySymbol = new LinkedHashMap<>();
        for (Candle c : all) {
            if (c.getSymbol().equals("SPY") || c.getSymbol().equals("IBM")) {
                List<Candle> l = bySymbol.computeIfAbsent(c.getSymbol(), s -> new ArrayList<>());
                if (l.size() < perSymbol) {
                    l.add(c);
                }
            }
        }
        return bySymbol.values().stream()
                .flatMap(List::stream)
                .sorted(Comparator.comparingLong(Candle::getOpenTimeMs))
                .collect(Collectors.toList());
    }

    static Configuration settings(String prefix) {
        return settings(KAFKA.broker().bootstrapServers(), prefix);
    }

    /** The settings of a bounded run against the broker at {@code bootstrap} that places orders. */
    static Configuration settings(String bootstrap, String prefix) {
        Configuration c = boundedRun(bootstrap, prefix);
        // Open on every BUY the agent makes, exploratory ones too, so that the run places many
        // orders (the sequential reference uses the same Sizer, so it follows either way).
        c.set(SizingOptions.CONFIDENCE_THRESHOLD, 0.5);
        c.set(SizingOptions.TRADE_EXPLORATION, true);
        c.set(RiskOptions.VAR_BUDGET, 1e9);
        // Every partition of these bounded topics has data to the end: no partition needs to be
        // declared idle, and a long idleness keeps the watermark waiting for every partition
        // however slow (CPU-starved) the run is.
        c.set(InputOptions.IDLENESS, Duration.ofMinutes(30));
        return c;
    }

    /**
     * A bounded run from the earliest offsets on the given broker, with its own consumer group,
     * transactional ids and topics (every topic name prefixed), so that runs do not see each other.
     */
    static Configuration boundedRun(String bootstrapServers, String prefix) {
        Configuration c = new Configuration();
        c.set(KafkaOptions.BOOTSTRAP_SERVERS, bootstrapServers);
        c.set(KafkaOptions.BOUNDED, true);
        c.set(KafkaOptions.STARTING_OFFSETS, KafkaOptions.StartingOffsets.EARLIEST);
        c.set(KafkaOptions.GROUP_ID, prefix);
        c.set(KafkaOptions.TRANSACTIONAL_ID_PREFIX, prefix);
        for (var topic :
                List.of(
                        KafkaOptions.TOPIC_CANDLES,
                        KafkaOptions.TOPIC_SENTIMENT,
                        KafkaOptions.TOPIC_ORDER_BOOK,
                        KafkaOptions.TOPIC_CONTROL,
                        KafkaOptions.TOPIC_ORDERS,
                        KafkaOptions.TOPIC_REJECTIONS,
                        KafkaOptions.TOPIC_DECISIONS,
                        KafkaOptions.TOPIC_DEAD_LETTERS)) {
            c.set(topic, prefix + "." + topic.defaultValue());
        }
        return c;
    }

    static String[] topics(JobSettings s) {
        List<String> all = new ArrayList<>(KafkaIO.inputTopics(s));
        all.addAll(OutputWatcher.outputTopics(s).keySet());
        return all.toArray(new String[0]);
    }

    static Collected run(JobSettings s, int expectedDecisions) throws Exception {
        return run(s, 2, expectedDecisions);
    }

    /**
     * Runs the job to completion and collects everything committed to its output topics. Every
     * candle gives one decision: if fewer are visible once the job has finished, an open
     * transaction may still hold back the read_committed end offsets, so this keeps reading for up
     * to a minute (the assertions then show what stayed missing).
     */
    static Collected run(JobSettings s, int parallelism, int expectedDecisions) throws Exception {
        return run(s, environment(parallelism, 2000, "rocksdb"), true, expectedDecisions);
    }

    /**
     * Runs the job in {@code env}; with {@code objectReuse} false, records are copied between
     * chained operators (Flink's default) instead of handed on as the job sets it.
     */
    static Collected run(
            JobSettings s,
            StreamExecutionEnvironment env,
            boolean objectReuse,
            int expectedDecisions)
            throws Exception {
        // Declined checkpoints while the small bounded sources finish lose no output
        // (ExactlyOnceSinkITCase checks the sink alone with a checkpoint every 50 ms). Output
        // that went missing in earlier runs had been committed and then deleted by the broker's
        // time-based retention (the records carry 2013 event times); EmbeddedKafka now keeps
        // them. A failure prints the output offsets.
        TradingJob.define(env, KafkaIO.inputs(s), KafkaIO.outputs(s), s);
        assertThat(env.getConfig().isObjectReuseEnabled())
                .as("the job turns object reuse on")
                .isTrue();
        if (!objectReuse) {
            env.getConfig().disableObjectReuse();
        }
        env.execute("tauflow-itcase");
        return collect(KAFKA.broker().bootstrapServers(), s, expectedDecisions);
    }

    /**
     * Everything committed to the output topics of {@code s} on the broker at {@code bootstrap},
     * reading on for up to a minute until {@code expectedDecisions} decisions are there.
     */
    static Collected collect(String bootstrap, JobSettings s, int expectedDecisions)
            throws Exception {
        Collected c = new Collected();
        try (OutputWatcher w = new OutputWatcher(bootstrap, OutputWatcher.outputTopics(s), c)) {
            w.drain();
            w.pollUntil(() -> c.decisions.size() >= expectedDecisions, Duration.ofMinutes(1));
        }
        c.offsets = offsets(bootstrap, OutputWatcher.outputTopics(s).keySet());
        return c;
    }

    /** The MiniCluster's environment with RocksDB state, as the job runs in production. */
    static StreamExecutionEnvironment environment(int parallelism, long checkpointMs) {
        return environment(parallelism, checkpointMs, "rocksdb");
    }

    /** The MiniCluster's environment with the given state backend (rocksdb or hashmap). */
    static StreamExecutionEnvironment environment(
            int parallelism, long checkpointMs, String stateBackend) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration backend = new Configuration();
        backend.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        env.configure(backend);
        env.setParallelism(parallelism);
        env.enableCheckpointing(checkpointMs);
        return env;
    }

    /**
     * Per output partition, the end a read_committed reader sees (the last stable offset) and the
     * log end: when decisions are missing, this tells an open transaction holding back the
     * committed end from records that were never written.
     */
    static String offsets(String bootstrap, java.util.Collection<String> topics) {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        java.util.Properties committed = new java.util.Properties();
        committed.putAll(p);
        committed.put("isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> all = new KafkaConsumer<>(p);
                KafkaConsumer<byte[], byte[]> stable = new KafkaConsumer<>(committed)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : topics) {
                for (PartitionInfo info : all.partitionsFor(t, Duration.ofSeconds(30))) {
                    parts.add(new TopicPartition(t, info.partition()));
                }
            }
            Map<TopicPartition, Long> logEnd = all.endOffsets(parts);
            Map<TopicPartition, Long> stableEnd = stable.endOffsets(parts);
            return parts.stream()
                    .map(
                            tp ->
                                    tp
                                            + ": committed end "
                                            + stableEnd.get(tp)
                                            + ", log end "
                                            + logEnd.get(tp))
                    .collect(Collectors.joining("; "));
        }
    }

    static final class Collected implements OutputWatcher.Listener {
        final List<Decision> decisions = new ArrayList<>();
        final List<Order> orders = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        String offsets = "";

        @Override
        public void onDecision(Decision d) {
            decisions.add(d);
        }

        @Override
        public void onOrder(Order o) {
            orders.add(o);
        }

        @Override
        public void onRejection(Rejection r) {
            rejections.add(r);
        }

        @Override
        public void onDeadLetter(DeadLetter d) {
            deadLetters.add(d);
        }
    }

    static List<Order> sorted(List<Order> orders) {
        return orders.stream()
                .sorted(
                        Comparator.comparingLong(Order::getEventTimeMs)
                                .thenComparing(Order::getSymbol))
                .collect(Collectors.toList());
    }

    @Test
    void knownCandlesGiveTheOrdersOfASequentialReplay() throws Exception {
        JobSettings s = JobSettings.from(settings("known"));
        KAFKA.broker().createTopics(2, topics(s));
        List<Candle> candles = candles(400);
        try (TopicWriter w = new TopicWriter(KAFKA.broker().bootstrapServers())) {
            w.write(s.get(KafkaOptions.TOPIC_CANDLES), candles, Candle.class, Candle::getSymbol);
        }

        Collected out = run(s, candles.size());

        assertThat(out.decisions).as(out.offsets).hasSize(candles.size());
        assertThat(out.deadLetters).isEmpty();
        List<Order> expected = SequentialReference.orders(candles, s);
        assertThat(expected).as("the reference run places orders").hasSizeGreaterThan(10);
        assertThat(sorted(out.orders)).containsExactlyElementsOf(sorted(expected));
        // Every order is at the close of the bar it was decided on, and sides alternate per symbol.
        Map<String, Double> closes =
                candles.stream()
                        .collect(
                                Collectors.toMap(
                                        c -> c.getSymbol() + "@" + c.getOpenTimeMs(),
                                        Candle::getClose));
        for (Order o : out.orders) {
            assertThat(o.getLimitPrice())
                    .isEqualTo(closes.get(o.getSymbol() + "@" + o.getEventTimeMs()));
            assertThat(o.getClientOrderId())
                    .isEqualTo(
                            "paper:"
                                    + o.getSymbol()
                                    + ":"
                                    + o.getEventTimeMs()
                                    + ":"
                                    + (o.getSide() == Side.BUY ? "B" : "S"));
        }
        for (String symbol : Set.of("SPY", "IBM")) {
            List<Side> sides =
                    sorted(out.orders).stream()
                            .filter(o -> o.getSymbol().equals(symbol))
                            .map(Order::getSide)
                            .collect(Collectors.toList());
            for (int i = 0; i < sides.size(); i++) {
                assertThat(sides.get(i)).isEqualTo(i % 2 == 0 ? Side.BUY : Side.SELL);
            }
        }
    }

    @Test
    void corruptAndInvalidRecordsAreDeadLetteredAndTheRestIsProcessed() throws Exception {
        JobSettings s = JobSettings.from(settings("corrupt"));
        String candleTopic = s.get(KafkaOptions.TOPIC_CANDLES);
        KAFKA.broker().createTopics(1, topics(s));
        List<Candle> candles =
                candles(150).stream()
                        .filter(c -> c.getSymbol().equals("SPY"))
                        .collect(Collectors.toList());
        AvroCodec<Candle> codec = AvroCodec.of(Candle.class);
        Candle invalid =
                Candle.newBuilder(candles.get(60)).setHigh(candles.get(60).getLow() - 1).build();

        long corruptOffset;
        long invalidOffset;
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", KAFKA.broker().bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Candle c : candles.subList(0, 50)) {
                send(producer, candleTopic, codec.encode(c));
            }
            corruptOffset =
                    send(producer, candleTopic, "not avro at all".getBytes(StandardCharsets.UTF_8))
                            .offset();
            for (Candle c : candles.subList(50, 60)) {
                send(producer, candleTopic, codec.encode(c));
            }
            invalidOffset = send(producer, candleTopic, codec.encode(invalid)).offset();
            for (Candle c : candles.subList(61, candles.size())) {
                send(producer, candleTopic, codec.encode(c));
            }
        }

        Collected out = run(s, candles.size() - 1);

        assertThat(out.deadLetters).hasSize(2);
        DeadLetter corrupt =
                out.deadLetters.stream()
                        .filter(d -> d.getOffset() == corruptOffset)
                        .findFirst()
                        .orElseThrow();
        assertThat(corrupt.getSourceTopic()).isEqualTo(candleTopic);
        assertThat(corrupt.getPartition()).isZero();
        assertThat(corrupt.getReason()).startsWith("undecodable candle record");
        assertThat(corrupt.getPayload().array())
                .isEqualTo("not avro at all".getBytes(StandardCharsets.UTF_8));
        DeadLetter bad =
                out.deadLetters.stream()
                        .filter(d -> d.getOffset() == invalidOffset)
                        .findFirst()
                        .orElseThrow();
        assertThat(bad.getReason()).startsWith("invalid candle: candle high/low do not bracket");
        // Every good candle, before and after the bad ones, got a decision.
        assertThat(out.decisions).as(out.offsets).hasSize(candles.size() - 1);
        assertThat(out.decisions.stream().mapToLong(Decision::getEventTimeMs).max().getAsLong())
                .isEqualTo(candles.get(candles.size() - 1).getOpenTimeMs());
    }

    @Test
    void theSameInputGivesIdenticalOutputAtParallelismOneAndTwo() throws Exception {
        DemoData data = DemoData.load();
        List<Collected> runs = new ArrayList<>();
        for (int parallelism : new int[] {1, 2}) {
            JobSettings s = JobSettings.from(settings("p" + parallelism));
            KAFKA.broker().createTopics(2, topics(s));
            write(s, data);
            runs.add(run(s, parallelism, data.candles().size()));
        }
        assertSameOutput(runs.get(0), runs.get(1), data);
    }

    /**
     * With object reuse (as the job runs) chained operators hand each other the same record
     * objects, and an output to several operators hands all of them one object: a function that
     * changed a record it received, or kept one and changed it later, would change what another
     * operator sees. Without it every chained operator gets its own copy. So the same input must
     * give the same output both ways. Both runs keep state on the heap, which holds the objects
     * themselves (RocksDB would serialise a record put into state and hide a function that keeps a
     * reference to it and changes it later).
     */
    @Test
    void objectReuseGivesTheOutputOfCopiedRecords() throws Exception {
        DemoData data = DemoData.load();
        List<Collected> runs = new ArrayList<>();
        for (boolean objectReuse : new boolean[] {false, true}) {
            JobSettings s = JobSettings.from(settings(objectReuse ? "reuse" : "copies"));
            KAFKA.broker().createTopics(2, topics(s));
            write(s, data);
            runs.add(run(s, environment(2, 2000, "hashmap"), objectReuse, data.candles().size()));
        }
        assertSameOutput(runs.get(0), runs.get(1), data);
    }

    /** The bundled candles, sentiment scores and order books, to the run's input topics. */
    private static void write(JobSettings s, DemoData data) {
        try (TopicWriter w = new TopicWriter(KAFKA.broker().bootstrapServers())) {
            w.write(
                    s.get(KafkaOptions.TOPIC_CANDLES),
                    data.candles(),
                    Candle.class,
                    Candle::getSymbol);
            w.write(
                    s.get(KafkaOptions.TOPIC_SENTIMENT),
                    data.sentiment(),
                    SentimentScore.class,
                    SentimentScore::getSymbol);
            w.write(
                    s.get(KafkaOptions.TOPIC_ORDER_BOOK),
                    data.books(),
                    OrderBookSnapshot.class,
                    OrderBookSnapshot::getSymbol);
        }
    }

    /**
     * Two runs over {@code data}: every candle decided, nothing dead-lettered, orders placed and
     * the market regime used; the same decisions, orders and rejections in both.
     */
    static void assertSameOutput(Collected one, Collected two, DemoData data) {
        for (Collected c : List.of(one, two)) {
            assertThat(c.deadLetters).as("nothing is late or invalid").isEmpty();
            assertThat(c.decisions).as(c.offsets).hasSize(data.candles().size());
        }
        assertThat(one.orders).as("the run places orders").hasSizeGreaterThan(10);
        assertThat(one.decisions)
                .as("the market regime reaches the agents")
                .anyMatch(d -> d.getRegime() != null);
        assertSameTrading(one, two);
    }

    /** The same decisions, orders and rejections in both runs, whatever their order. */
    static void assertSameTrading(Collected one, Collected two) {
        Comparator<Decision> byKey =
                Comparator.comparing(Decision::getSymbol)
                        .thenComparingLong(Decision::getEventTimeMs);
        assertThat(sortedBy(two.decisions, byKey))
                .containsExactlyElementsOf(sortedBy(one.decisions, byKey));
        assertThat(sorted(two.orders)).containsExactlyElementsOf(sorted(one.orders));
        Comparator<Rejection> rejections =
                Comparator.comparing(Rejection::getClientOrderId)
                        .thenComparing(r -> r.getReason().name());
        assertThat(sortedBy(two.rejections, rejections))
                .containsExactlyElementsOf(sortedBy(one.rejections, rejections));
    }

    private static <T> List<T> sortedBy(List<T> items, Comparator<T> order) {
        return items.stream().sorted(order).collect(Collectors.toList());
    }

    private static RecordMetadata send(
            KafkaProducer<byte[], byte[]> producer, String topic, byte[] value) throws Exception {
        return producer.send(
                        new ProducerRecord<>(topic, "SPY".getBytes(StandardCharsets.UTF_8), value))
                .get();
    }
}
