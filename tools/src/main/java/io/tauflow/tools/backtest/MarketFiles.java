package io.tauflow.tools.backtest;

import io.tauflow.tools.cli.FileList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The market-data files of {@code backtest} and {@code train} (a picocli mixin). */
public final class MarketFiles {

    @Option(
            names = "--input",
            required = true,
            arity = "1..*",
            parameterConsumer = FileList.class,
            paramLabel = "FILE",
            description =
                    "Candle CSVs, plain or .gz, with the columns of 'features' (one or many"
                            + " symbols per file); bars of 1 minute to 1 day.")
    public List<Path> inputs;

    @Option(
            names = "--sentiment",
            arity = "1..*",
            parameterConsumer = FileList.class,
            paramLabel = "FILE",
            description =
                    "Scored sentiment CSVs: a time column as for candles, symbol, score in [-1,"
                            + " 1], optional source, text (docs/BACKTEST.md).")
    public List<Path> sentimentFiles = new ArrayList<>();

    @Option(
            names = "--order-book",
            arity = "1..*",
            parameterConsumer = FileList.class,
            paramLabel = "FILE",
            description =
                    "Order-book CSVs, one price level per row: a time column, symbol, side (bid"
                            + " or ask), price, quantity, optional venue; the rows of one symbol"
                            + " and time make a snapshot (docs/BACKTEST.md).")
    public List<Path> bookFiles = new ArrayList<>();

    @Option(
            names = "--symbol",
            paramLabel = "S",
            description = "Symbol of the rows of files without a symbol column.")
    public String symbol;

    /** Fails on a file that does not exist, naming its option, before anything starts. */
    public void check(CommandSpec spec) {
        check(spec, "--input", inputs);
        check(spec, "--sentiment", sentimentFiles);
        check(spec, "--order-book", bookFiles);
    }

    public static void check(CommandSpec spec, String option, List<Path> files) {
        for (Path p : files) {
            if (!Files.isRegularFile(p)) {
                throw new ParameterException(
                        spec.commandLine(),
                        "Invalid value for option '" + option + "': no such file: " + p);
            }
        }
    }

    /** Reads and checks every file ({@link Market#read}). */
    public Market read() {
        return Market.read(inputs, symbol, sentimentFiles, bookFiles);
    }
}
