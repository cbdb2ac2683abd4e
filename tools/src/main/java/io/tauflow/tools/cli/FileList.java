package io.tauflow.tools.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The values of an option that takes one or more files ({@code --input A.csv B.csv}): every
 * following argument up to the next one that starts with {@code -}. Picocli's own varargs would
 * also try to take an undeclared {@code --tauflow.key=value} after the files and fail on it; this
 * ends the list there, so the option may be followed by any other.
 */
public final class FileList implements IParameterConsumer {

    @Override
    public void consumeParameters(Stack<String> args, ArgSpec arg, CommandSpec spec) {
        List<Path> files = new ArrayList<>();
        List<Path> before = arg.getValue();
        if (before != null) {
            files.addAll(before);
        }
        int taken = 0;
        while (!args.isEmpty() && !args.peek().startsWith("-")) {
            files.add(Path.of(args.pop()));
            taken++;
        }
        if (taken == 0) {
            String name = arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
            throw new ParameterException(
                    spec.commandLine(),
                    "Missing required parameter for option '"
                            + name
                            + "' ("
                            + arg.paramLabel()
                            + ")");
        }
        arg.setValue(files);
    }
}
