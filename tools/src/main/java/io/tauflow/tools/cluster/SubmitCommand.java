package io.tauflow.tools.cluster;

import io.tauflow.jobs.TradingJob;
import io.tauflow.tools.cli.CliCommand;
import io.tauflow.tools.cli.ConfigMixin;
import io.tauflow.tools.cli.JobJar;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/tauflow submit}: the shaded job jar to a Flink cluster through Flink's own client
 * ({@code flink run --detached}, in a JVM of its own on Flink's classpath), so it works with web
 * submission off too.
 */
@Command(
        name = "submit",
        header = "Submit the trading job to a Flink cluster.",
        mixinStandardHelpOptions = true,
        description = {
            "Submits the shaded job jar (bin/tauflow jar) with Flink's client, as flink run"
                    + " --detached does, to --rest (default: the cluster of bin/tauflow cluster"
                    + " start), and prints the job's id.",
            "The job's options: config.yaml of --conf-dir, then -Dkey=value or --key=value"
                    + " (tauflow.* and Flink options), checked before anything is sent; the"
                    + " cluster's own config.yaml applies below them. On the local cluster set at"
                    + " least --tauflow.kafka.bootstrap-servers=127.0.0.1:9092."
        })
public final class SubmitCommand extends CliCommand {

    @Mixin RestTarget target;

    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description = "Start from this savepoint or retained checkpoint (flink run -s).")
    String savepoint;

    @Option(
            names = "--allow-non-restored-state",
            description =
                    "With --from-savepoint: drop state of operators the job no longer has"
                            + " (docs/RISK.md, \"Upgrading\").")
    boolean allowNonRestored;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description =
                    "The job's parallelism (default: parallelism.default of the configuration).")
    Integer parallelism;

    @Option(
            names = "--jar",
            paramLabel = "FILE",
            description = "The job jar (default: the one bin/tauflow jar prints).")
    Path jar;

    @Mixin ConfigMixin config;

    public SubmitCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    public Integer call() throws Exception {
        if (parallelism != null) {
            atLeast("--parallelism", parallelism, 1);
        }
        if (allowNonRestored && savepoint == null) {
            throw usage("--allow-non-restored-state needs --from-savepoint");
        }
        config.settings(); // a bad tauflow option fails here, naming it
        Path jobJar = jar != null ? jar : builtJar();
        if (!Files.isRegularFile(jobJar)) {
            throw usage("Invalid value for option '--jar': no such file: " + jobJar);
        }
        FlinkRest rest = target.client();
        if (rest.overview().isEmpty()) {
            err.println("tauflow submit: no Flink cluster answers at " + rest.base());
            return 1;
        }
        URI uri = URI.create(rest.base());
        Path home = Paths.get(System.getProperty("tauflow.home", ".")).toAbsolutePath();
        Path flinkClasspath = home.resolve("cluster/target/flink-classpath.txt");
        if (!Files.isRegularFile(flinkClasspath)) {
            err.println("tauflow submit: missing " + flinkClasspath + ": bin/tauflow build");
            return 1;
        }
        Set<String> before =
                rest.jobs().stream().map(FlinkRest.Job::id).collect(Collectors.toSet());

        // Flink's client in a JVM of its own, on Flink's classpath only (as flink run has it):
        // the job jar's connector and Kafka classes must not meet copies of them on the parent
        // classpath of this JVM
        List<String> cmd = new ArrayList<>();
        cmd.add(LocalCluster.java());
        cmd.addAll(LocalCluster.JAVA_MODULE_FLAGS);
        cmd.add("-Dlog4j.configurationFile=" + home.resolve("flink-conf/log4j-cli.properties"));
        cmd.addAll(
                List.of(
                        "-cp",
                        Files.readString(flinkClasspath).trim(),
                        "org.apache.flink.client.cli.CliFrontend",
                        "run",
                        "--detached"));
        if (parallelism != null) {
            cmd.addAll(List.of("--parallelism", parallelism.toString()));
        }
        if (savepoint != null) {
            cmd.addAll(List.of("--fromSavepoint", savepoint));
            if (allowNonRestored) {
                cmd.add("--allowNonRestoredState");
            }
        }
        cmd.add("-Dexecution.target=remote");
        cmd.add("-Drest.address=" + uri.getHost());
        cmd.add("-Drest.port=" + (uri.getPort() < 0 ? 8081 : uri.getPort()));
        for (String option : config.passedOptions()) {
            cmd.add("-D" + option.substring(2)); // --key=value -> -Dkey=value
        }
        cmd.addAll(List.of("--class", TradingJob.class.getName(), jobJar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Path confDir = config.confDir() != null ? config.confDir() : home.resolve("flink-conf");
        pb.environment().put("FLINK_CONF_DIR", confDir.toAbsolutePath().toString());
        Process client = pb.start();
        String printed;
        try (var in = client.getInputStream()) {
            printed = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        int status = client.waitFor();
        if (status != 0) {
            err.print(printed);
            err.println("tauflow submit: Flink's client failed (exit code " + status + ")");
            return 1;
        }
        for (int i = 0; i < 120; i++) {
            for (FlinkRest.Job j : rest.jobs()) {
                if (!before.contains(j.id())) {
                    out.println(
                            "submitted job " + j.id() + " (" + j.name() + ") to " + rest.base());
                    return 0;
                }
            }
            Thread.sleep(250);
        }
        err.println("tauflow submit: the client succeeded but no new job shows at " + rest.base());
        return 1;
    }

    static Path builtJar() throws IOException {
        return JobJar.find()
                .orElse(
                        JobJar.directory()
                                .resolve("tauflow-jobs-job.jar (missing: bin/tauflow build)"));
    }
}
