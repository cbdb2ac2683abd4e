package io.tauflow.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command of bin/tauflow: {@code --help} prints its usage and exits 0 with no side effect; an
 * unknown option, a missing value and an invalid value each exit 2 with one line naming the option
 * and no stack trace. The commands are found in the CLI itself, so a new one is covered too.
 */
class TauflowCliTest {

    @TempDir Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return Tauflow.execute(o, e, args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, CommandLine> commands() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        return Tauflow.commandLine(sink, sink).getSubcommands();
    }

    @Test
    void theCliHasEveryCommand() {
        assertThat(commands().keySet())
                .contains(
                        "demo",
                        "run",
                        "bench",
                        "features",
                        "risk",
                        "inspect",
                        "jar",
                        "options",
                        "generate-completion",
                        "help");
        assertThat(run()).isZero();
        assertThat(out()).contains("Usage: tauflow", "demo", "inspect", "jmh");
        assertThat(run("--version")).isZero();
        assertThat(out()).contains("Tauflow ", "Flink 2.2");
    }

    @Test
    void helpOfEveryCommandPrintsItsUsageAndDoesNothingElse() throws Exception {
        for (String name : commands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            Path runDir = Files.createDirectories(dir.resolve(name));
            Path marker = Files.writeString(runDir.resolve("keep"), "x");
            assertThat(run(name, "--run-dir", runDir.toString(), "--help"))
                    .as("%s --help: %s", name, err())
                    .isZero();
            assertThat(out()).as(name).contains("Usage: tauflow " + name);
            assertThat(err()).as(name).isEmpty();
            assertThat(marker).as("%s --help leaves its run directory alone", name).exists();
        }
        assertThat(run("help", "demo")).isZero();
        assertThat(out()).contains("Usage: tauflow demo", "--savepoint-dir");
    }

    /** The command with its required options given (dummy values: nothing may run). */
    private static String[] withRequired(String name, String... more) {
        List<String> args = new ArrayList<>(List.of(name));
        for (OptionSpec o : commands().get(name).getCommandSpec().options()) {
            if (o.required()) {
                args.add(o.longestName());
                args.add("required-value");
            }
        }
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void anUnknownOptionFailsInOneLineNamingIt() {
        for (String name : commands().keySet()) {
            assertThat(run(withRequired(name, "--no-such-option")))
                    .as("%s: %s", name, err())
                    .isEqualTo(2);
            assertOneLine(name, "--no-such-option");
        }
        assertThat(run("no-such-command")).isEqualTo(2);
        assertOneLine("tauflow", "Unknown command: 'no-such-command'");
    }

    @Test
    void aMissingOrInvalidValueFailsInOneLineNamingTheOption() throws Exception {
        int checked = 0;
        for (Map.Entry<String, CommandLine> c : commands().entrySet()) {
            for (OptionSpec o : c.getValue().getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp() || o.arity().min() < 1) {
                    continue;
                }
                String option = o.longestName();
                assertThat(run(withRequired(c.getKey(), option)))
                        .as("%s %s", c.getKey(), option)
                        .isEqualTo(2);
                assertOneLine(c.getKey(), option);
                checked++;
                Class<?> type = o.type();
                if (type == int.class
                        || type == Integer.class
                        || type == long.class
                        || type == Long.class
                        || type.isEnum()) {
                    assertThat(run(withRequired(c.getKey(), option, "not-a-value")))
                            .as("%s %s not-a-value", c.getKey(), option)
                            .isEqualTo(2);
                    assertOneLine(c.getKey(), option);
                    assertThat(err()).contains("not-a-value");
                }
            }
        }
        assertThat(checked).isGreaterThan(15);
        // A value out of range is found before anything starts: the run directory stays.
        Path runDir = Files.createDirectories(dir.resolve("demo-run"));
        Path marker = Files.writeString(runDir.resolve("keep"), "x");
        assertThat(run("demo", "--run-dir", runDir.toString(), "--parallelism", "0")).isEqualTo(2);
        assertOneLine("demo", "--parallelism");
        assertThat(run("demo", "--run-dir", runDir.toString(), "--tauflow.risk.nope=1"))
                .isEqualTo(2);
        assertOneLine("demo", "tauflow.risk.nope");
        assertThat(run("demo", "--run-dir", runDir.toString(), "-Dtauflow.var.mc-level=3"))
                .isEqualTo(2);
        assertOneLine("demo", "tauflow.var.mc-level");
        assertThat(run("demo", "--run-dir", runDir.toString(), "--conf-dir=" + dir)).isEqualTo(2);
        assertOneLine("demo", "--conf-dir");
        assertThat(marker).exists();
    }

    @Test
    void optionsArePassedOnInEveryForm() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(
                conf.resolve("config.yaml"),
                "tauflow:\n  risk:\n    max-drawdown: 0.3\n    price-collar: 0.04\n");
        CommandLine cli = Tauflow.commandLine(System.out, System.err);
        CommandLine.ParseResult parsed =
                cli.parseArgs(
                        "features",
                        "--input",
                        "x.csv",
                        "--conf-dir=" + conf,
                        "--tauflow.risk.max-drawdown",
                        "0.2",
                        "-Dtauflow.agent.seed=7",
                        "--tauflow.features.rsi-period=9");
        ConfigMixin config =
                (ConfigMixin) parsed.subcommand().commandSpec().mixins().get("config").userObject();
        var settings = config.settings();
        assertThat(settings.risk.maxDrawdown()).isEqualTo(0.2);
        assertThat(settings.risk.priceCollar()).isEqualTo(0.04);
        assertThat(settings.agent.seed()).isEqualTo(7L);
        assertThat(settings.features.rsiPeriod()).isEqualTo(9);
    }

    @Test
    void aListOfFilesEndsAtTheNextOptionDeclaredOrNot() {
        for (String command : new String[] {"backtest", "train"}) {
            for (String option : new String[] {"--tauflow.agent.seed=3", "--symbol=X"}) {
                int code = run(command, "--input", "/nonexistent/a.csv", "b.csv", option);
                assertThat(code).as(command + " " + option).isEqualTo(2);
                // the files were taken as files, the option as an option: the first file fails
                assertThat(err())
                        .as(command + " " + option)
                        .contains("no such file: /nonexistent/a.csv")
                        .doesNotContain("Unknown option");
            }
            assertThat(run(command, "--input", "--tauflow.agent.seed=3")).isEqualTo(2);
            assertThat(err()).contains("Missing required parameter for option '--input'");
        }
    }

    @Test
    void theCompletionScriptIsGenerated() {
        assertThat(run("generate-completion")).isZero();
        assertThat(out()).contains("complete", "tauflow", "inspect", "--savepoint");
    }

    private void assertOneLine(String command, String naming) {
        List<String> lines = new ArrayList<>(err().lines().toList());
        assertThat(lines).as("%s: one line on stderr", command).hasSize(1);
        assertThat(lines.get(0)).as(command).contains(naming);
        assertThat(err()).as(command).doesNotContain("Exception", "\tat ");
        assertThat(out()).as(command).isEmpty();
    }
}
