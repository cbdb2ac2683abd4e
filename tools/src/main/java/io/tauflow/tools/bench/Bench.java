package io.tauflow.tools.bench;

import io.tauflow.ingest.AvroCodec;
import io.tauflow.ingest.InboundEvent;
import io.tauflow.ingest.InputOptions;
import io.tauflow.jobs.Inputs;
import io.tauflow.jobs.JobSettings;
import io.tauflow.jobs.KafkaIO;
import io.tauflow.jobs.KafkaOptions;
import io.tauflow.jobs.TradingJob;
import io.tauflow.risk.RiskGateFunction;
import io.tauflow.schema.Candle;
import io.tauflow.tools.cli.CliCommand;
import io.tauflow.tools.cli.ConfigMixin;
import io.tauflow.tools.demo.LocalFlink;
import io.tauflow.tools.demo.OutputWatcher;
import io.tauflow.tools.demo.TopicWriter;
import io.tauflow.tools.demo.data.CandleCsv;
import io.tauflow.tools.demo.data.DataResources;
import io.tauflow.tools.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/tauflow bench}: the throughput baseline. Pushes the same real candles through the full
 * trading job and through an identity job (the same Kafka sources straight into one exactly-once
 * Kafka sink) on the in-process broker and a local MiniCluster, and prints events/s of both and
 * their ratio. Wall time includes job start-up, the same for both. A warm-up run of both comes
 * first and is not counted (the first jobs in a JVM run while the JIT compiles); {@code --repeat N}
 * measures N runs of both in turn and prints their median ratio. {@code --symbols N} spreads the
 * candles over N symbols. {@code --rate R} measures decision latency instead: the full job runs
 * unbounded with at-least-once sinks while candles stamped with the wall clock arrive at R a second
 * (each symbol's bars one interval apart, open time = the wall clock when its turn starts), and the
 * bench prints p50 / p99 / max of the risk gate's decision-latency histogram.
 */
@Command(
        name = "bench",
        header = "Throughput of the full job against an identity job.",
        mixinStandardHelpOptions = true,
        description = {
            "Throughput baseline: the same events through the full job and through an identity"
                    + " job (same sources and sink, no operators), on the in-process broker and a"
                    + " local MiniCluster; prints events/s for both and their ratio"
                    + " (docs/BENCHMARKS.md).",
            "With --rate: decision latency at a steady input rate instead (at-least-once sinks,"
                    + " candles stamped with the wall clock); prints p50, p99 and max."
        })
public final class Bench extends CliCommand {

    /** Candles for the benchmark when ../shared/data is there (benchmarks may read it). */
    static final String[] SHARED_CANDLES = {
        "../shared/data/crypto_1m/binance_usdm_1m_FILUSDT_2023-08_2023-09.csv.gz",
        "../shared/data/crypto_1m/binance_usdm_1m_NEARUSDT_2023-08_2023-09.csv.gz",
        "../shared/data/crypto_1m/binance_usdm_1m_ALGOUSDT_2024-02.csv.gz",
        "../shared/data/crypto_1m/binance_usdm_1m_AVAXUSDT_2024-02.csv.gz"
    };

    @Option(
            names = "--events",
            paramLabel = "N",
            defaultValue = "200000",
            description = "Candles to push, >= 1 (default ${DEFAULT-VALUE}).")
    int events;

    @Option(
            names = "--repeat",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Measure the identity and the full job N times in turn and print the median"
                            + " ratio, for a machine whose speed varies from run to run, >= 1"
                            + " (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Runs of both jobs before the measured ones, not counted: the first run in a"
                            + " JVM is slower while the JIT compiles, >= 0 (default"
                            + " ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            description = "Flink parallelism, >= 1 (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--run-dir",
            paramLabel = "DIR",
            defaultValue = "${sys:tauflow.home:-.}/run/bench",
            description =
                    "Where the broker's logs and the checkpoints go (default ${DEFAULT-VALUE}).")
    Path runDir;

    @Option(
            names = "--data",
            paramLabel = "FILE",
            description =
                    "Candle CSV, plain or .gz (default: the ../shared/data crypto candles if"
                            + " present, else the bundled LEAN bars, repeated).")
    String dataFile;

    @Option(
            names = "--symbols",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "Spread the candles over N symbols (each a stretch of one real series, renamed"
                            + " and re-timed to a common start); 0 keeps the data's own symbols"
                            + " (default ${DEFAULT-VALUE}).")
    int symbols;

    @Option(
            names = "--rate",
            paramLabel = "CANDLES_PER_S",
            description =
                    "Measure decision latency at this steady input rate instead of throughput:"
                            + " the full job alone, unbounded, with at-least-once sinks.")
    Integer rate;

    @Option(
            names = "--duration",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "With --rate: how long to send candles (default ${DEFAULT-VALUE}).")
    int duration;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            defaultValue = "5s",
            description = "Checkpoint interval of the runs (default ${DEFAULT-VALUE}).")
    String checkpointInterval;

    @Mixin ConfigMixin config;

    public Bench(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    public Integer call() throws Exception {
        atLeast("--events", events, 1);
        atLeast("--parallelism", parallelism, 1);
        atLeast("--repeat", repeat, 1);
        atLeast("--warmup", warmup, 0);
        atLeast("--symbols", symbols, 0);
        if (rate != null) {
            atLeast("--rate", rate, 1);
            atLeast("--duration", duration, 1);
            return latency();
        }
        if (dataFile != null && !Files.isRegularFile(Paths.get(dataFile))) {
            throw usage("Invalid value for option '--data': no such file: " + dataFile);
        }
        Configuration conf = config.configuration();
        JobSettings.from(conf);
        Workload workload = candles(dataFile, events, symbols);
        List<Candle> candles = workload.candles();
        System.out.printf(
                "events: %,d candles (%s), parallelism %d, %d cores, %s%n",
                candles.size(),
                workload.source(),
                parallelism,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));

        Files.createDirectories(runDir);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(runDir.resolve("kafka"))) {
            conf.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            conf.set(KafkaOptions.BOUNDED, true);
            conf.set(KafkaOptions.STARTING_OFFSETS, KafkaOptions.StartingOffsets.EARLIEST);
            JobSettings settings = JobSettings.from(conf);
            kafka.createTopics(parallelism, KafkaIO.inputTopics(settings).toArray(new String[0]));
            kafka.createTopics(
                    parallelism,
                    OutputWatcher.outputTopics(settings).keySet().toArray(new String[0]));
            kafka.createTopics(parallelism, IDENTITY_TOPIC);
            try (TopicWriter w = new TopicWriter(kafka.bootstrapServers())) {
                w.write(
                        settings.get(KafkaOptions.TOPIC_CANDLES),
                        candles,
                        Candle.class,
                        Candle::getSymbol);
            }

            double[] ratios = new double[repeat];
            for (int r = -warmup; r < repeat; r++) {
                String run = r < 0 ? "-warmup" + (-r) : "-" + (r + 1);
                if (r == -warmup && warmup > 0) {
                    System.out.println(
                            "warm-up (not counted: the JVM compiles Kafka, Flink and"
                                    + " Tauflow code on the first runs):");
                } else if (r == 0) {
                    System.out.println("measured:");
                }
                conf.set(KafkaOptions.GROUP_ID, "bench-identity" + run);
                JobSettings identitySettings = JobSettings.from(conf);
                double identity =
                        time(
                                runDir,
                                conf,
                                parallelism,
                                checkpoint(),
                                env -> identityJob(env, identitySettings, "bench-identity" + run),
                                "identity",
                                candles.size());
                conf.set(KafkaOptions.GROUP_ID, "bench-full" + run);
                conf.set(KafkaOptions.TRANSACTIONAL_ID_PREFIX, "bench-full" + run);
                JobSettings full = JobSettings.from(conf);
                double job =
                        time(
                                runDir,
                                conf,
                                parallelism,
                                checkpoint(),
                                env ->
                                        TradingJob.define(
                                                env,
                                                KafkaIO.inputs(full),
                                                KafkaIO.outputs(full),
                                                full),
                                "full job",
                                candles.size());
                System.out.printf("ratio full/identity: %.2f%n", job / identity);
                if (r >= 0) {
                    ratios[r] = job / identity;
                }
            }
            if (repeat > 1) {
                double[] sorted = ratios.clone();
                Arrays.sort(sorted);
                System.out.printf(
                        "median ratio of %d measured runs: %.2f (%.2f to %.2f)%n",
                        repeat, median(sorted), sorted[0], sorted[repeat - 1]);
            }
        }
        return 0;
    }

    /**
     * The latency run: the full job alone, unbounded, at-least-once sinks; candles sent at {@link
     * #rate} a second, each stamped with the wall clock as its open time (a live market); at the
     * end, p50 / p99 / max of the risk gate's decision latency.
     */
    private Integer latency() throws Exception {
        Configuration conf = config.configuration();
        conf.set(KafkaOptions.BOUNDED, false);
        conf.set(KafkaOptions.STARTING_OFFSETS, KafkaOptions.StartingOffsets.EARLIEST);
        conf.set(KafkaOptions.DELIVERY, KafkaOptions.Delivery.AT_LEAST_ONCE);
        conf.set(KafkaOptions.GROUP_ID, "bench-latency");
        // inputs without data (sentiment, books, control) hold the watermark back until idle (a
        // minute in flink-conf/); watermarks go out every 200 ms and network buffers wait up to
        // 100 ms by default: unless given on the command line, 1 s, 10 ms and 0 ms (printed)
        if (!config.passed(InputOptions.IDLENESS.key())) {
            conf.set(InputOptions.IDLENESS, Duration.ofSeconds(1));
        }
        if (!config.passed(PipelineOptions.AUTO_WATERMARK_INTERVAL.key())) {
            conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(10));
        }
        if (!config.passed(ExecutionOptions.BUFFER_TIMEOUT.key())) {
            conf.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ZERO);
        }
        conf.setString(
                "metrics.reporter.latency.factory.class", LatencyReporter.Factory.class.getName());
        JobSettings settings = JobSettings.from(conf);
        int n = rate * duration;
        Workload workload = candles(dataFile, n, symbols);
        List<Candle> candles = workload.candles();
        long ooo = settings.eventTime.outOfOrderness().toMillis();
        System.out.printf(
                "latency: %,d candles/s for %d s (%s), parallelism %d, at-least-once, checkpoints every %s, out-of-orderness %d ms, idleness %s, watermark interval %s, buffer timeout %s%n",
                rate,
                duration,
                workload.source(),
                parallelism,
                checkpoint(),
                ooo,
                conf.get(InputOptions.IDLENESS),
                conf.get(PipelineOptions.AUTO_WATERMARK_INTERVAL),
                conf.get(ExecutionOptions.BUFFER_TIMEOUT));
        Files.createDirectories(runDir);
        LatencyReporter.reset();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(runDir.resolve("kafka"))) {
            conf.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            JobSettings s = JobSettings.from(conf);
            kafka.createTopics(parallelism, KafkaIO.inputTopics(s).toArray(new String[0]));
            kafka.createTopics(
                    parallelism, OutputWatcher.outputTopics(s).keySet().toArray(new String[0]));
            StreamExecutionEnvironment env =
                    LocalFlink.environment(
                            conf, runDir.resolve("latency"), parallelism, checkpoint());
            TradingJob.define(env, KafkaIO.inputs(s), KafkaIO.outputs(s), s);
            JobClient job = env.executeAsync("tauflow-bench-latency");
            try (TopicWriter w = new TopicWriter(kafka.bootstrapServers())) {
                AvroCodec<Candle> codec = AvroCodec.of(Candle.class);
                String topic = s.get(KafkaOptions.TOPIC_CANDLES);
                // each symbol's bars are one interval apart: the symbols share the rate
                long names = candles.stream().map(Candle::getSymbol).distinct().count();
                long interval = Math.max(1L, 1000L * names / rate);
                Map<String, Integer> bars = new HashMap<>();
                long start = System.nanoTime();
                long startMs = System.currentTimeMillis();
                for (int i = 0; i < candles.size(); i++) {
                    long due = start + (long) (i * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    Candle c = candles.get(i);
                    int j = bars.merge(c.getSymbol(), 1, Integer::sum) - 1;
                    w.writeRaw(
                            topic,
                            c.getSymbol(),
                            codec.encode(
                                    Candle.newBuilder(c)
                                            .setOpenTimeMs(startMs + j * interval)
                                            .setIntervalMs(interval)
                                            .build()));
                }
                w.flush();
                double sent = (System.nanoTime() - start) / 1e9;
                System.out.printf("sent %,d candles in %.1f s%n", candles.size(), sent);
            }
            // what is still held for the watermark needs out-of-orderness and a little more
            Thread.sleep(ooo + 3_000);
            long[] v = LatencyReporter.values();
            job.cancel().get();
            report(v, ooo);
        }
        return 0;
    }

    private void report(long[] values, long ooo) {
        if (values.length == 0) {
            System.out.println(
                    "no decision reached the risk gate ("
                            + LatencyReporter.summary()
                            + "): no latency to report");
            return;
        }
        long[] v = values.clone();
        java.util.Arrays.sort(v);
        long p50 = v[(int) Math.floor(0.50 * (v.length - 1))];
        long p90 = v[(int) Math.floor(0.90 * (v.length - 1))];
        long p99 = v[(int) Math.floor(0.99 * (v.length - 1))];
        long max = v[v.length - 1];
        System.out.printf(
                "decision latency over %,d decisions (the latest %,d per gate subtask): p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                v.length, RiskGateFunction.LATENCY_WINDOW, p50, p90, p99, max);
        System.out.printf(
                "target p99 <= out-of-orderness + 100 ms = %d ms: %s%n",
                ooo + 100, p99 <= ooo + 100 ? "met" : "not met");
    }

    private Duration checkpoint() {
        return positiveDuration("--checkpoint-interval", checkpointInterval);
    }

    static final String IDENTITY_TOPIC = "bench.identity";

    /** The median of sorted values. */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The candles to push and where they came from. */
    record Workload(List<Candle> candles, String source) {}

    interface Graph {
        void define(StreamExecutionEnvironment env) throws Exception;
    }

    private static double time(
            Path runDir,
            Configuration conf,
            int parallelism,
            Duration checkpoint,
            Graph graph,
            String name,
            int n)
            throws Exception {
        StreamExecutionEnvironment env =
                LocalFlink.environment(
                        conf, runDir.resolve(name.replace(' ', '-')), parallelism, checkpoint);
        graph.define(env);
        long t0 = System.nanoTime();
        env.execute("tauflow-bench-" + name);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double rate = n / seconds;
        System.out.printf(
                "%-9s %,10.0f events/s  (%.1f s wall, start-up included)%n", name, rate, seconds);
        return rate;
    }

    /** Same sources, same exactly-once sink, no operators in between. */
    static void identityJob(StreamExecutionEnvironment env, JobSettings s, String prefix) {
        TradingJob.configure(env);
        Inputs in = KafkaIO.inputs(s);
        WatermarkStrategy<InboundEvent> wm =
                WatermarkStrategy.<InboundEvent>forBoundedOutOfOrderness(
                                s.eventTime.outOfOrderness())
                        .withTimestampAssigner((e, ts) -> e.eventTimeMs())
                        .withIdleness(s.eventTime.idleness());
        DataStream<InboundEvent> all =
                env.fromSource(in.candles(), wm, "candles")
                        .uid("bench-candles")
                        .union(
                                env.fromSource(in.sentiment(), wm, "sentiment")
                                        .uid("bench-sentiment"),
                                env.fromSource(in.orderBook(), wm, "order-book")
                                        .uid("bench-orderbook"),
                                env.fromSource(in.control(), wm, "control").uid("bench-control"));
        KafkaRecordSerializationSchema<InboundEvent> schema = new IdentitySerializer();
        all.sinkTo(
                        KafkaSink.<InboundEvent>builder()
                                .setBootstrapServers(s.get(KafkaOptions.BOOTSTRAP_SERVERS))
                                .setRecordSerializer(schema)
                                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                .setTransactionalIdPrefix(prefix)
                                .setProperty(
                                        "transaction.timeout.ms",
                                        String.valueOf(
                                                s.get(KafkaOptions.TRANSACTION_TIMEOUT).toMillis()))
                                .build())
                .uid("bench-identity-sink");
    }

    /** Writes the record's payload back as Avro, keyed by symbol. */
    static final class IdentitySerializer implements KafkaRecordSerializationSchema<InboundEvent> {
        private static final long serialVersionUID = 1L;
        private final AvroCodec<Candle> codec = AvroCodec.of(Candle.class);

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                InboundEvent e, KafkaSinkContext ctx, Long ts) {
            byte[] value = e.candle != null ? codec.encode(e.candle) : new byte[0];
            return new ProducerRecord<>(
                    IDENTITY_TOPIC, e.symbol().getBytes(StandardCharsets.UTF_8), value);
        }
    }

    static Workload candles(String dataFile, int events, int symbols) throws IOException {
        Workload w = candles(dataFile, events);
        return symbols == 0
                ? w
                : new Workload(
                        spread(w.candles(), events, symbols),
                        w.source() + ", spread over " + symbols + " symbols");
    }

    /**
     * {@code events} candles of {@code symbols} symbols: symbol k is a stretch of real series k mod
     * B (B the data's series) renamed {@code SERIES-k}, each stretch starting further into its
     * series, all re-timed to start at the earliest candle's time, one interval apart. Sorted by
     * time, then symbol.
     */
    static List<Candle> spread(List<Candle> base, int events, int symbols) {
        Map<String, List<Candle>> series = new TreeMap<>();
        for (Candle c : base) {
            series.computeIfAbsent(c.getSymbol(), k -> new ArrayList<>()).add(c);
        }
        List<List<Candle>> all = new ArrayList<>(series.values());
        long t0 = base.stream().mapToLong(Candle::getOpenTimeMs).min().orElse(0L);
        int per = (events + symbols - 1) / symbols;
        int perSeries = (symbols + all.size() - 1) / all.size();
        List<Candle> out = new ArrayList<>(events);
        for (int k = 0; k < symbols; k++) {
            List<Candle> s = all.get(k % all.size());
            int stride = Math.max(0, (s.size() - per) / perSeries);
            int start = (k / all.size()) * stride;
            String name = String.format("%s-%03d", s.get(0).getSymbol(), k);
            for (int j = 0; j < per; j++) {
                Candle c = s.get((start + j) % s.size());
                out.add(
                        Candle.newBuilder(c)
                                .setSymbol(name)
                                .setOpenTimeMs(t0 + j * Math.max(1L, c.getIntervalMs()))
                                .build());
            }
        }
        out.sort(Comparator.comparingLong(Candle::getOpenTimeMs).thenComparing(Candle::getSymbol));
        return new ArrayList<>(out.subList(0, Math.min(events, out.size())));
    }

    static Workload candles(String dataFile, int events) throws IOException {
        List<Candle> base = new ArrayList<>();
        String source;
        if (dataFile != null) {
            base.addAll(read(Paths.get(dataFile)));
            source = dataFile;
        } else {
            // Relative to the project (bin/tauflow sets tauflow.home), not the caller's directory.
            Path home = Paths.get(System.getProperty("tauflow.home", "."));
            for (String f : SHARED_CANDLES) {
                if (Files.exists(home.resolve(f))) {
                    base.addAll(read(home.resolve(f)));
                }
            }
            if (base.isEmpty()) {
                System.out.println(
                        "../shared/data is missing: using the bundled LEAN bars, repeated with shifted times");
                base.addAll(CandleCsv.readResource(DataResources.LEAN_US_EQUITY_1M, "LEAN"));
                source = "bundled LEAN 1-minute bars, repeated";
            } else {
                source = "Binance USD-M 1-minute candles from ../shared/data/crypto_1m";
            }
        }
        base.sort(Comparator.comparingLong(Candle::getOpenTimeMs).thenComparing(Candle::getSymbol));
        long span =
                base.get(base.size() - 1).getOpenTimeMs() - base.get(0).getOpenTimeMs() + 60_000L;
        List<Candle> out = new ArrayList<>(events);
        for (int rep = 0; out.size() < events; rep++) {
            for (Candle c : base) {
                if (out.size() == events) {
                    break;
                }
                out.add(
                        rep == 0
                                ? c
                                : Candle.newBuilder(c)
                                        .setOpenTimeMs(c.getOpenTimeMs() + rep * span)
                                        .build());
            }
        }
        return new Workload(out, source);
    }

    private static List<Candle> read(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return CandleCsv.read(r, "BINANCE_USDM");
        }
    }
}
