package io.tauflow.tools.bench;

import io.tauflow.ingest.AvroCodec;
import io.tauflow.ingest.InboundEvent;
import io.tauflow.jobs.Inputs;
import io.tauflow.jobs.JobSettings;
import io.tauflow.jobs.KafkaIO;
import io.tauflow.jobs.KafkaOptions;
import io.tauflow.jobs.TradingJob;
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
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
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
 * their ratio. Wall time includes job start-up, the same for both.
 */
@Command(
        name = "bench",
        header = "Throughput of the full job against an identity job.",
        mixinStandardHelpOptions = true,
        description = {
            "Throughput baseline: the same events through the full job and through an identity"
                    + " job (same sources and sink, no operators), on the in-process broker and a"
                    + " local MiniCluster; prints events/s for both and their ratio"
                    + " (docs/BENCHMARKS.md)."
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

    @Mixin ConfigMixin config;

    public Bench(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    public Integer call() throws Exception {
        atLeast("--events", events, 1);
        atLeast("--parallelism", parallelism, 1);
        if (dataFile != null && !Files.isRegularFile(Paths.get(dataFile))) {
            throw usage("Invalid value for option '--data': no such file: " + dataFile);
        }
        Configuration conf = config.configuration();
        JobSettings.from(conf);
        Workload workload = candles(dataFile, events);
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

            double identity =
                    time(
                            runDir,
                            conf,
                            parallelism,
                            env -> identityJob(env, settings, "bench-identity"),
                            "identity",
                            candles.size());
            conf.set(KafkaOptions.GROUP_ID, "bench-full");
            conf.set(KafkaOptions.TRANSACTIONAL_ID_PREFIX, "bench-full");
            JobSettings full = JobSettings.from(conf);
            double job =
                    time(
                            runDir,
                            conf,
                            parallelism,
                            env ->
                                    TradingJob.define(
                                            env, KafkaIO.inputs(full), KafkaIO.outputs(full), full),
                            "full job",
                            candles.size());
            System.out.printf("ratio full/identity: %.2f%n", job / identity);
        }
        return 0;
    }

    static final String IDENTITY_TOPIC = "bench.identity";

    /** The candles to push and where they came from. */
    record Workload(List<Candle> candles, String source) {}

    interface Graph {
        void define(StreamExecutionEnvironment env) throws Exception;
    }

    private static double time(
            Path runDir, Configuration conf, int parallelism, Graph graph, String name, int n)
            throws Exception {
        StreamExecutionEnvironment env =
                LocalFlink.environment(
                        conf,
                        runDir.resolve(name.replace(' ', '-')),
                        parallelism,
                        Duration.ofSeconds(5));
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
