package io.tauflow.tools.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.tauflow.tools.cli.CliCommand;
import io.tauflow.tools.cluster.LocalCluster.Component;
import io.tauflow.tools.cluster.LocalCluster.Ports;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/tauflow cluster start|stop|status}: the local standalone Flink session cluster and
 * Kafka broker of {@link LocalCluster}.
 */
@Command(
        name = "cluster",
        header = "Start, stop or show a local Flink cluster and Kafka broker.",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "(start | stop | status)")
public final class ClusterCommand implements Runnable {

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code cluster start}. */
    @Command(
            name = "start",
            header = "Start the broker, the JobManager and a TaskManager (what is not running).",
            mixinStandardHelpOptions = true,
            description = {
                "Starts, each as its own process bound to 127.0.0.1: a Kafka broker (KRaft,"
                        + " broker and controller in one), a Flink 2.2 JobManager (standalone"
                        + " session cluster) and a TaskManager, from the jars Maven resolved"
                        + " (cluster/target/flink-classpath.txt). Flink reads config.yaml of"
                        + " --conf-dir as it is; addresses, ports, temporary files, checkpoints"
                        + " and savepoints are set to 127.0.0.1 and --run-dir.",
                "Components already running are left alone, so after a TaskManager died, start"
                        + " starts a new one. A cluster started before in the same --run-dir keeps"
                        + " its ports. Logs: --run-dir/log/."
            })
    public static final class Start extends CliCommand {

        @Mixin ClusterDir dir;

        @Option(
                names = "--conf-dir",
                paramLabel = "DIR",
                defaultValue = "${sys:tauflow.conf.dir}",
                description =
                        "Flink configuration directory: config.yaml and log4j-cluster.properties"
                                + " (default ${DEFAULT-VALUE}).")
        Path confDir;

        @Option(
                names = "--kafka-port",
                paramLabel = "PORT",
                defaultValue = "9092",
                description = "The broker's port (default ${DEFAULT-VALUE}).")
        int kafkaPort;

        @Option(
                names = "--controller-port",
                paramLabel = "PORT",
                defaultValue = "9093",
                description = "The KRaft controller's port (default ${DEFAULT-VALUE}).")
        int controllerPort;

        @Option(
                names = "--rest-port",
                paramLabel = "PORT",
                defaultValue = "8081",
                description = "The JobManager's REST and web port (default ${DEFAULT-VALUE}).")
        int restPort;

        @Option(
                names = "--rpc-port",
                paramLabel = "PORT",
                defaultValue = "6123",
                description = "The JobManager's RPC port (default ${DEFAULT-VALUE}).")
        int rpcPort;

        @Option(
                names = "-D",
                paramLabel = "KEY=VALUE",
                description =
                        "A Flink option for the JobManager and TaskManager on top of config.yaml"
                                + " (e.g. a metrics reporter); kept for later starts in --run-dir.")
        Map<String, String> flinkOptions = new LinkedHashMap<>();

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                defaultValue = "180s",
                description =
                        "How long each process may take to become ready (default ${DEFAULT-VALUE}).")
        String timeout;

        public Start(PrintStream out, PrintStream err) {
            super(out, err);
        }

        @Override
        public Integer call() throws Exception {
            Duration wait = positiveDuration("--timeout", timeout);
            for (int p : new int[] {kafkaPort, controllerPort, restPort, rpcPort}) {
                if (p < 1 || p > 65535) {
                    throw usage("Invalid port: " + p + " (1..65535)");
                }
            }
            LocalCluster cluster = dir.cluster(confDir);
            Ports ports;
            try {
                ports =
                        cluster.start(
                                new Ports(kafkaPort, controllerPort, restPort, rpcPort),
                                flinkOptions,
                                wait,
                                out::println);
            } catch (java.io.IOException e) {
                err.println("tauflow cluster start: " + e.getMessage());
                err.println("what did start is still running: bin/tauflow cluster stop");
                return 1;
            }
            out.println();
            out.println(
                    "bootstrap servers: 127.0.0.1:"
                            + ports.kafka()
                            + "   Flink REST and web UI: "
                            + ports.restUrl());
            out.println(
                    "next: bin/tauflow topics create --tauflow.kafka.bootstrap-servers=127.0.0.1:"
                            + ports.kafka()
                            + "; bin/tauflow submit ... (README, \"On a local cluster\")");
            return 0;
        }
    }

    /** {@code cluster stop}. */
    @Command(
            name = "stop",
            header = "Stop the TaskManager, JobManager and broker started by cluster start.",
            mixinStandardHelpOptions = true,
            description =
                    "Stops every process cluster start started in --run-dir (SIGTERM, then SIGKILL"
                            + " after --grace). Running jobs stop with the cluster: take a"
                            + " savepoint first (bin/tauflow stop --savepoint). Data, logs,"
                            + " checkpoints and savepoints stay in --run-dir.")
    public static final class Stop extends CliCommand {

        @Mixin ClusterDir dir;

        @Option(
                names = "--grace",
                paramLabel = "DURATION",
                defaultValue = "30s",
                description =
                        "How long each process may take to exit before it is killed (default ${DEFAULT-VALUE}).")
        String grace;

        public Stop(PrintStream out, PrintStream err) {
            super(out, err);
        }

        @Override
        public Integer call() throws Exception {
            List<Component> stopped = dir.cluster(null).stop(positiveDuration("--grace", grace));
            if (stopped.isEmpty()) {
                out.println("nothing was running in " + dir.runDir.toAbsolutePath().normalize());
            }
            for (Component c : stopped) {
                out.println(c.id + " stopped");
            }
            return 0;
        }
    }

    /** {@code cluster status}. */
    @Command(
            name = "status",
            header = "Show what runs, where, and where its logs are.",
            mixinStandardHelpOptions = true,
            description =
                    "One line per process of cluster start (running with its pid, or not), the"
                            + " addresses, the Flink cluster's TaskManagers, slots and jobs; exit"
                            + " code 0 when all three run, 3 otherwise.")
    public static final class Status extends CliCommand {

        @Mixin ClusterDir dir;

        public Status(PrintStream out, PrintStream err) {
            super(out, err);
        }

        @Override
        public Integer call() throws Exception {
            LocalCluster cluster = dir.cluster(null);
            Optional<Ports> ports = cluster.savedPorts();
            if (ports.isEmpty()) {
                out.println(
                        "no cluster was started in "
                                + cluster.runDir()
                                + " (bin/tauflow cluster start)");
                return 3;
            }
            int up = 0;
            for (Component c : Component.values()) {
                Optional<ProcessHandle> p = cluster.running(c);
                String where =
                        switch (c) {
                            case KAFKA -> "127.0.0.1:" + ports.get().kafka();
                            case JOBMANAGER -> ports.get().restUrl();
                            case TASKMANAGER -> "";
                        };
                out.printf(
                        "%-12s %-22s %-24s log %s%n",
                        c.id,
                        p.map(h -> "running (pid " + h.pid() + ")").orElse("not running"),
                        where,
                        cluster.log(c));
                up += p.isPresent() ? 1 : 0;
            }
            FlinkRest rest = new FlinkRest(ports.get().restUrl());
            Optional<JsonNode> overview = rest.overview();
            if (overview.isPresent()) {
                JsonNode o = overview.get();
                out.printf(
                        "flink %s: %d TaskManager(s), %d/%d slots free, jobs: %d running, %d"
                                + " finished, %d cancelled, %d failed%n",
                        o.path("flink-version").asText(),
                        o.path("taskmanagers").asInt(),
                        o.path("slots-available").asInt(),
                        o.path("slots-total").asInt(),
                        o.path("jobs-running").asInt(),
                        o.path("jobs-finished").asInt(),
                        o.path("jobs-cancelled").asInt(),
                        o.path("jobs-failed").asInt());
                for (FlinkRest.Job j : rest.jobs()) {
                    out.printf("  job %s %-10s %s%n", j.id(), j.state(), j.name());
                }
            }
            return up == Component.values().length ? 0 : 3;
        }
    }
}
