package io.tauflow.tools.demo;

import io.tauflow.agent.TradingCalendar;
import io.tauflow.emotion.EmojiProtocol;
import io.tauflow.ingest.InputOptions;
import io.tauflow.jobs.JobSettings;
import io.tauflow.jobs.KafkaIO;
import io.tauflow.jobs.KafkaOptions;
import io.tauflow.jobs.TradingJob;
import io.tauflow.schema.Action;
import io.tauflow.schema.Candle;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Emotion;
import io.tauflow.schema.Order;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.Side;
import io.tauflow.tools.backtest.BacktestCommand;
import io.tauflow.tools.backtest.Ledger;
import io.tauflow.tools.cli.CliCommand;
import io.tauflow.tools.cli.ConfigMixin;
import io.tauflow.tools.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/tauflow demo}: the whole job on its embedded default. Starts an in-process Kafka
 * broker and a local Flink MiniCluster with RocksDB, loads the bundled real market data, runs the
 * trading job over it (bounded), prints orders and emotion changes as the committed output arrives,
 * then a summary per symbol, and stops everything it started.
 *
 * <p>With {@code --savepoint-dir DIR} the sources are unbounded instead, and once a completed
 * checkpoint covers all the input the job is stopped with a drained savepoint in DIR (a finished
 * bounded job keeps none of its state): the output is the same, and the savepoint holds every agent
 * as the summary leaves it, for {@code bin/tauflow inspect}.
 */
@Command(
        name = "demo",
        header = "Run the whole job on the embedded default over the bundled real data.",
        mixinStandardHelpOptions = true,
        description = {
            "Run the whole trading job on its embedded default: an in-process Kafka broker"
                    + " (KRaft, 127.0.0.1) and a local Flink MiniCluster with RocksDB, over the"
                    + " bundled real market data. Prints orders and emotion changes as they are"
                    + " committed, then a summary per symbol, stops everything and exits 0."
        })
