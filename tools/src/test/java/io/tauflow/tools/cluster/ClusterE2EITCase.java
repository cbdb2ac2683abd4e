package io.tauflow.tools.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tauflow.tools.cli.Tauflow;
import io.tauflow.tools.cluster.LocalCluster.Component;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster commands end to end, as a user runs them: {@code cluster start} (a Kafka broker, a
 * Flink JobManager and TaskManager, each a process of its own), {@code topics create}, {@code load}
 * of part of the bundled candles, {@code submit}, orders read back read_committed, {@code stop
 * --savepoint}, {@code inspect} of that savepoint, {@code load} of the rest, {@code submit
 * --from-savepoint}, a {@code kill -9} of the TaskManager and {@code cluster start} of a new one,
 * the Tauflow metrics through the REST API, {@code stop --savepoint --drain}, and every process
 * stopped, also when an assertion fails. The cluster's orders must be those of the same job run on
 * a local MiniCluster over all the data at once ({@code run}, bounded): none lost, none twice.
 */
class ClusterE2EITCase {

    private static final Path HOME = Paths.get("..").toAbsolutePath().normalize();
    private static final String CANDLES = "data/lean_us_equity_1m_2013-10-04_2013-10-11.csv.gz";

    @TempDir Path dir;

    record Run(int status, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
        }
    }

    private static Run tauflow(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                Tauflow.execute(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        args);
        return new Run(
                status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run ok(String... args) {
        Run r = tauflow(args);
        assertThat(r.status()).as("%s\n%s\n%s", String.join(" ", args), r.out(), r.err()).isZero();
        return r;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aJobOnTheLocalClusterSurvivesASavepointResumeAndAKilledTaskManager() throws Exception {
        assertThat(HOME.resolve("cluster/target/flink-classpath.txt"))
                .as("the cluster module is built before tools")
                .exists();
        // the commands find cluster/, jobs/target and flink-conf/ under tauflow.home, as
        // bin/tauflow sets it; restored afterwards for the other tests of this JVM
        String home = System.getProperty("tauflow.home");
        System.setProperty("tauflow.home", HOME.toString());
        try {
            runTheScenario();
        } finally {
            if (home == null) {
                System.clearProperty("tauflow.home");
            } else {
                System.setProperty("tauflow.home", home);
            }
        }
    }

    private void runTheScenario() throws Exception {
        Path runDir = dir.resolve("cluster");
        LocalCluster cluster = new LocalCluster(HOME, runDir, HOME.resolve("flink-conf"));
        int kafkaPort = freePort();
        String bootstrap = "--tauflow.kafka.bootstrap-servers=127.0.0.1:" + kafkaPort;
        String conf = "--conf-dir=" + HOME.resolve("flink-conf");
        // the same job settings for the cluster and the reference run; the candle partitions
        // never count as idle during the test (the empty inputs do, after 1 s)
        List<String> job =
                List.of(
                        "--tauflow.watermark.candles-idleness=10min",
                        "--tauflow.watermark.sentiment-idleness=1s",
                        "--tauflow.watermark.orderbook-idleness=1s");
        // Prometheus metrics: the Prometheus reporter's own HTTP server binds every interface, so
        // the cluster pushes them, in the same Prometheus text format, with the push-gateway
        // reporter of the same library to a stand-in gateway on 127.0.0.1
        List<String> pushed = new CopyOnWriteArrayList<>();
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext(
                "/metrics",
                exchange -> {
                    pushed.add(
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(202, -1);
                    exchange.close();
                });
        gateway.start();
        String push = "-Dmetrics.reporter.push.";
        List<Component> stopped;
        try {
            Run started =
                    ok(
                            "cluster",
                            "start",
                            "--run-dir=" + runDir,
                            push
                                    + "factory.class=org.apache.flink.metrics.prometheus"
                                    + ".PrometheusPushGatewayReporterFactory",
                            push + "hostUrl=http://127.0.0.1:" + gateway.getAddress().getPort(),
                            push + "jobName=tauflow-e2e",
                            push + "interval=2 s",
                            "--kafka-port=" + kafkaPort,
                            "--controller-port=" + freePort(),
                            "--rest-port=" + freePort(),
                            "--rpc-port=" + freePort());
            assertThat(started.out())
                    .contains(
                            "kafka        started", "jobmanager   started", "taskmanager  started");
            Run status = ok("cluster", "status", "--run-dir=" + runDir);
            assertThat(status.lines()).filteredOn(l -> l.contains("running (pid")).hasSize(3);
            FlinkRest rest = new FlinkRest(cluster.savedPorts().orElseThrow().restUrl());

            ok("topics", "create", "--partitions=2", bootstrap);
            Path[] parts = splitCandles(0.6);
            assertThat(ok("load", "--input=" + parts[0], "--topic=md.candles", bootstrap).out())
                    .contains("wrote");

            // phase 1: the first 60 % of the bars, stopped with a savepoint
            List<String> submit = new ArrayList<>(List.of("submit", "--run-dir=" + runDir, conf));
            submit.addAll(List.of(bootstrap, "-Dexecution.checkpointing.interval=2s"));
            submit.addAll(job);
            String first = jobId(ok(submit.toArray(new String[0])));
            await(
                    "orders of phase 1",
                    Duration.ofSeconds(120),
                    () -> !orders(bootstrap, "trade.orders").isEmpty());
            await(
                    "all of phase 1 read",
                    Duration.ofSeconds(120),
                    () -> consumed(kafkaPort, "tauflow"));
            Path savepoints = dir.resolve("savepoints");
            String savepoint =
                    ok("stop", "--run-dir=" + runDir, "--savepoint=" + savepoints).out().trim();
            assertThat(savepoint).startsWith("file:").contains(savepoints.toString());
            assertThat(rest.jobState(first)).isEqualTo("FINISHED");
            List<String> phase1 = orders(bootstrap, "trade.orders");

            Run inspected = ok("inspect", "--savepoint=" + savepoint, conf);
            assertThat(inspected.lines()).hasSize(5); // header + AIG, BAC, IBM, SPY
            assertThat(inspected.lines().get(0)).startsWith("symbol,bars,");

            // phase 2: the rest of the bars, resumed from the savepoint; the TaskManager dies
            ok("load", "--input=" + parts[1], "--topic=md.candles", bootstrap);
            List<String> resume = new ArrayList<>(submit);
            resume.add("--from-savepoint=" + savepoint);
            String second = jobId(ok(resume.toArray(new String[0])));
            await(
                    "a checkpoint after the restore",
                    Duration.ofSeconds(120),
                    () -> rest.completedCheckpoints(second) >= 1);
            // the operators' own metrics, as the cluster reports them
            // (the JobManager fetches them from the TaskManager every few seconds)
            List<List<String>> seen = new ArrayList<>(List.of(List.of()));
            await(
                    "the Tauflow metrics in the REST API",
                    Duration.ofSeconds(90),
                    () -> {
                        List<String> names = rest.metricNames(second, "tauflow.");
                        seen.set(0, names);
                        return names.stream().anyMatch(n -> n.endsWith("tauflow.decisions"))
                                && names.stream()
                                        .anyMatch(n -> n.endsWith("tauflow.ordersApproved"))
                                && names.stream()
                                        .anyMatch(n -> n.contains("tauflow.decisionLatencyMs"));
                    });
            String approved =
                    seen.get(0).stream()
                            .filter(n -> n.endsWith("tauflow.ordersApproved"))
                            .findFirst()
                            .orElseThrow();
            await(
                    "approved orders counted in " + approved,
                    Duration.ofSeconds(60),
                    () -> rest.metricSum(second, approved).orElse(0.0) > 0);

            await(
                    "the Tauflow metrics in the Prometheus format",
                    Duration.ofSeconds(60),
                    () ->
                            pushed.stream()
                                    .anyMatch(
                                            b ->
                                                    b.contains(
                                                                    "flink_taskmanager_job_task_operator_tauflow_decisions")
                                                            && b.contains(
                                                                    "flink_taskmanager_job_task_operator_tauflow_ordersApproved")));

            assertThat(cluster.kill(Component.TASKMANAGER)).isTrue();
            assertThat(tauflow("cluster", "status", "--run-dir=" + runDir).status()).isEqualTo(3);
            assertThat(ok("cluster", "start", "--run-dir=" + runDir).out())
                    .contains("kafka        already running", "taskmanager  started");
            await(
                    "all of phase 2 read",
                    Duration.ofSeconds(180),
                    () -> consumed(kafkaPort, "tauflow"));
            await(
                    "the job running after the restart",
                    Duration.ofSeconds(60),
                    () -> rest.jobState(second).equals("RUNNING"));

            ok("stop", "--run-dir=" + runDir, "--savepoint=" + savepoints, "--drain");
            List<String> all = orders(bootstrap, "trade.orders");

            // the reference: the same job over all the data at once, bounded, on a MiniCluster
            List<String> reference = new ArrayList<>(List.of("run", conf, bootstrap));
            reference.addAll(job);
            reference.addAll(
                    List.of(
                            "--tauflow.kafka.bounded=true",
                            "--tauflow.kafka.starting-offsets=EARLIEST",
                            "--tauflow.kafka.group-id=reference",
                            "--tauflow.kafka.transactional-id-prefix=reference",
                            "--tauflow.topic.orders=reference.orders",
                            "--tauflow.topic.rejections=reference.rejections",
                            "--tauflow.topic.decisions=reference.decisions",
                            "--tauflow.topic.risk-estimates=reference.estimates",
                            "--tauflow.topic.dlq=reference.dlq"));
            ok(reference.toArray(new String[0]));
            List<String> expected =
                    orders(
                            bootstrap,
                            "reference.orders",
                            "--tauflow.topic.orders=reference.orders");

            assertThat(expected).hasSizeGreaterThan(20);
            assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(clientOrderIds(all)).doesNotHaveDuplicates();
            assertThat(phase1).isNotEmpty().hasSizeLessThan(all.size());
            assertThat(all).containsAll(phase1);
        } finally {
            stopped = cluster.stop(Duration.ofSeconds(30));
            gateway.stop(0);
        }
        assertThat(stopped)
                .containsExactly(Component.TASKMANAGER, Component.JOBMANAGER, Component.KAFKA);
        for (Component c : Component.values()) {
            assertThat(cluster.running(c)).isEmpty();
        }
    }

    private static String jobId(Run submitted) {
        assertThat(submitted.out()).startsWith("submitted job ");
        return submitted.out().substring("submitted job ".length()).split(" ")[0];
    }

    /** Every record of an output topic, read_committed, as JSON lines sorted. */
    private static List<String> orders(String bootstrap, String topic, String... more) {
        List<String> args =
                new ArrayList<>(List.of("read", "--topic=" + topic, "--from-beginning", bootstrap));
        args.addAll(Arrays.asList(more));
        List<String> lines = new ArrayList<>(ok(args.toArray(new String[0])).lines());
        lines.removeIf(String::isBlank);
        lines.sort(Comparator.naturalOrder());
        return lines;
    }

    private static List<String> clientOrderIds(List<String> json) throws IOException {
        ObjectMapper m = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        for (String line : json) {
            ids.add(m.readTree(line).path("clientOrderId").asText());
        }
        return ids;
    }

    /** Whether the job's consumer group has committed the end of every candle partition. */
    private static boolean consumed(int kafkaPort, String group) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", "127.0.0.1:" + kafkaPort);
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS);
            Set<TopicPartition> candles =
                    Set.of(
                            new TopicPartition("md.candles", 0),
                            new TopicPartition("md.candles", 1));
            var ends =
                    admin.listOffsets(
                                    candles.stream()
                                            .collect(
                                                    Collectors.toMap(
                                                            tp -> tp, tp -> OffsetSpec.latest())))
                            .all()
                            .get(10, TimeUnit.SECONDS);
            for (TopicPartition tp : candles) {
                OffsetAndMetadata c = committed.get(tp);
                if (c == null || c.offset() < ends.get(tp).offset()) {
                    return false;
                }
            }
            return true;
        }
    }

    private static void await(String what, Duration timeout, Callable<Boolean> condition)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }

    /** The bundled candles split by time: the first {@code share} of the bars, then the rest. */
    private Path[] splitCandles(double share) throws IOException {
        List<String> lines;
        try (InputStream in =
                new GZIPInputStream(
                        ClusterE2EITCase.class.getClassLoader().getResourceAsStream(CANDLES))) {
            lines =
                    new ArrayList<>(
                            Arrays.asList(
                                    new String(in.readAllBytes(), StandardCharsets.UTF_8)
                                            .split("\n")));
        }
        String header = lines.remove(0);
        int timeColumn = Arrays.asList(header.split(",")).indexOf("open_time_ms");
        lines.removeIf(String::isBlank);
        lines.sort(Comparator.comparingLong(l -> Long.parseLong(l.split(",")[timeColumn])));
        int cut = (int) (lines.size() * share);
        // never between two bars of the same minute
        while (cut < lines.size()
                && lines.get(cut)
                        .split(",")[timeColumn]
                        .equals(lines.get(cut - 1).split(",")[timeColumn])) {
            cut++;
        }
        Path a = dir.resolve("candles-1.csv");
        Path b = dir.resolve("candles-2.csv");
        Files.writeString(a, header + "\n" + String.join("\n", lines.subList(0, cut)) + "\n");
        Files.writeString(
                b, header + "\n" + String.join("\n", lines.subList(cut, lines.size())) + "\n");
        return new Path[] {a, b};
    }
}
