package io.tauflow.tools.cluster;

import io.tauflow.tools.cli.CliCommand;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bin/tauflow stop --savepoint [DIR]}: stop-with-savepoint through the REST API. */
@Command(
        name = "stop",
        header = "Stop a running job with a savepoint and print the savepoint's path.",
        mixinStandardHelpOptions = true,
        description = {
            "Stops the job (--job-id, or the only running one) with a savepoint, as flink stop"
                    + " --savepointPath does: sources stop, a last savepoint is taken, the"
                    + " exactly-once sinks commit, the job ends FINISHED. Prints the savepoint's"
                    + " path, for submit --from-savepoint and inspect.",
            "Without DIR the savepoint goes to the cluster's"
                    + " execution.checkpointing.savepoint-dir."
        })
public final class StopCommand extends CliCommand {

    @Mixin RestTarget target;

    @Option(
            names = "--savepoint",
            arity = "0..1",
            paramLabel = "DIR",
            fallbackValue = "",
            required = true,
            description = "Take a savepoint, into DIR if given (a path or a URI such as s3://...).")
    String savepoint;

    @Option(
            names = "--job-id",
            paramLabel = "ID",
            description = "The job to stop (default: the only running job).")
    String jobId;

    @Option(
            names = "--drain",
            description =
                    "Advance the watermark to the end first, deciding every bar still waiting"
                            + " (for a job that will not be resumed).")
    boolean drain;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "5min",
            description = "How long the savepoint may take (default ${DEFAULT-VALUE}).")
    String timeout;

    public StopCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    public Integer call() throws Exception {
        FlinkRest rest = target.client();
        if (rest.overview().isEmpty()) {
            err.println("tauflow stop: no Flink cluster answers at " + rest.base());
            return 1;
        }
        String id = jobId;
        if (id == null) {
            List<FlinkRest.Job> running =
                    rest.jobs().stream()
                            .filter(j -> j.state().equals("RUNNING"))
                            .collect(Collectors.toList());
            if (running.size() != 1) {
                err.println(
                        "tauflow stop: "
                                + running.size()
                                + " running jobs at "
                                + rest.base()
                                + (running.isEmpty()
                                        ? ""
                                        : ": " + running + "; name one with --job-id"));
                return 1;
            }
            id = running.get(0).id();
        }
        String dir =
                savepoint.isEmpty()
                        ? null
                        : savepoint.contains("://")
                                ? savepoint
                                : Paths.get(savepoint)
                                        .toAbsolutePath()
                                        .normalize()
                                        .toUri()
                                        .toString();
        String path =
                rest.stopWithSavepoint(id, dir, drain, positiveDuration("--timeout", timeout));
        out.println(path);
        return 0;
    }
}