public final class Demo extends CliCommand {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            description = "Flink parallelism, >= 1 (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--run-dir",
            paramLabel = "DIR",
            defaultValue = "${sys:tauflow.home:-.}/run/demo",
            description =
                    "Where broker logs and checkpoints go (default ${DEFAULT-VALUE}); emptied"
                            + " first.")
    Path runDir;

    @Option(
            names = "--export-sentiment",
            paramLabel = "FILE",
            description =
                    "Write the bundled tweets about the demo's stocks as a sentiment CSV for"
                            + " 'backtest --sentiment' (text only, empty scores: the job scores"
                            + " them with its lexicon) and exit without running.")
    Path exportSentiment;

    @Option(
            names = "--savepoint-dir",
            paramLabel = "DIR",
            description =
                    "Unbounded sources instead: once all input is read, stop the job with a"
                            + " (drained) savepoint in DIR and print the command that inspects it"
                            + " (a finished bounded run keeps no state).")
    Path savepointDir;

    @Mixin ConfigMixin config;

    public Demo(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    public Integer call() throws Exception {
        atLeast("--parallelism", parallelism, 1);
        if (exportSentiment != null) {
            int n = SentimentExport.write(DemoData.load().sentiment(), exportSentiment);
            out.printf("%d sentiment readings written to %s%n", n, exportSentiment);
            return 0;
        }
        // Every option is checked before anything is wiped or started.
        Configuration conf = config.configuration();
        JobSettings.from(conf);
        if (savepointDir != null) {
            savepointDir = savepointDir.toAbsolutePath();
        }
        deleteRecursively(runDir);
        Files.createDirectories(runDir);
        long started = System.nanoTime();

        out.println(
                "Tauflow demo: in-process Kafka + local Flink (RocksDB), bundled real market data");
        out.println("run directory: " + runDir.toAbsolutePath());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(runDir.resolve("kafka"))) {
            conf.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            // A bounded job finishes, and a finished job keeps no checkpoint: to end with a
            // savepoint, the sources stay unbounded and the job is stopped once all is read.
            conf.set(KafkaOptions.BOUNDED, savepointDir == null);
            // The demo's topics are bounded and every partition has data to the end: no partition
            // needs to be declared idle, so a slow (CPU-starved) run cannot move the watermark
            // past a partition that is merely behind. (Nor may a source be idle when the job is
            // drained for a savepoint: Flink 2.2 drops an idle source's final watermark,
            // FLINK-40499, and the last bars would stay undecided.)
            conf.set(InputOptions.IDLENESS, Duration.ofMinutes(30));
            conf.set(KafkaOptions.STARTING_OFFSETS, KafkaOptions.StartingOffsets.EARLIEST);
            // A backtest of the bundled data: the ledger's costs suit its calendar, and the
            // agent's reward pays the same fee unless that is set.
            DemoData data = DemoData.load();
            Map<String, List<Candle>> bars = new TreeMap<>();
            for (Candle c : data.candles()) {
                bars.computeIfAbsent(c.getSymbol(), k -> new ArrayList<>()).add(c);
            }
            bars.values().forEach(l -> l.sort(Comparator.comparingLong(Candle::getOpenTimeMs)));
            TradingCalendar calendar = BacktestCommand.configuredOrDetected(conf, bars);
            Ledger.Costs costs =
                    new Ledger.Costs(
                            BacktestCommand.defaultFeeBps(calendar),
                            BacktestCommand.defaultSlippageBps(calendar),
                            Ledger.Fill.NEXT_OPEN);
            BacktestCommand.alignJob(conf, calendar, costs.feeBps(), costs.slippageBps());
            JobSettings settings = JobSettings.from(conf);
            String[] inputTopics = KafkaIO.inputTopics(settings).toArray(new String[0]);
            Map<String, OutputWatcher.Kind> outputTopics = OutputWatcher.outputTopics(settings);
            kafka.createTopics(2, inputTopics);
            kafka.createTopics(2, outputTopics.keySet().toArray(new String[0]));
            out.println("broker: " + kafka.bootstrapServers());

            try (TopicWriter writer = new TopicWriter(kafka.bootstrapServers())) {
                writer.writeMarket(
                        List.of(inputTopics), data.candles(), data.sentiment(), data.books());
            }
            Map<String, Long> candlesPerSymbol = new TreeMap<>();
            for (Candle c : data.candles()) {
                candlesPerSymbol.merge(c.getSymbol(), 1L, Long::sum);
            }
            out.printf(
                    "loaded %,d candles (%s), %,d sentiment scores, %,d order-book snapshots%n",
                    data.candles().size(),
                    String.join(", ", candlesPerSymbol.keySet()),
                    data.sentiment().size(),
                    data.books().size());

            StreamExecutionEnvironment env =
                    LocalFlink.environment(conf, runDir, parallelism, Duration.ofSeconds(1));
            TradingJob.define(env, KafkaIO.inputs(settings), KafkaIO.outputs(settings), settings);
            JobClient job = env.executeAsync("tauflow-demo");
            out.println(
                    "job "
                            + job.getJobID()
                            + " running at parallelism "
                            + parallelism
                            + " (orders appear as checkpoints commit them)");
            out.println();

            Printer printer = new Printer(candlesPerSymbol.keySet());
            CompletableFuture<?> result = job.getJobExecutionResult();
            CompletableFuture<String> stop = null;
            try (OutputWatcher watcher =
                            new OutputWatcher(kafka.bootstrapServers(), outputTopics, printer);
                    InputProgress input =
                            savepointDir == null
                                    ? null
                                    : new InputProgress(
                                            kafka.bootstrapServers(),
                                            settings.get(KafkaOptions.GROUP_ID),
                                            List.of(inputTopics))) {
                long checked = System.nanoTime();
                while (!result.isDone()) {
                    watcher.poll(Duration.ofMillis(250));
                    if (input != null
                            && stop == null
                            && System.nanoTime() - checked > 1_000_000_000L) {
                        checked = System.nanoTime();
                        if (input.allRead()) {
                            // drain: every bar still waiting for the watermark is decided and
                            // committed first, so the savepoint holds each agent as the summary
                            // below leaves it
                            out.println(
                                    "all input read: stopping the job with a savepoint in "
                                            + shown(savepointDir));
                            stop =
                                    job.stopWithSavepoint(
                                            true,
                                            savepointDir.toUri().toString(),
                                            SavepointFormatType.CANONICAL);
                        }
                    }
                    if (stop != null && stop.isCompletedExceptionally()) {
                        job.cancel().get();
                        stop.get(); // throws why the savepoint failed
                    }
                }
                result.get();
                watcher.drain();
                // Every candle gives one decision. If fewer are visible, an open transaction
                // is holding back the read_committed end offset: wait for it (up to 30 s).
                // (one decision per accepted candle, one dead letter per refused one)
                if (!watcher.pollUntil(
                        () ->
                                printer.decisions()
                                                + printer.deadLetters.stream()
                                                        .filter(
                                                                d ->
                                                                        d.getSourceTopic()
                                                                                .equals(
                                                                                        inputTopics[
                                                                                                0]))
                                                        .count()
                                        >= data.candles().size(),
                        Duration.ofSeconds(30))) {
                    out.printf(
                            "WARNING: only %,d of %,d decisions are visible to a read_committed"
                                    + " consumer; the summary below is incomplete.%n",
                            printer.decisions(), data.candles().size());
                }
            }
            printer.counts(candlesPerSymbol);
            Map<String, String> shown = new LinkedHashMap<>();
            shown.put("input", "bundled data (" + String.join(" ", bars.keySet()) + ")");
            shown.put("bars", Integer.toString(data.candles().size()));
            shown.put(
                    "calendar", calendar.equals(TradingCalendar.CRYPTO) ? "CRYPTO" : "US_EQUITIES");
            BacktestCommand.report(
                    out,
                    runDir.resolve("report"),
                    bars,
                    printer.orderList,
                    printer.decisionList,
                    printer.deadLetters,
                    costs,
                    calendar,
                    settings,
                    shown,
                    config.passedOptions());
            if (stop != null) {
                String savepoint = stop.get();
                if (savepoint.startsWith("file:")) {
                    savepoint = shown(Paths.get(URI.create(savepoint)));
                }
                out.printf(
                        "%nsavepoint: %s%nread it with: bin/tauflow inspect --savepoint %s%s%n",
                        savepoint, savepoint, inspectOptions(config.passedOptions()));
            }
        }
        out.printf(
                "%ndone in %.1f s; broker and Flink stopped.%n",
                (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /** A local path as the user would type it: relative to the working directory if inside it. */
    static String shown(Path path) {
        Path here = Paths.get("").toAbsolutePath();
        return (path.startsWith(here) ? here.relativize(path) : path).toString();
    }

    /**
     * The demo's options (as {@code --key=value}) that the inspect command needs to read the state
     * as the run wrote it, quoted for a shell where needed (a list's ';').
     */
    static String inspectOptions(List<String> demoOptions) {
        StringBuilder b = new StringBuilder();
        for (String a : demoOptions) {
            if (a.startsWith("--tauflow.encoder.") || a.startsWith("--tauflow.agent.")) {
                b.append(' ')
                        .append(
                                a.matches("[A-Za-z0-9._=,:/+-]*")
                                        ? a
                                        : "'" + a.replace("'", "'\\''") + "'");
            }
        }
        return b.toString();
    }

    /** Prints orders and emotion changes as they arrive and counts what each symbol did. */
    private final class Printer implements OutputWatcher.Listener {
        private final Map<String, long[]> counts = new TreeMap<>(); // decisions, intents, orders
        private final Map<String, Map<String, Long>> rejections = new TreeMap<>();
        private final Map<String, Emotion> emotions = new HashMap<>();
        private final List<DeadLetter> deadLetters = new ArrayList<>();
        final List<Decision> decisionList = new ArrayList<>();
        final List<Order> orderList = new ArrayList<>();

        Printer(Iterable<String> symbols) {
            for (String s : symbols) {
                count(s);
            }
        }

        long decisions() {
            return decisionList.size();
        }

        private long[] count(String symbol) {
            return counts.computeIfAbsent(symbol, k -> new long[3]);
        }

        @Override
        public void onDecision(Decision d) {
            decisionList.add(d);
            count(d.getSymbol())[0]++;
            if (d.getOrderIntent()) {
                count(d.getSymbol())[1]++;
            }
            Emotion before = emotions.put(d.getSymbol(), d.getEmotion());
            if (before != null && before != d.getEmotion()) {
                out.printf(
                        "%s  %-5s emotion %s %s -> %s %s%n",
                        TIME.format(Instant.ofEpochMilli(d.getEventTimeMs())),
                        d.getSymbol(),
                        EmojiProtocol.emotion(before),
                        before,
                        EmojiProtocol.emotion(d.getEmotion()),
                        d.getEmotion());
            }
        }

        @Override
        public void onOrder(Order o) {
            orderList.add(o);
            count(o.getSymbol())[2]++;
            Action action = o.getSide() == Side.BUY ? Action.BUY : Action.SELL;
            out.printf(
                    "%s  %-5s %s %-4s %10.4f @ %9.4f  $%8.2f  %s%n",
                    TIME.format(Instant.ofEpochMilli(o.getEventTimeMs())),
                    o.getSymbol(),
                    EmojiProtocol.emotion(o.getEmotion())
                            + " "
                            + EmojiProtocol.action(action)
                            + " "
                            + EmojiProtocol.confidenceBar(o.getConfidence()),
                    o.getSide(),
                    o.getQuantity(),
                    o.getLimitPrice(),
                    o.getNotional(),
                    o.getClientOrderId());
        }

        @Override
        public void onRejection(Rejection r) {
            rejections
                    .computeIfAbsent(r.getSymbol(), k -> new TreeMap<>())
                    .merge(r.getReason().name(), 1L, Long::sum);
            out.printf(
                    "%s  %-5s REJECTED %s %s: limit %.2f, observed %.2f%n",
                    TIME.format(Instant.ofEpochMilli(r.getEventTimeMs())),
                    r.getSymbol(),
                    r.getSide(),
                    r.getReason(),
                    r.getLimit(),
                    r.getObserved());
        }

        @Override
        public void onDeadLetter(DeadLetter d) {
            deadLetters.add(d);
        }

        /** What each symbol's agent did: the counts; the P&L is the ledger's (below). */
        void counts(Map<String, Long> candles) {
            out.println();
            out.printf(
                    "%-6s %8s %9s %7s %7s  %s%n",
                    "symbol", "candles", "decisions", "intents", "orders", "rejections");
            counts.forEach(
                    (symbol, c) ->
                            out.printf(
                                    "%-6s %8d %9d %7d %7d  %s%n",
                                    symbol,
                                    candles.getOrDefault(symbol, 0L),
                                    c[0],
                                    c[1],
                                    c[2],
                                    rejections.containsKey(symbol)
                                            ? rejections
                                                    .get(symbol)
                                                    .toString()
                                                    .replaceAll("[{} ]", "")
                                            : "-"));
            out.printf("dead letters: %d%n", deadLetters.size());
            deadLetters.stream()
                    .limit(5)
                    .forEach(
                            d ->
                                    out.printf(
                                            "  %s/%d@%d: %s%n",
                                            d.getSourceTopic(),
                                            d.getPartition(),
                                            d.getOffset(),
                                            d.getReason()));
        }
    }

    /** What a run directory of the demo, backtest or bench holds: nothing else is wiped. */
    static final java.util.Set<String> RUN_DIR_ENTRIES =
            java.util.Set.of("kafka", "checkpoints", "savepoints", "tmp", "report");

    /**
     * Empties a run directory before a run. Refuses (naming it) a directory holding anything a run
     * does not write, so a mistyped {@code --run-dir} never deletes someone's files.
     */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var entries = Files.list(dir)) {
            List<String> foreign =
                    entries.map(p -> p.getFileName().toString())
                            .filter(n -> !RUN_DIR_ENTRIES.contains(n))
                            .sorted()
                            .toList();
            if (!foreign.isEmpty()) {
                throw new IllegalArgumentException(
                        "refusing to empty "
                                + dir
                                + ": it holds "
                                + foreign
                                + ", which no run writes (a run directory holds only "
                                + new java.util.TreeSet<>(RUN_DIR_ENTRIES)
                                + "); choose another --run-dir");
            }
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
