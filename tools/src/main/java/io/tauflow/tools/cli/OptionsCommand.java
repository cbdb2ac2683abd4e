package io.tauflow.tools.cli;

import java.io.PrintStream;
import picocli.CommandLine.Command;

/** {@code bin/tauflow options}: every Tauflow option, as docs/CONFIGURATION.md lists them. */
@Command(
        name = "options",
        header = "Print every Tauflow option with its default and meaning.",
        mixinStandardHelpOptions = true,
        description =
                "Print every Tauflow option with its default and meaning, grouped by stage (the"
                        + " tables of docs/CONFIGURATION.md, generated from the options"
                        + " themselves).")
final class OptionsCommand extends CliCommand {

    OptionsCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    public Integer call() {
        out.print(ConfigurationDocs.table());
        return 0;
    }
}
