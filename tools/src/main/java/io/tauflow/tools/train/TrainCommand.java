package io.tauflow.tools.train;

import io.tauflow.agent.AgentConfig;
import io.tauflow.agent.AgentOptions;
import io.tauflow.agent.TradingCalendar;
import io.tauflow.jobs.JobSettings;
import io.tauflow.tools.backtest.BacktestCommand;
import io.tauflow.tools.backtest.BacktestResult;
import io.tauflow.tools.backtest.JobRun;
import io.tauflow.tools.backtest.Ledger;
import io.tauflow.tools.backtest.LedgerOptions;
import io.tauflow.tools.backtest.Market;
import io.tauflow.tools.backtest.MarketFiles;
import io.tauflow.tools.backtest.Metrics;
import io.tauflow.tools.backtest.ReportFiles;
import io.tauflow.tools.cli.CliCommand;
import io.tauflow.tools.cli.ConfigMixin;
import io.tauflow.tools.cli.FileList;
import io.tauflow.tools.cli.InspectCommand;
import io.tauflow.tools.demo.Demo;
import io.tauflow.tools.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/tauflow train}: replays the same history several times through the production job,
 * carrying what the agents learnt from pass to pass ({@link AgentCarryOver}), and keeps each pass's
 * learnt state as a savepoint; after each pass the learnt state is evaluated frozen on validation
 * data, and the best pass by a documented rule becomes the champion (docs/TRAINING.md).
 */
@Command(
        name = "train",
        header = "Train the agents over history in passes and keep the best as a savepoint.",
        mixinStandardHelpOptions = true,
        description = {
            "Replay candle CSVs --passes times through the production job on the embedded default,"
                    + " carrying each symbol's Q-table, steps (so the exploration phase) and"
                    + " voter scores from pass to pass; features and positions restart each"
                    + " pass. Each pass's learnt state is written as a savepoint to"
                    + " DIR/pass-N/savepoint with its backtest in DIR/pass-N/train; with"
                    + " --validate, the state is also evaluated frozen (no learning, no"
                    + " exploration) on other data (DIR/pass-N/validate). The pass with the"
                    + " highest score (validation Sharpe of all agents, else training Sharpe;"
                    + " undefined counts as 0; ties go to the earlier pass) is copied to"
                    + " DIR/champion. Costs and calendar as for 'backtest'; runs at parallelism 1"
                    + " (docs/TRAINING.md)."
        })
public final class TrainCommand extends CliCommand {

    private static final Pattern OWN = Pattern.compile("pass-\\d+|champion|passes\\.csv");

    @Option(
            names = "--validate",
            arity = "1..*",
            parameterConsumer = FileList.class,
            paramLabel = "FILE",
            description =
                    "Candle CSVs to evaluate each pass's state on, frozen; they choose the"
                            + " champion. Without them the training figures do (in sample).")
    List<Path> validateFiles = new ArrayList<>();

    @Option(
            names = "--passes",
            paramLabel = "N",
            defaultValue = "3",
            description = "Passes over the training data, >= 1 (default ${DEFAULT-VALUE}).")
    int passes;

