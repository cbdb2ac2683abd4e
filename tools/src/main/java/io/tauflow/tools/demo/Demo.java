package io.tauflow.tools.demo;

import io.tauflow.agent.AgentOptions;
import io.tauflow.agent.PerformanceMetrics;
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
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.SentimentScore;
import io.tauflow.schema.Side;
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
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
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

    /** Capital per symbol the summary's returns and drawdown are measured against. */
    static final double CAPITAL_PER_SYMBOL = 1_000.0;

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
            JobSettings settings = JobSettings.from(conf);
            String[] inputTopics = KafkaIO.inputTopics(settings).toArray(new String[0]);
            Map<String, OutputWatcher.Kind> outputTopics = OutputWatcher.outputTopics(settings);
            kafka.createTopics(2, inputTopics);
            kafka.createTopics(2, outputTopics.keySet().toArray(new String[0]));
            out.println("broker: " + kafka.bootstrapServers());

            DemoData data = DemoData.load();
            try (TopicWriter writer = new TopicWriter(kafka.bootstrapServers())) {
                writer.write(inputTopics[0], data.candles(), Candle.class, Candle::getSymbol);
                writer.write(
                        inputTopics[1],
                        data.sentiment(),
                        SentimentScore.class,
                        SentimentScore::getSymbol);
                writer.write(
                        inputTopics[2],
                        data.books(),
                        OrderBookSnapshot.class,
                        OrderBookSnapshot::getSymbol);
            }
            Map<String, Long> candlesPerSymbol = new TreeMap<>();
            Map<String, Long> intervals = new HashMap<>();
            for (Candle c : data.candles()) {
                candlesPerSymbol.merge(c.getSymbol(), 1L, Long::sum);
                intervals.put(c.getSymbol(), c.getIntervalMs());
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

            Printer printer = new Printer(candlesPerSymbol.keySet(), intervals, settings.calendar);
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
                if (!watcher.pollUntil(
                        () -> printer.decisions() >= data.candles().size(),
                        Duration.ofSeconds(30))) {
                    out.printf(
                            "WARNING: only %,d of %,d decisions are visible to a read_committed"
                                    + " consumer; the summary below is incomplete.%n",
                            printer.decisions(), data.candles().size());
                }
            }
            printer.summary(
                    candlesPerSymbol,
                    settings.encoder.size(),
                    settings.get(AgentOptions.METRICS_CALENDAR));
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

    private final class Printer implements OutputWatcher.Listener {
        private final Map<String, SymbolLedger> ledgers = new TreeMap<>();
        private final Map<String, Emotion> emotions = new HashMap<>();
        private final Map<String, Long> intervals;
        private final TradingCalendar calendar;
        private final List<DeadLetter> deadLetters = new ArrayList<>();

        Printer(Iterable<String> symbols, Map<String, Long> intervals, TradingCalendar calendar) {
            this.intervals = intervals;
            this.calendar = calendar;
            for (String s : symbols) {
                ledger(s);
            }
        }

        long decisions() {
            long n = 0;
            for (SymbolLedger l : ledgers.values()) {
                n += l.decisions();
            }
            return n;
        }

        private SymbolLedger ledger(String symbol) {
            return ledgers.computeIfAbsent(
                    symbol,
                    s -> {
                        SymbolLedger l = new SymbolLedger(s, CAPITAL_PER_SYMBOL, calendar);
                        l.setIntervalMs(intervals.getOrDefault(s, 60_000L));
                        return l;
                    });
        }

        @Override
        public void onDecision(Decision d) {
            ledger(d.getSymbol()).onDecision(d);
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
            ledger(o.getSymbol()).onOrder(o);
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
            ledger(r.getSymbol()).onRejection(r);
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

        void summary(
                Map<String, Long> candles, int stateSpace, AgentOptions.Calendar calendarName) {
            out.println();
            out.println(
                    "Summary per symbol (orders filled on paper at their limit price; returns on $"
                            + (long) CAPITAL_PER_SYMBOL
                            + " per symbol; Sharpe/Sortino annualised for the bar interval in the "
                            + calendarName
                            + " calendar; - where undefined; ALL = combined equity, all trades)");
            out.printf(
                    "%-6s %8s %9s %7s %7s %-22s %10s %7s %7s %8s %7s %7s %9s%n",
                    "symbol",
                    "candles",
                    "decisions",
                    "intents",
                    "orders",
                    "rejections",
                    "P&L $",
                    "Sharpe",
                    "Sortino",
                    "max DD",
                    "win %",
                    "PF",
                    "Q-cover");
            List<NavigableMap<Long, Double>> curves = new ArrayList<>();
            List<Double> allTrades = new ArrayList<>();
            long totalCandles = 0;
            long totalDecisions = 0;
            long totalIntents = 0;
            long totalOrders = 0;
            long visited = 0;
            long interval = Long.MAX_VALUE;
            for (SymbolLedger l : ledgers.values()) {
                SymbolLedger.Summary s = l.summary();
                String rej =
                        l.rejections().isEmpty()
                                ? "-"
                                : l.rejections().toString().replaceAll("[{} ]", "");
                long n = candles.getOrDefault(l.symbol(), 0L);
                row(l.symbol(), n, l.decisions(), l.intents(), l.orders(), rej, s);
                out.printf(
                        " %8.2f%%%n",
                        100 * PerformanceMetrics.stateCoverage(l.visitedStates(), stateSpace));
                curves.add(l.equityCurve());
                allTrades.addAll(l.tradePnls());
                totalCandles += n;
                totalDecisions += l.decisions();
                totalIntents += l.intents();
                totalOrders += l.orders();
                visited += l.visitedStates();
                interval = Math.min(interval, l.intervalMs());
            }
            if (ledgers.size() > 1) {
                double[] equity = SymbolLedger.values(PerformanceMetrics.combine(curves));
                PerformanceMetrics.Report r =
                        PerformanceMetrics.report(
                                equity, allTrades, calendar.periodsPerYear(interval));
                row(
                        "ALL",
                        totalCandles,
                        totalDecisions,
                        totalIntents,
                        totalOrders,
                        "",
                        SymbolLedger.Summary.of(equity[equity.length - 1] - equity[0], r));
                out.printf(
                        " %8.2f%%%n",
                        100
                                * PerformanceMetrics.stateCoverage(
                                        visited, (long) stateSpace * ledgers.size()));
            }
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

    private void row(
            String symbol,
            long candles,
            long decisions,
            long intents,
            long orders,
            String rejections,
            SymbolLedger.Summary s) {
        out.printf(
                "%-6s %8d %9d %7d %7d %-22s %10.2f %7s %7s %8s %7s %7s",
                symbol,
                candles,
                decisions,
                intents,
                orders,
                rejections,
                s.pnl(),
                figure(s.sharpe(), 1, ""),
                figure(s.sortino(), 1, ""),
                figure(s.maxDrawdown(), 100, "%"),
                figure(s.winRate(), 100, "%"),
                figure(s.profitFactor(), 1, ""));
    }

    /** Two decimals, "inf" for an infinite figure and "-" for an undefined one. */
    static String figure(double value, double scale, String unit) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return String.format("%.2f", value * scale) + unit;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
