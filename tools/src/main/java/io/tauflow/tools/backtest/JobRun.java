package io.tauflow.tools.backtest;

import io.tauflow.ingest.InboundEvent;
import io.tauflow.ingest.InputOptions;
import io.tauflow.jobs.Inputs;
import io.tauflow.jobs.JobSettings;
import io.tauflow.jobs.KafkaIO;
import io.tauflow.jobs.KafkaOptions;
import io.tauflow.jobs.TradingJob;
import io.tauflow.schema.Candle;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Order;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.RiskEstimate;
import io.tauflow.schema.SentimentScore;
import io.tauflow.tools.demo.LocalFlink;
import io.tauflow.tools.demo.OutputWatcher;
import io.tauflow.tools.demo.TopicWriter;
import io.tauflow.tools.embedded.EmbeddedKafka;
import io.tauflow.tools.train.EmptySource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One run of the production job graph on the embedded default (a broker the caller started, a local
 * MiniCluster with RocksDB) over candles and side inputs held in memory: the backtest's and each
 * training pass's. Either bounded (the sources end at the topics' ends and the job finishes, as
 * {@code bin/tauflow backtest} runs) or drained to a savepoint (the sources stay open; once the
 * consumer group has committed the end of every input, the job is stopped with a savepoint after
 * draining, which flushes every held event exactly as the end of a bounded input does, so the
 * decisions are the same and the state at the end is kept). Either may start from a savepoint.
 */
public final class JobRun {

    /** The market data of one run. */
    public record Data(
            List<Candle> candles, List<SentimentScore> sentiment, List<OrderBookSnapshot> books) {}

    /** What the job wrote to its output topics. */
    public static final class Collected implements OutputWatcher.Listener {
        public final List<Decision> decisions = new ArrayList<>();
        public final List<Order> orders = new ArrayList<>();
        public final List<DeadLetter> deadLetters = new ArrayList<>();
        public final List<RiskEstimate> estimates = new ArrayList<>();

        /** The savepoint the run was stopped with; null for a bounded run. */
        public String savepoint;

        @Override
        public void onDecision(Decision d) {
            decisions.add(d);
        }

        @Override
        public void onOrder(Order o) {
            orders.add(o);
        }

        @Override
        public void onDeadLetter(DeadLetter d) {
            deadLetters.add(d);
        }

        @Override
        public void onRiskEstimate(RiskEstimate e) {
            estimates.add(e);
        }

        /** Records of {@code topic} that went to the dead-letter topic. */
        public synchronized int refused(String topic) {
            int n = 0;
            for (DeadLetter d : deadLetters) {
                if (d.getSourceTopic().equals(topic)) {
                    n++;
                }
            }
            return n;
        }
    }

    private final EmbeddedKafka kafka;
    private final Path runDir;
    private final int parallelism;
    private final PrintStream out;
    private final PrintStream err;
    private final String label;

    /**
     * @param runDir where checkpoints, savepoints of the MiniCluster and temporary files go
     * @param label the command's name in messages and the Flink job's name
     */
    public JobRun(
            EmbeddedKafka kafka,
            Path runDir,
            int parallelism,
            PrintStream out,
            PrintStream err,
            String label) {
        this.kafka = kafka;
        this.runDir = runDir;
        this.parallelism = parallelism;
        this.out = out;
        this.err = err;
        this.label = label;
    }

    /**
     * Runs the job over {@code data} with bounded sources until it finishes.
     *
     * @param namespace prefixes every topic, the consumer group and the transactional ids, so that
     *     runs on one broker do not meet; null keeps the configured names
     * @param restore a savepoint to start from, or null
     */
    public Collected bounded(Configuration conf, Data data, String namespace, String restore)
            throws Exception {
        return run(conf, data, namespace, restore, null);
    }

    /**
     * Runs the job over {@code data} with open sources, then stops it with a drained savepoint in
     * {@code savepointDir} once every input record has been read and checkpointed; the result's
     * {@link Collected#savepoint} is its path. The input topics have one partition each and inputs
     * without data are left out (an open source of an empty partition would hold the watermark), so
     * no input is ever idle and no event is late.
     */
    public Collected drainedToSavepoint(
            Configuration conf, Data data, String namespace, String restore, Path savepointDir)
            throws Exception {
        return run(conf, data, namespace, restore, savepointDir);
    }

