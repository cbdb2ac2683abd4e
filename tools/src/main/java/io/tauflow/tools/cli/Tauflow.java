package io.tauflow.tools.cli;

import io.tauflow.tools.backtest.BacktestCommand;
import io.tauflow.tools.bench.Bench;
import io.tauflow.tools.cluster.ClusterCommand;
import io.tauflow.tools.cluster.StopCommand;
import io.tauflow.tools.cluster.SubmitCommand;
import io.tauflow.tools.demo.Demo;
import io.tauflow.tools.kafka.LoadCommand;
import io.tauflow.tools.kafka.ReadCommand;
import io.tauflow.tools.kafka.TopicsCommand;
import io.tauflow.tools.train.TrainCommand;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code bin/tauflow}: the one command line of Tauflow (picocli). Every command is a subcommand
 * with its own generated {@code --help}; the usage text lives here and in each command's
 * annotations, nowhere else. {@code --help} prints and exits 0 before a command does anything. A
 * bad option or value prints one line naming it and exits 2; a failure of the work itself prints
 * its cause and exits 1.
 */
@Command(
        name = "tauflow",
        mixinStandardHelpOptions = true,
        versionProvider = Tauflow.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "A swarm of small trading agents as an Apache Flink streaming job.",
            "Run 'bin/tauflow COMMAND --help' for the options of a command."
        },
        footer = {
            "",
            "Launcher commands (run by bin/tauflow itself):",
            "  build       Build the job and the tools (mvn package, tests skipped).",
            "  jmh [ARGS]  JMH micro-benchmarks (docs/BENCHMARKS.md); ARGS go to JMH,",
            "              e.g. bin/tauflow jmh AgentStepBenchmark, bin/tauflow jmh -h.",
            "",
            "Every option: docs/CONFIGURATION.md, or bin/tauflow options.",
            "Shell completion: source <(bin/tauflow generate-completion)."
        })
public final class Tauflow implements Runnable {

    @Spec CommandSpec spec;

    private final PrintStream out;

    private Tauflow(PrintStream out) {
        this.out = out;
    }

    /** No command: the usage, exit code 0. */
    @Override
    public void run() {
        spec.commandLine().usage(out);
    }

    public static void main(String[] args) {
        PrintStream out =
                new PrintStream(
                        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                        false,
                        StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code = execute(out, err, args);
        out.flush();
        err.flush();
        // Flink and Kafka client threads may outlive the command.
        System.exit(code);
    }

    /** Runs {@code args} with output on {@code out} and messages on {@code err}; the exit code. */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        int code = commandLine(out, err).execute(args);
        out.flush();
        return code;
    }

    /** The command line with every subcommand, writing to the given streams. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Tauflow(out));
        cli.addSubcommand(new Demo(out, err));
        cli.addSubcommand(new BacktestCommand(out, err));
        cli.addSubcommand(new TrainCommand(out, err));
        cli.addSubcommand(new RunCommand(out, err));
        cli.addSubcommand(
                new CommandLine(new TopicsCommand())
                        .addSubcommand(new TopicsCommand.Create(out, err)));
        cli.addSubcommand(
                new CommandLine(new ClusterCommand())
                        .addSubcommand(new ClusterCommand.Start(out, err))
                        .addSubcommand(new ClusterCommand.Stop(out, err))
                        .addSubcommand(new ClusterCommand.Status(out, err)));
        cli.addSubcommand(new SubmitCommand(out, err));
        cli.addSubcommand(new StopCommand(out, err));
        cli.addSubcommand(new LoadCommand(out, err));
        cli.addSubcommand(new ReadCommand(out, err));
        cli.addSubcommand(new Bench(out, err));
        cli.addSubcommand(new FeaturesCommand(out, err));
        cli.addSubcommand(new RiskCommand(out, err));
        cli.addSubcommand(new InspectCommand(out, err));
        cli.addSubcommand(new JarCommand(out, err));
        cli.addSubcommand(new OptionsCommand(out, err));
        cli.addSubcommand(new AutoComplete.GenerateCompletion());
        cli.addSubcommand(new CommandLine.HelpCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // --tauflow.x.y=V and Flink options are not declared: ConfigMixin reads and checks them,
        // and a command without it refuses any (checkUnmatched), all before the command runs.
        cli.setUnmatchedArgumentsAllowed(true);
        // An unknown --option is never taken as the value of a multi-value option (--input A B).
        cli.setUnmatchedOptionsAllowedAsOptionParameters(false);
        cli.setExecutionStrategy(
                parsed -> {
                    checkUnmatched(parsed);
                    return new CommandLine.RunLast().execute(parsed);
                });
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler(
                (e, a) -> usageError(e.getCommandLine(), e.getMessage(), err));
        cli.setExecutionExceptionHandler(
                (e, c, parsed) -> {
                    if (e instanceof ParameterException p) {
                        return usageError(p.getCommandLine(), p.getMessage(), err);
                    }
                    String name = c.getCommandSpec().qualifiedName();
                    if (e instanceof IllegalArgumentException) {
                        // A bad option value found while reading the settings: it names the option.
                        err.println(name + ": " + e.getMessage());
                        return 2;
                    }
                    err.println(name + ": failed: " + e);
                    e.printStackTrace(err);
                    return 1;
                });
        return cli;
    }

    /**
     * Arguments no command declared: options passed on to the configuration of a command that takes
     * them (checked here, before it runs), an error anywhere else.
     */
    private static void checkUnmatched(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return;
            }
        }
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            CommandLine c = p.commandSpec().commandLine();
            List<String> unmatched = c.getUnmatchedArguments();
            if (unmatched.isEmpty()) {
                continue;
            }
            CommandSpec mixin = p.commandSpec().mixins().get("config");
            if (mixin != null && mixin.userObject() instanceof ConfigMixin config) {
                config.passedOptions();
            } else if (p.commandSpec().parent() == null && !unmatched.get(0).startsWith("-")) {
                throw new ParameterException(c, "Unknown command: '" + unmatched.get(0) + "'");
            } else {
                throw new ParameterException(
                        c, "Unknown option or argument: '" + String.join("', '", unmatched) + "'");
            }
        }
    }

    private static int usageError(CommandLine c, String message, PrintStream err) {
        String name = c.getCommandSpec().qualifiedName();
        err.println(name + ": " + message + " (see 'bin/" + name + " --help')");
        return 2;
    }

    /** The versions of this build: Tauflow, and the Flink and Kafka it was built against. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in =
                    Tauflow.class.getResourceAsStream("/io/tauflow/tools/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {
                "Tauflow " + p.getProperty("tauflow", "(unknown)"),
                "Flink "
                        + p.getProperty("flink", "(unknown)")
                        + ", Kafka "
                        + p.getProperty("kafka", "(unknown)")
            };
        }
    }
}
