package io.tauflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.ingest.InboundDeserializer;
import io.tauflow.ingest.InboundEvent;
import io.tauflow.jobs.TradingJobITCase.Collected;
import io.tauflow.regime.RegimeOptions;
import io.tauflow.schema.Candle;
import io.tauflow.schema.Decision;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.SentimentScore;
import io.tauflow.tools.demo.InputProgress;
import io.tauflow.tools.demo.OutputWatcher;
import io.tauflow.tools.demo.TopicWriter;
import io.tauflow.tools.embedded.EmbeddedKafkaExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterRESTAddress;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a MiniCluster against a real broker while things break: the input arrives in chunks
 * and, while each chunk's output is being written, the candle source throws, the decisions sink
 * throws, or the TaskManager running the job is shut down (and a new one started), with a
 * checkpoint completing after each recovery; then the job is stopped with a savepoint at
 * parallelism 2 and restored at parallelism 1 for the rest of the input. The committed decisions,
 * orders and rejections are those of a run without failures: none lost, none twice, none different;
 * and the restarts were real (Flink's own restart count).
 */
class FailureRecoveryITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir static Path savepoints;

    static final int SYMBOLS = 4;
    static final int BARS_PER_SYMBOL = 400;
    static final int CHUNKS = 8;

    /** The failures, in order, one per chunk from the first. */
    enum Failure {
        SOURCE_EXCEPTION,
        SINK_EXCEPTION,
        TASK_MANAGER_KILL
    }

    static final List<Failure> FAILURES =
            List.of(
                    Failure.SOURCE_EXCEPTION,
                    Failure.SINK_EXCEPTION,
                    Failure.TASK_MANAGER_KILL,
                    Failure.SOURCE_EXCEPTION,
                    Failure.SINK_EXCEPTION,
                    Failure.TASK_MANAGER_KILL);

    /** Records until the armed source, or sink, throws; 0 or less: disarmed. JVM-wide. */
    static final AtomicInteger SOURCE_COUNTDOWN = new AtomicInteger();

    static final AtomicInteger SINK_COUNTDOWN = new AtomicInteger();
    static final AtomicInteger SOURCE_THROWN = new AtomicInteger();
    static final AtomicInteger SINK_THROWN = new AtomicInteger();

    private final Collected seen = new Collected();

    @Test
    void failuresWhileOutputIsWrittenAndARescaleLoseAndRepeatNothing(
            @InjectMiniCluster MiniCluster cluster, @InjectClusterRESTAddress URI rest)
            throws Exception {
        Data data = Data.load();

        // what a run without failures commits
        JobSettings calm = settings("calm", true);
        try (TopicWriter w = new TopicWriter(KAFKA.broker().bootstrapServers())) {
            for (int i = 0; i < CHUNKS; i++) {
                data.write(w, calm, i);
            }
        }
        StreamExecutionEnvironment env = TradingJobITCase.environment(2, 500);
        TradingJob.define(env, KafkaIO.inputs(calm), KafkaIO.outputs(calm), calm);
        env.execute("tauflow-calm");
        Collected expected =
                TradingJobITCase.collect(
                        KAFKA.broker().bootstrapServers(), calm, data.candles.size());
        assertThat(expected.decisions).hasSameSizeAs(data.candles);
        assertThat(expected.orders).as("the calm run places orders").hasSizeGreaterThan(10);

        // the same input in chunks, with a failure while each of the first six is processed
        JobSettings chaos = settings("chaos", false);
        StreamExecutionEnvironment first = TradingJobITCase.environment(2, 300);
        restartOnFailure(first);
        TradingJob.define(first, failingInputs(chaos), failingOutputs(chaos), chaos);
        JobClient job = first.executeAsync("tauflow-chaos");
        String jobId = job.getJobID().toHexString();

        int liveTaskManager = 0;
        try (OutputWatcher out =
                        new OutputWatcher(
                                KAFKA.broker().bootstrapServers(),
                                OutputWatcher.outputTopics(chaos),
                                seen);
                TopicWriter w = new TopicWriter(KAFKA.broker().bootstrapServers())) {
            for (int i = 0; i < FAILURES.size(); i++) {
                Failure f = FAILURES.get(i);
                int before = seen.decisions.size();
                int sources = SOURCE_THROWN.get();
                int sinks = SINK_THROWN.get();
                if (f == Failure.SOURCE_EXCEPTION) {
                    SOURCE_COUNTDOWN.set(data.candlesIn(i) / 2);
                } else if (f == Failure.SINK_EXCEPTION) {
                    SINK_COUNTDOWN.set(data.candlesIn(i) / 2);
                }
                data.write(w, chaos, i);
                if (i > 0) {
                    // the restart before left the watermark behind until every partition got a
                    // record again: this chunk's. The previous chunk's decisions are now due.
                    long upTo = data.watermarkAfter(i - 1);
                    long due =
                            expected.decisions.stream()
                                    .filter(d -> d.getEventTimeMs() <= upTo)
                                    .count();
                    until(
                            out,
                            () -> seen.decisions.size() >= due,
                            "chunk " + (i - 1) + " committed (" + due + " decisions due)");
                }
                switch (f) {
                    case SOURCE_EXCEPTION ->
                            until(
                                    out,
                                    () -> SOURCE_THROWN.get() > sources,
                                    "source exception " + i);
                    case SINK_EXCEPTION ->
                            until(out, () -> SINK_THROWN.get() > sinks, "sink exception " + i);
                    case TASK_MANAGER_KILL -> {
                        // while this chunk's output is being written, the TaskManager goes
                        until(out, () -> seen.decisions.size() > before + 20, "output " + i);
                        cluster.terminateTaskManager(liveTaskManager).get();
                        cluster.startTaskManager();
                        liveTaskManager++;
                    }
                }
                // recovered: a checkpoint triggered after the failure completes before the next
                // one (the REST statistics are cached for a few seconds: hence trigger times)
                long failedAt = System.currentTimeMillis();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (latestCheckpointTrigger(rest, jobId) <= failedAt
                        && System.nanoTime() < deadline) {
                    out.poll(Duration.ofMillis(300));
                }
                assertThat(latestCheckpointTrigger(rest, jobId))
                        .as("a checkpoint after failure " + i + " (" + f + ")")
                        .isGreaterThan(failedAt);
            }
            assertThat(SOURCE_THROWN.get()).as("source exceptions thrown").isEqualTo(2);
            assertThat(SINK_THROWN.get()).as("sink exceptions thrown").isEqualTo(2);
            long restarts = restarts(rest, jobId, FAILURES.size());
            assertThat(restarts)
                    .as("Flink's restart count")
                    .isGreaterThanOrEqualTo(FAILURES.size());

            // stop with a savepoint at parallelism 2, go on at parallelism 1
            String savepoint = stopWithSavepoint(job, false);
            Configuration restore = new Configuration();
            restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            StreamExecutionEnvironment second = TradingJobITCase.environment(1, 300);
            second.configure(restore);
            TradingJob.define(second, KafkaIO.inputs(chaos), KafkaIO.outputs(chaos), chaos);
            JobClient rescaled = second.executeAsync("tauflow-chaos-rescaled");
            for (int i = FAILURES.size(); i < CHUNKS; i++) {
                data.write(w, chaos, i);
            }
            try (InputProgress input =
                    new InputProgress(
                            KAFKA.broker().bootstrapServers(),
                            chaos.get(KafkaOptions.GROUP_ID),
                            KafkaIO.inputTopics(chaos))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!input.allRead() && System.nanoTime() < deadline) {
                    out.poll(Duration.ofMillis(200));
                }
                assertThat(input.allRead()).as("all input read at parallelism 1").isTrue();
            }
            // drained: every bar still waiting for the watermark is decided and committed
            stopWithSavepoint(rescaled, true);
            until(out, () -> seen.decisions.size() >= data.candles.size(), "all decisions");
            out.drain();
        }

        assertThat(seen.deadLetters).as("nothing late or invalid").isEmpty();
        assertThat(seen.decisions).as("one decision per candle").hasSameSizeAs(data.candles);
        TradingJobITCase.assertSameTrading(expected, seen);
    }

    // --- the job's wiring, with the failures ---

    private static Inputs failingInputs(JobSettings s) {
        Inputs kafka = KafkaIO.inputs(s);
        return new Inputs(
                KafkaIO.source(
                        s,
                        KafkaOptions.TOPIC_CANDLES,
                        new FailingDeserializer(InboundDeserializer.candles(s.input))),
                kafka.sentiment(),
                kafka.orderBook(),
                kafka.control());
    }

    private static Outputs failingOutputs(JobSettings s) {
        return Outputs.of(
                KafkaIO.ordersSink(s),
                KafkaIO.rejectionsSink(s),
                KafkaIO.sink(
                        s,
                        "decisions",
                        new FailingSerializer(
                                KafkaIO.serializer(
                                        s.get(KafkaOptions.TOPIC_DECISIONS),
                                        Decision.class,
                                        Decision::getSymbol))),
                KafkaIO.deadLettersSink(s),
                KafkaIO.riskEstimatesSink(s));
    }

    /** The candle deserializer, throwing once when its countdown reaches zero. */
    static final class FailingDeserializer
            implements KafkaRecordDeserializationSchema<InboundEvent> {
        private final InboundDeserializer delegate;

        FailingDeserializer(InboundDeserializer delegate) {
            this.delegate = delegate;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<InboundEvent> out)
                throws IOException {
            if (SOURCE_COUNTDOWN.getAndDecrement() == 1) {
                SOURCE_THROWN.incrementAndGet();
                throw new IOException("injected source failure at offset " + r.offset());
            }
            delegate.deserialize(r, out);
        }

        @Override
        public TypeInformation<InboundEvent> getProducedType() {
            return delegate.getProducedType();
        }
    }

    /** The decisions serializer, throwing once when its countdown reaches zero. */
    static final class FailingSerializer implements KafkaRecordSerializationSchema<Decision> {
        private final KafkaRecordSerializationSchema<Decision> delegate;

        FailingSerializer(KafkaRecordSerializationSchema<Decision> delegate) {
            this.delegate = delegate;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                Decision d, KafkaSinkContext context, Long timestamp) {
            if (SINK_COUNTDOWN.getAndDecrement() == 1) {
                SINK_THROWN.incrementAndGet();
                throw new IllegalStateException("injected sink failure at " + d.getSymbol());
            }
            return delegate.serialize(d, context, timestamp);
        }
    }

    // --- runs ---

    private static JobSettings settings(String prefix, boolean bounded) {
        Configuration c = TradingJobITCase.settings(KAFKA.broker().bootstrapServers(), prefix);
        c.set(KafkaOptions.BOUNDED, bounded);
        c.set(RegimeOptions.MARKET_REFERENCE_SYMBOL, "S0");
        JobSettings s = JobSettings.from(c);
        KAFKA.broker().createTopics(2, TradingJobITCase.topics(s));
        return s;
    }

    private static void restartOnFailure(StreamExecutionEnvironment env) {
        Configuration c = new Configuration();
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 100);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        env.configure(c);
    }

    private void until(OutputWatcher out, BooleanSupplier done, String what)
            throws IOException, InterruptedException {
        assertThat(out.pollUntil(done, Duration.ofSeconds(60)))
                .as(() -> what + " within 60 s; committed decisions: " + seen.decisions.size())
                .isTrue();
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String get(URI rest, String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(rest.resolve(path)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    /** Trigger time (epoch ms) of the job's latest completed checkpoint; 0 before the first. */
    private static long latestCheckpointTrigger(URI rest, String jobId)
            throws IOException, InterruptedException {
        JsonNode stats = JSON.readTree(get(rest, "/jobs/" + jobId + "/checkpoints"));
        return stats.at("/latest/completed/trigger_timestamp").asLong(0);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Stops the job with a savepoint, trying again while a task is still being deployed (the
     * savepoint is refused until every task runs).
     */
    private static String stopWithSavepoint(JobClient job, boolean drain) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return job.stopWithSavepoint(
                                drain, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (attempt == 10
                        || !String.valueOf(e.getMessage()).contains("not being executed")) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * Flink's numRestarts metric of the job, read until it reaches {@code atLeast} or 30 s pass
     * (the REST endpoint serves metrics fetched every few seconds, so a fresh value lags).
     */
    private static long restarts(URI rest, String jobId, long atLeast)
            throws IOException, InterruptedException {
        Pattern value = Pattern.compile("\"value\":\"(\\d+)\"");
        long seen = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seen < atLeast && System.nanoTime() < deadline) {
            Matcher m = value.matcher(get(rest, "/jobs/" + jobId + "/metrics?get=numRestarts"));
            if (m.find()) {
                seen = Long.parseLong(m.group(1));
            } else {
                Thread.sleep(500);
            }
        }
        return seen;
    }

    // --- the input ---

    /**
     * Real SPY bars as four symbols (S0 the market reference; two on each partition of a
     * two-partition topic), and a sentiment score and a book every other bar of each.
     */
    static final class Data {
        final List<Candle> candles;
        final List<SentimentScore> sentiment = new ArrayList<>();
        final List<OrderBookSnapshot> books = new ArrayList<>();

        /** Chunk i holds event times in [bounds[i], bounds[i + 1]). */
        final long[] bounds = new long[CHUNKS + 1];

        private Data(List<Candle> candles) {
            this.candles = candles;
            Map<String, Integer> bars = new java.util.HashMap<>();
            for (Candle c : candles) {
                int n = bars.merge(c.getSymbol(), 1, Integer::sum);
                if (n % 2 != 1) {
                    continue;
                }
                sentiment.add(MarketRecords.scoreAt(c, n % 7 - 3.0));
                books.add(MarketRecords.bookAround(c));
            }
            for (int i = 0; i < CHUNKS; i++) {
                bounds[i] = candles.get(i * candles.size() / CHUNKS).getOpenTimeMs();
            }
            bounds[CHUNKS] = Long.MAX_VALUE;
            assertThat(bars.keySet().stream().map(Data::partitionOf).distinct().count())
                    .as("symbols on both partitions")
                    .isEqualTo(2);
        }

        static Data load() {
            return new Data(AgentSavepointITCase.symbols(SYMBOLS, BARS_PER_SYMBOL));
        }

        /** The partition of a two-partition topic that Kafka's producer sends a key to. */
        static int partitionOf(String symbol) {
            return org.apache.kafka.common.utils.Utils.toPositive(
                            org.apache.kafka.common.utils.Utils.murmur2(
                                    symbol.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    % 2;
        }

        private <T> List<T> in(List<T> records, int chunk, java.util.function.ToLongFunction<T> t) {
            return records.stream()
                    .filter(
                            r ->
                                    t.applyAsLong(r) >= bounds[chunk]
                                            && t.applyAsLong(r) < bounds[chunk + 1])
                    .toList();
        }

        int candlesIn(int chunk) {
            return in(candles, chunk, Candle::getOpenTimeMs).size();
        }

        /**
         * The watermark once chunks 0..{@code chunk} are read: the earliest, over the input topics
         * and their partitions, of the latest event time written, less the 5 s out-of-orderness.
         */
        long watermarkAfter(int chunk) {
            long min = Long.MAX_VALUE;
            for (int p = 0; p < 2; p++) {
                int partition = p;
                min =
                        Math.min(
                                min,
                                latest(
                                        candles,
                                        chunk,
                                        partition,
                                        Candle::getSymbol,
                                        Candle::getOpenTimeMs));
                min =
                        Math.min(
                                min,
                                latest(
                                        sentiment,
                                        chunk,
                                        partition,
                                        SentimentScore::getSymbol,
                                        SentimentScore::getEventTimeMs));
                min =
                        Math.min(
                                min,
                                latest(
                                        books,
                                        chunk,
                                        partition,
                                        OrderBookSnapshot::getSymbol,
                                        OrderBookSnapshot::getEventTimeMs));
            }
            return min - 5_000 - 1;
        }

        private <T> long latest(
                List<T> records,
                int chunk,
                int partition,
                java.util.function.Function<T, String> symbol,
                java.util.function.ToLongFunction<T> t) {
            return records.stream()
                    .filter(r -> t.applyAsLong(r) < bounds[chunk + 1])
                    .filter(r -> partitionOf(symbol.apply(r)) == partition)
                    .mapToLong(t)
                    .max()
                    .orElse(Long.MIN_VALUE);
        }

        /** Writes chunk {@code i} of every input to the run's topics. */
        void write(TopicWriter w, JobSettings s, int chunk) {
            w.write(
                    s.get(KafkaOptions.TOPIC_CANDLES),
                    in(candles, chunk, Candle::getOpenTimeMs),
                    Candle.class,
                    Candle::getSymbol);
            w.write(
                    s.get(KafkaOptions.TOPIC_SENTIMENT),
                    in(sentiment, chunk, SentimentScore::getEventTimeMs),
                    SentimentScore.class,
                    SentimentScore::getSymbol);
            w.write(
                    s.get(KafkaOptions.TOPIC_ORDER_BOOK),
                    in(books, chunk, OrderBookSnapshot::getEventTimeMs),
                    OrderBookSnapshot.class,
                    OrderBookSnapshot::getSymbol);
        }
    }
}
