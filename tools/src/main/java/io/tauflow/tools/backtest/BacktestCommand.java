package io.tauflow.tools.backtest;

import io.tauflow.agent.AgentOptions;
import io.tauflow.agent.TradingCalendar;
import io.tauflow.jobs.JobSettings;
import io.tauflow.schema.Candle;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Order;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.SentimentScore;
import io.tauflow.tools.cli.CliCommand;
import io.tauflow.tools.cli.ConfigMixin;
import io.tauflow.tools.demo.Demo;
import io.tauflow.tools.embedded.EmbeddedKafka;
import io.tauflow.tools.train.AgentCarryOver;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/tauflow backtest}: the production job graph over candle files on the embedded default
 * (in-process broker, MiniCluster, RocksDB), then the agents' orders and two benchmarks through one
 * {@link Ledger} with fees and slippage, and the report files of {@link ReportFiles}.
 */
@Command(
        name = "backtest",
        header = "Run the job over candle files and report its P&L against benchmarks.",
        mixinStandardHelpOptions = true,
        description = {
            "Run the production job graph on the embedded default (in-process Kafka broker, local"
                    + " Flink MiniCluster, RocksDB) over candle CSVs, then fill the approved"
                    + " orders in one ledger with fees and slippage, beside buy-and-hold and an"
                    + " SMA 20/50 crossover over the same bars and costs. Writes trades.csv,"
                    + " equity.csv, summary.json and report.html to --out (docs/BACKTEST.md)."
        })
public final class BacktestCommand extends CliCommand {