    @Option(
            names = "--savepoint-dir",
            paramLabel = "DIR",
            defaultValue = "${sys:tauflow.home:-.}/run/train",
            description =
                    "Where each pass's savepoint and reports and the champion go (default"
                            + " ${DEFAULT-VALUE}); a directory of an earlier 'train' is replaced,"
                            + " any other non-empty one refused.")
    Path savepointDir;

    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description =
                    "Start from the agents' learnt state in this savepoint (a champion, a pass,"
                            + " or a savepoint of the job) instead of from nothing.")
    String fromSavepoint;

    @Option(
            names = "--run-dir",
            paramLabel = "DIR",
            defaultValue = "${sys:tauflow.home:-.}/run/train-work",
            description =
                    "Where the broker's logs and the checkpoints go (default ${DEFAULT-VALUE});"
                            + " emptied first.")
    Path runDir;

    @Mixin MarketFiles files;

    @Mixin LedgerOptions ledger;

    @Mixin ConfigMixin config;

    public TrainCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    /** One pass's figures. */
    record Pass(
            int number,
            BacktestResult train,
            BacktestResult validation,
            long minSteps,
            long visitedStates,
            double score,
            Path savepoint) {}

    @Override
    public Integer call() throws Exception {
        atLeast("--passes", passes, 1);
        files.check(spec);
        MarketFiles.check(spec, "--validate", validateFiles);
        ledger.check(spec);
        Configuration conf = config.configuration();
        JobSettings.from(conf);
        Market train = files.read();
        Market validation =
                validateFiles.isEmpty()
                        ? null
                        : Market.read(validateFiles, files.symbol, List.of(), List.of());
        LedgerOptions.Resolved resolved = ledger.resolve(conf, train.bars());
        TradingCalendar cal = resolved.calendar();
        double fee = resolved.feeBps();
        double slippage = resolved.slippageBps();
        JobSettings settings = JobSettings.from(conf);
        Configuration frozen = new Configuration(conf);
        frozen.set(AgentOptions.LEARNING, AgentOptions.Learning.FROZEN);
        Ledger.Costs costs = resolved.costs();

        prepareOutput();
        Demo.deleteRecursively(runDir);
        Files.createDirectories(runDir);
        out.printf(
                Locale.ROOT,
                "training on %,d bars of %s, %d pass(es), fee %s + slippage %s bps per side, %s%n",
                train.candles().size(),
                String.join(" ", train.bars().keySet()),
                passes,
                BacktestCommand.num(fee),
                BacktestCommand.num(slippage),
                validation == null
                        ? "no validation data (the champion is chosen in sample)"
                        : String.format(
                                Locale.ROOT, "validated on %,d bars", validation.candles().size()));
        List<Pass> done = new ArrayList<>();
        String restore = null;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(runDir.resolve("kafka"))) {
            if (fromSavepoint != null) {
                Path start = runDir.resolve("savepoints").resolve("start");
                AgentCarryOver.carryOver(fromSavepoint, start);
                restore = start.toUri().toString();
                out.println("starting from the agents in " + fromSavepoint);
            }
            // Parallelism 1: each input topic of a pass has one partition (see JobRun), and a
            // second source subtask, without a partition, would hold the watermark to the end.
            JobRun run = new JobRun(kafka, runDir, 1, out, err, "train");
            for (int k = 1; k <= passes; k++) {
                out.printf("pass %d of %d%n", k, passes);
                Path passDir = savepointDir.resolve("pass-" + k);
                Path raw = runDir.resolve("savepoints").resolve("pass-" + k);
                long passStarted = System.nanoTime();
                JobRun.Collected c =
                        run.drainedToSavepoint(conf, train.data(), "pass-" + k, restore, raw);
                if (c.savepoint == null) {
                    throw new IllegalStateException("pass " + k + " ended without a savepoint");
                }
                Path savepoint = passDir.resolve("savepoint");
                List<AgentCarryOver.Carried> agents =
                        AgentCarryOver.carryOver(c.savepoint, savepoint);
                delete(raw);
                restore = savepoint.toUri().toString();
                out.printf(
                        Locale.ROOT,
                        "pass %d: %,d bars replayed and the agents' state saved in %.1f s%n",
                        k,
                        train.candles().size(),
                        (System.nanoTime() - passStarted) / 1e9);
                BacktestResult trained = analyse(train, c, costs, cal, settings, "train pass " + k);
                ReportFiles.write(passDir.resolve("train"), trained);
                BacktestResult validated = null;
                if (validation != null) {
                    JobRun.Collected v =
                            run.bounded(frozen, validation.data(), "validate-" + k, restore);
                    validated = analyse(validation, v, costs, cal, settings, "validate pass " + k);
                    ReportFiles.write(passDir.resolve("validate"), validated);
                }
                long minSteps = agents.stream().mapToLong(a -> a.steps()).min().orElse(0);
                long visited = agents.stream().mapToLong(a -> a.tableStates.length).sum();
                Metrics chooser = (validated != null ? validated : trained).total();
                double score = score(chooser);
                done.add(new Pass(k, trained, validated, minSteps, visited, score, savepoint));
                printTable(done, settings.agent);
            }
        }
        Pass champion = done.get(champion(done.stream().mapToDouble(Pass::score).toArray()));
        Path championDir = savepointDir.resolve("champion");
        copy(champion.savepoint(), championDir);
        Files.writeString(savepointDir.resolve("passes.csv"), csv(done, champion, settings.agent));
        out.printf(
                Locale.ROOT,
                "champion: pass %d (score %.2f, %s); savepoint %s%n",
                champion.number(),
                champion.score(),
                validation == null ? "training Sharpe, in sample" : "validation Sharpe",
                championDir.toAbsolutePath().normalize());
        out.println(
                "evaluate it: bin/tauflow backtest --from-savepoint "
                        + championDir.toAbsolutePath().normalize()
                        + " --input OTHER.csv --tauflow.agent.learning=FROZEN");
        return 0;
    }

    /** A pass's score: the book's annualised Sharpe ratio, 0 when it is undefined. */
    static double score(Metrics book) {
        return Double.isNaN(book.sharpe()) ? 0.0 : book.sharpe();
    }

    /** The index of the champion among passes' scores: the highest, the earliest of equals. */
    static int champion(double[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }

    private BacktestResult analyse(
            Market m,
            JobRun.Collected c,
            Ledger.Costs costs,
            TradingCalendar cal,
            JobSettings settings,
            String what) {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("run", what);
        shown.put("symbols", String.join(" ", m.bars().keySet()));
        shown.put("bars", Integer.toString(m.candles().size()));
        return BacktestCommand.analyse(
                m.bars(),
                c.orders,
                c.decisions,
                c.deadLetters,
                costs,
                cal,
                settings,
                shown,
                config.passedOptions());
    }

    /** Replaces the output of an earlier run; refuses a directory with anything else in it. */
    private void prepareOutput() throws IOException {
        if (Files.isDirectory(savepointDir)) {
            try (Stream<Path> entries = Files.list(savepointDir)) {
                for (Path p : entries.toList()) {
                    if (!OWN.matcher(p.getFileName().toString()).matches()) {
                        throw new IllegalArgumentException(
                                "--savepoint-dir "
                                        + savepointDir
                                        + " holds "
                                        + p.getFileName()
                                        + ", which 'train' did not write; choose an empty or new"
                                        + " directory");
                    }
                }
            }
            try (Stream<Path> entries = Files.list(savepointDir)) {
                for (Path p : entries.toList()) {
                    delete(p);
                }
            }
        }
        Files.createDirectories(savepointDir);
    }

    private void printTable(List<Pass> done, AgentConfig agent) {
        out.println();
        out.println(
                "pass  return  Sharpe  max DD  win %    PF  trades cover %  epsilon/phase      "
                        + "d-ret  d-Sharpe | v-return v-Sharpe v-max DD v-trades  score");
        Metrics first = done.get(0).train().total();
        for (Pass p : done) {
            Metrics t = p.train().total();
            Metrics v = p.validation() == null ? null : p.validation().total();
            out.printf(
                    Locale.ROOT,
                    "%4d %7s %7s %7s %6s %5s %7d %7s  %-17s %6s %9s | %8s %8s %8s %8s %6.2f%n",
                    p.number(),
                    pct(t.totalReturn()),
                    dec(t.sharpe()),
                    pct(t.maxDrawdown()),
                    dec(t.winRate() * 100),
                    dec(t.profitFactor()),
                    t.trades(),
                    dec(t.coverage() * 100),
                    phase(agent, p.minSteps()),
                    pct(t.totalReturn() - first.totalReturn()),
                    dec(t.sharpe() - first.sharpe()),
                    v == null ? "" : pct(v.totalReturn()),
                    v == null ? "" : dec(v.sharpe()),
                    v == null ? "" : pct(v.maxDrawdown()),
                    v == null ? "" : Long.toString(v.trades()),
                    p.score());
        }
        out.println();
    }

    private static String csv(List<Pass> done, Pass champion, AgentConfig agent) {
        StringBuilder b =
                new StringBuilder(
                        "pass,return,sharpe,max_drawdown,win_rate,profit_factor,trades,coverage,"
                                + "min_steps,phase,validation_return,validation_sharpe,"
                                + "validation_max_drawdown,validation_trades,score,champion\n");
        for (Pass p : done) {
            Metrics t = p.train().total();
            Metrics v = p.validation() == null ? null : p.validation().total();
            b.append(p.number())
                    .append(',')
                    .append(t.totalReturn())
                    .append(',')
                    .append(t.sharpe())
                    .append(',')
                    .append(t.maxDrawdown())
                    .append(',')
                    .append(t.winRate())
                    .append(',')
                    .append(t.profitFactor())
                    .append(',')
                    .append(t.trades())
                    .append(',')
                    .append(t.coverage())
                    .append(',')
                    .append(p.minSteps())
                    .append(',')
                    .append(InspectCommand.PHASES[agent.phaseAt(p.minSteps())])
                    .append(',')
                    .append(v == null ? "" : Double.toString(v.totalReturn()))
                    .append(',')
                    .append(v == null ? "" : Double.toString(v.sharpe()))
                    .append(',')
                    .append(v == null ? "" : Double.toString(v.maxDrawdown()))
                    .append(',')
                    .append(v == null ? "" : Long.toString(v.trades()))
                    .append(',')
                    .append(p.score())
                    .append(',')
                    .append(p == champion)
                    .append('\n');
        }
        return b.toString();
    }

    private static String phase(AgentConfig agent, long steps) {
        return String.format(
                Locale.ROOT,
                "%.2f %s",
                agent.epsilonAt(steps),
                InspectCommand.PHASES[agent.phaseAt(steps)]);
    }

    private static String pct(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.2f%%", x * 100);
    }

    private static String dec(double x) {
        if (Double.isNaN(x)) {
            return "-";
        }
        return Double.isInfinite(x)
                ? (x > 0 ? "inf" : "-inf")
                : String.format(Locale.ROOT, "%.2f", x);
    }

    /** Deletes a file or a directory this command wrote, with everything in it. */
    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path q : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