    private Collected run(
            Configuration base, Data data, String namespace, String restore, Path savepointDir)
            throws Exception {
        boolean drain = savepointDir != null;
        Configuration conf = new Configuration(base);
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        conf.set(KafkaOptions.BOUNDED, !drain);
        // Every input partition holds data to its end, or is left out: no partition is idle.
        conf.set(InputOptions.IDLENESS, Duration.ofMinutes(30));
        conf.set(KafkaOptions.STARTING_OFFSETS, KafkaOptions.StartingOffsets.EARLIEST);
        if (namespace != null) {
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
                conf.set(topic, namespace + "." + conf.get(topic));
            }
            conf.set(KafkaOptions.GROUP_ID, conf.get(KafkaOptions.GROUP_ID) + "-" + namespace);
            conf.set(
                    KafkaOptions.TRANSACTIONAL_ID_PREFIX,
                    conf.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX) + "-" + namespace);
        }
        if (restore != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restore);
        }
        JobSettings settings = JobSettings.from(conf);
        String[] inputTopics = KafkaIO.inputTopics(settings).toArray(new String[0]);
        Map<String, OutputWatcher.Kind> outputTopics = OutputWatcher.outputTopics(settings);
        kafka.createTopics(drain ? 1 : 2, inputTopics);
        kafka.createTopics(2, outputTopics.keySet().toArray(new String[0]));
        try (TopicWriter writer = new TopicWriter(kafka.bootstrapServers())) {
            writer.writeMarket(
                    List.of(inputTopics), data.candles(), data.sentiment(), data.books());
        }
        Inputs inputs = KafkaIO.inputs(settings);
        List<String> read = new ArrayList<>(List.of(inputTopics[0]));
        if (drain) {
            EmptySource<InboundEvent> none =
                    new EmptySource<>(TypeInformation.of(InboundEvent.class));
            if (!data.sentiment().isEmpty()) {
                read.add(inputTopics[1]);
            }
            if (!data.books().isEmpty()) {
                read.add(inputTopics[2]);
            }
            inputs =
                    new Inputs(
                            inputs.candles(),
                            data.sentiment().isEmpty() ? none : inputs.sentiment(),
                            data.books().isEmpty() ? none : inputs.orderBook(),
                            none);
        }
        StreamExecutionEnvironment env =
                LocalFlink.environment(conf, runDir, parallelism, Duration.ofSeconds(1));
        TradingJob.define(env, inputs, KafkaIO.outputs(settings), settings);
        long started = System.nanoTime();
        JobClient job = env.executeAsync("tauflow-" + label);
        CompletableFuture<?> result = job.getJobExecutionResult();
        int total = data.candles().size();
        String candleTopic = inputTopics[0];
        Collected collected = new Collected();
        try (OutputWatcher watcher =
                        new OutputWatcher(kafka.bootstrapServers(), outputTopics, collected);
                Admin admin =
                        Admin.create(
                                Map.of(
                                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                        kafka.bootstrapServers()))) {
            long shownAt = 0;
            long checkedAt = 0;
            while (!result.isDone()) {
                watcher.poll(Duration.ofMillis(250));
                long now = System.nanoTime();
                if (now - shownAt > 2_000_000_000L) {
                    shownAt = now;
                    progress(
                            collected.decisions.size() + collected.refused(candleTopic),
                            total,
                            now - started);
                }
                if (drain && collected.savepoint == null && now - checkedAt > 500_000_000L) {
                    checkedAt = now;
                    if (consumed(admin, settings.get(KafkaOptions.GROUP_ID), read)) {
                        collected.savepoint =
                                job.stopWithSavepoint(
                                                true,
                                                savepointDir.toUri().toString(),
                                                SavepointFormatType.CANONICAL)
                                        .get();
                    }
                }
            }
            result.get();
            watcher.drain();
            // One decision per accepted bar, one dead letter per refused one: wait for an open
            // transaction to commit the last ones.
            if (!watcher.pollUntil(
                    () -> collected.decisions.size() + collected.refused(candleTopic) >= total,
                    Duration.ofSeconds(30))) {
                err.printf(
                        "tauflow %s: WARNING: only %,d of %,d decisions are visible;"
                                + " the results are incomplete.%n",
                        label, collected.decisions.size(), total);
            }
            progress(
                    collected.decisions.size() + collected.refused(candleTopic),
                    total,
                    System.nanoTime() - started);
        }
        return collected;
    }

    /** Whether {@code group} has committed the end of every partition of {@code topics}. */
    private static boolean consumed(Admin admin, String group, List<String> topics)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (var d : admin.describeTopics(topics).allTopicNames().get().values()) {
            for (var p : d.partitions()) {
                ends.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
            }
        }
        for (var e : admin.listOffsets(ends).all().get().entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            long end = e.getValue().offset();
            if (end > 0 && (c == null || c.offset() < end)) {
                return false;
            }
        }
        return true;
    }

    private void progress(int done, int total, long elapsedNs) {
        double seconds = elapsedNs / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        String left =
                done == 0
                        ? "?"
                        : String.format(
                                Locale.ROOT, "%.0f s", (total - done) / Math.max(rate, 1e-9));
        out.printf(
                Locale.ROOT,
                "bars %,d of %,d (%.0f %%), %,.0f bars/s, %s left%n",
                done,
                total,
                100.0 * done / total,
                rate,
                left);
        out.flush();
    }
}