    @Mixin MarketFiles files;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "${sys:tauflow.home:-.}/run/backtest",
            description = "Where the report goes (default ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(
            names = "--run-dir",
            paramLabel = "DIR",
            defaultValue = "${sys:tauflow.home:-.}/run/backtest-work",
            description =
                    "Where the broker's logs and the checkpoints go (default ${DEFAULT-VALUE});"
                            + " emptied first.")
    Path runDir;

    /** The calendar of {@code --calendar}. */
    public enum CalendarChoice {
        AUTO,
        CRYPTO,
        US_EQUITIES
    }

    @Mixin LedgerOptions ledger;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            description = "Flink parallelism, >= 1 (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description =
                    "Start the agents from the learnt state in this savepoint (a champion of"
                            + " 'train', or a savepoint of the job): each symbol's Q-table,"
                            + " steps and voter scores; features and positions start afresh."
                            + " Add --tauflow.agent.learning=FROZEN to evaluate it unchanged.")
    String fromSavepoint;

    @Mixin ConfigMixin config;

    public BacktestCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    public Integer call() throws Exception {
        atLeast("--parallelism", parallelism, 1);
        files.check(spec);
        ledger.check(spec);
        Configuration conf = config.configuration();
        JobSettings.from(conf);

        // Read and check every file before anything starts.
        Market market = files.read();
        Map<String, List<Candle>> bars = market.bars();
        List<Candle> all = market.candles();
        List<SentimentScore> sentiment = market.sentiment();
        List<OrderBookSnapshot> books = market.books();

        LedgerOptions.Resolved costs = ledger.resolve(conf, bars);
        TradingCalendar cal = costs.calendar();
        boolean detected = costs.detected();
        boolean crypto = cal.equals(TradingCalendar.CRYPTO);
        long interval = Analysis.barInterval(bars);

        JobRun.Collected collected = runJob(conf, all, sentiment, books);

        JobSettings settings = JobSettings.from(conf);
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("input", String.join(" ", files.inputs.stream().map(Path::toString).toList()));
        if (!files.sentimentFiles.isEmpty()) {
            shown.put(
                    "sentiment",
                    String.join(" ", files.sentimentFiles.stream().map(Path::toString).toList())
                            + " ("
                            + sentiment.size()
                            + " readings)");
        }
        if (!files.bookFiles.isEmpty()) {
            shown.put(
                    "order books",
                    String.join(" ", files.bookFiles.stream().map(Path::toString).toList())
                            + " ("
                            + books.size()
                            + " snapshots)");
        }
        shown.put("symbols", String.join(" ", bars.keySet()));
        shown.put("bars", Integer.toString(all.size()));
        shown.put(
                "bar interval", Duration.ofMillis(interval).toString().substring(2).toLowerCase());
        shown.put(
                "calendar",
                (crypto ? "CRYPTO" : "US_EQUITIES") + (detected ? " (detected)" : " (set)"));
        report(
                out,
                outDir,
                bars,
                collected.orders,
                collected.decisions,
                collected.deadLetters,
                costs.costs(),
                cal,
                settings,
                shown,
                config.passedOptions());
        ReportFiles.writeRiskEstimates(outDir, collected.estimates);
        out.println(
                "risk estimates: "
                        + collected.estimates.size()
                        + " in "
                        + outDir.resolve("risk-estimates.csv").toAbsolutePath().normalize());
        return 0;
    }

    /** The calendar of {@code tauflow.metrics.calendar} when set, else the bars'. */
    public static TradingCalendar configuredOrDetected(
            Configuration conf, Map<String, List<Candle>> bars) {
        return conf.containsKey(AgentOptions.METRICS_CALENDAR.key())
                ? TradingCalendar.from(conf)
                : Analysis.detectCalendar(bars);
    }

    /**
     * Makes the job measure as the ledger does: its metrics calendar is the ledger's, and the
     * agent's reward pays the ledger's cost of a fill, fee plus slippage per side, unless {@code
     * tauflow.agent.fee-bps} is set.
     */
    public static void alignJob(
            Configuration conf, TradingCalendar calendar, double feeBps, double slippageBps) {
        if (!conf.containsKey(AgentOptions.FEE_BPS.key())) {
            conf.set(AgentOptions.FEE_BPS, feeBps + slippageBps);
        }
        conf.set(
                AgentOptions.METRICS_CALENDAR,
                calendar.equals(TradingCalendar.CRYPTO)
                        ? AgentOptions.Calendar.CRYPTO
                        : AgentOptions.Calendar.US_EQUITIES);
    }

    /**
     * The backtest of a finished run, for the backtest and the demo: the orders and both benchmarks
     * through the ledger on the bars the job accepted (what it refused is neither filled at nor
     * marked), the report files in {@code dir}, and the summary on {@code out}.
     *
     * @param shown the run's own settings to show first; the costs, capital, agent fee, options and
     *     accounts follow
     */
    public static BacktestResult report(
            PrintStream out,
            Path dir,
            Map<String, List<Candle>> bars,
            List<Order> orders,
            List<Decision> decisions,
            List<DeadLetter> deadLetters,
            Ledger.Costs costs,
            TradingCalendar calendar,
            JobSettings settings,
            Map<String, String> shown,
            List<String> passedOptions)
            throws IOException {
        BacktestResult result =
                analyse(
                        bars,
                        orders,
                        decisions,
                        deadLetters,
                        costs,
                        calendar,
                        settings,
                        shown,
                        passedOptions);
        ReportFiles.write(dir, result);
        printSummary(out, result);
        out.println("report: " + dir.resolve("report.html").toAbsolutePath().normalize());
        return result;
    }

    /**
     * The figures of a finished run, for {@link #report} and each pass of {@code train}: the orders
     * and both benchmarks through the ledger on the bars the job accepted, with the costs, capital,
     * agent cost, options and accounts added to {@code shown}.
     */
    public static BacktestResult analyse(
            Map<String, List<Candle>> bars,
            List<Order> orders,
            List<Decision> decisions,
            List<DeadLetter> deadLetters,
            Ledger.Costs costs,
            TradingCalendar calendar,
            JobSettings settings,
            Map<String, String> shown,
            List<String> passedOptions) {
        double capital = settings.risk.startingCapital();
        shown.put("fee bps per side", num(costs.feeBps()));
        shown.put("slippage bps per fill", num(costs.slippageBps()));
        shown.put("fill", costs.fill().name());
        shown.put("starting capital", num(capital));
        shown.put("agent cost bps (reward)", num(settings.agent.feeBps()));
        shown.put("options", String.join(" ", passedOptions));
        int accounts =
                (int) bars.keySet().stream().map(settings.accounts::accountOf).distinct().count();
        if (accounts > 1) {
            shown.put(
                    "accounts",
                    accounts + " (starting capital each; ALL and benchmarks on the sum)");
        }
        List<String> dead = new ArrayList<>();
        for (DeadLetter d : deadLetters) {
            dead.add(d.getSourceTopic() + ": " + d.getReason());
        }
        return Analysis.analyse(
                Analysis.acceptedBars(bars, decisions),
                orders,
                decisions,
                costs,
                capital,
                accounts,
                calendar,
                settings.encoder.size(),
                shown,
                dead);
    }

    private JobRun.Collected runJob(
            Configuration conf,
            List<Candle> candles,
            List<SentimentScore> sentiment,
            List<OrderBookSnapshot> books)
            throws Exception {
        Demo.deleteRecursively(runDir);
        Files.createDirectories(runDir);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(runDir.resolve("kafka"))) {
            String restore = null;
            if (fromSavepoint != null) {
                Path carried = runDir.resolve("savepoints").resolve("from-savepoint");
                AgentCarryOver.carryOver(fromSavepoint, carried);
                restore = carried.toUri().toString();
                out.println("agents restored from " + fromSavepoint);
            }
            return new JobRun(kafka, runDir, parallelism, out, err, "backtest")
                    .bounded(conf, new JobRun.Data(candles, sentiment, books), null, restore);
        }
    }

    /** The default fee per side: a crypto taker fee, or what a liquid US equity costs. */
    public static double defaultFeeBps(TradingCalendar calendar) {
        return calendar.equals(TradingCalendar.CRYPTO) ? 4.5 : 0.5;
    }

    /** The default slippage per fill. */
    public static double defaultSlippageBps(TradingCalendar calendar) {
        return calendar.equals(TradingCalendar.CRYPTO) ? 1.0 : 0.5;
    }

    /** The settings, the figures of every book and the seed targets, as a table. */
    public static void printSummary(PrintStream out, BacktestResult r) {
        out.println();
        r.settings().forEach((k, v) -> out.printf("%-24s %s%n", k, v));
        out.println();
        out.println(
                "On the starting capital, then on the capital at risk (@risk); turnover x capital;"
                        + " fees include slippage; - undefined, inf infinite.");
        out.printf(
                "%-13s %8s %7s %7s %8s %9s %7s %8s %6s %6s %6s %8s %6s %6s %9s %7s%n",
                "book",
                "return",
                "Sharpe",
                "Sortino",
                "max DD",
                "ret@risk",
                "Sh@risk",
                "DD@risk",
                "trades",
                "win %",
                "PF",
                "hold",
                "expo %",
                "turn",
                "fees",
                "cover %");
        List<Metrics> rows = new ArrayList<>(r.symbols());
        rows.add(r.total());
        rows.addAll(r.benchmarks());
        for (Metrics m : rows) {
            out.printf(
                    Locale.ROOT,
                    "%-13s %8s %7s %7s %8s %9s %7s %8s %6d %6s %6s %8s %6s %6s %9.2f %7s%n",
                    m.name(),
                    fig(m.totalReturn(), 100, "%"),
                    fig(m.sharpe(), 1, ""),
                    fig(m.sortino(), 1, ""),
                    fig(m.maxDrawdown(), 100, "%"),
                    fig(m.returnOnRisk(), 100, "%"),
                    fig(m.sharpeOnRisk(), 1, ""),
                    fig(m.maxDrawdownOnRisk(), 100, "%"),
                    m.trades(),
                    fig(m.winRate(), 100, ""),
                    fig(m.profitFactor(), 1, ""),
                    holding(m.avgHoldingMs()),
                    fig(m.exposure(), 100, ""),
                    fig(m.turnover(), 1, ""),
                    m.fees(),
                    fig(m.coverage(), 100, ""));
        }
        Metrics t = r.total();
        out.printf(
                "seed targets (ALL): Sharpe > 1.5 %s, max DD better than -15 %% %s, win rate > 45 %% %s,"
                        + " profit factor > 1.2 %s, coverage > 1 %% %s%n",
                met(t.meetsSharpe()),
                met(t.meetsMaxDrawdown()),
                met(t.meetsWinRate()),
                met(t.meetsProfitFactor()),
                met(t.meetsCoverage()));
        out.printf(
                "round trips: %,d; dead letters: %,d%n", r.trades().size(), r.deadLetters().size());
    }

    /** Two decimals of {@code value x scale}; "inf" when infinite, "-" when undefined. */
    static String fig(double value, double scale, String unit) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.2f", value * scale) + unit;
    }

    /** A duration as 45s, 12m05s, 3h20m or 4d07h. */
    static String holding(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        long s = Math.round(ms / 1000);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, s % 86_400 / 3600);
    }

    private static String met(boolean met) {
        return met ? "met" : "not met";
    }

    /** The shortest decimal that reads back as the same double, without an exponent. */
    public static String num(double x) {
        return new java.math.BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }
}
