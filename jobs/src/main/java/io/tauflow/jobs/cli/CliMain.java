package io.tauflow.jobs.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The {@code main} of the command-line tools: buffered UTF-8 output, the command's exit code. */
final class CliMain {

    /**
     * A command: runs with the arguments, writes to {@code out} and {@code err}, returns a code.
     */
    interface Command {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    private CliMain() {}

    /** Runs {@code command} on standard output and error and exits with its code if not 0. */
    static void exit(String[] args, Command command) {
        PrintStream out =
                new PrintStream(
                        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                        false,
                        StandardCharsets.UTF_8);
        int code = command.run(args, out, System.err);
        out.flush();
        if (code != 0) {
            System.exit(code);
        }
    }
}
