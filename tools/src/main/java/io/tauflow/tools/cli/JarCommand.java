package io.tauflow.tools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code bin/tauflow jar}: where the shaded job jar is. */
@Command(
        name = "jar",
        header = "Print the path of the shaded job jar (for flink run).",
        mixinStandardHelpOptions = true,
        description =
                "Print the path of the shaded job jar to submit to a Flink cluster (flink run"
                        + " $(bin/tauflow jar)): the job and its connectors only.")
final class JarCommand extends CliCommand {

    JarCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    public Integer call() throws IOException {
        Optional<Path> jar = JobJar.find();
        if (jar.isPresent()) {
            out.println(jar.get());
            return 0;
        }
        err.println(
                "tauflow jar: no job jar in "
                        + JobJar.directory()
                        + "; build it with bin/tauflow build");
        return 1;
    }
}
