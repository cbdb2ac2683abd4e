package io.tauflow.tools.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A subcommand of {@link Tauflow}: writes its output to {@link #out} and messages to {@link #err}
 * (byte streams, for CSV and the demo's live output) and returns its exit code.
 */
public abstract class CliCommand implements Callable<Integer> {

    @Spec protected CommandSpec spec;

    protected final PrintStream out;
    protected final PrintStream err;

    protected CliCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** A usage error naming the option: one line on stderr, exit code 2, nothing started. */
    protected ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** {@code value} if at least {@code min}, else a usage error naming {@code option}. */
    protected int atLeast(String option, int value, int min) {
        if (value < min) {
            throw usage(
                    "Invalid value for option '"
                            + option
                            + "': must be >= "
                            + min
                            + ", got "
                            + value);
        }
        return value;
    }

    /**
     * {@code value} as a positive duration (Flink's syntax: 7d, 12h, 500ms), else a usage error
     * naming {@code option}.
     */
    protected Duration positiveDuration(String option, String value) {
        Duration d;
        try {
            d = TimeUtils.parseDuration(value);
        } catch (IllegalArgumentException e) {
            d = null;
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw usage(
                    "Invalid value for option '"
                            + option
                            + "': "
                            + value
                            + " (a positive duration such as 7d, 12h or 500ms)");
        }
        return d;
    }
}
