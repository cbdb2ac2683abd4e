package io.tauflow.tools.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A standalone Flink session cluster (a JobManager and a TaskManager, each its own JVM) and a Kafka
 * broker (KRaft, broker and controller in one JVM), all bound to 127.0.0.1, started from the jars
 * Maven resolved: Flink's runtime from {@code cluster/target/flink-classpath.txt} (no Tauflow code:
 * jobs are submitted as the shaded job jar), the broker from the CLI's own classpath. Flink reads
 * {@code config.yaml} of the configuration directory as it is (the local {@code flink-conf/}), with
 * only addresses, ports and directories given on the command line; the broker gets a {@code
 * server.properties} written under the run directory.
 *
 * <p>Everything lives under the run directory: {@code log/} (one log and one {@code .out} per
 * process), {@code pid/} (a pid file per process), {@code kafka/} (the broker's data), {@code
 * flink/} (temporary files, checkpoints, savepoints) and {@code cluster.properties} (the ports, so
 * later commands find the cluster). {@link #start} starts whatever is not running (also a
 * TaskManager again after one died), {@link #stop} stops every process it started, TaskManager
 * first. The processes start in sessions of their own ({@code setsid}): closing the terminal that
 * started them does not stop them.
 */
public final class LocalCluster {

    /** The ports, saved in {@code cluster.properties}. */
    public record Ports(int kafka, int controller, int rest, int rpc) {

        public static Ports defaults() {
            return new Ports(9092, 9093, 8081, 6123);
        }

        String restUrl() {
            return "http://127.0.0.1:" + rest;
        }
    }

    /** One process of the cluster. */
    public enum Component {
        KAFKA("kafka", "kafka.Kafka"),
        JOBMANAGER(
                "jobmanager",
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint"),
        TASKMANAGER("taskmanager", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner");

        final String id;
        final String mainClass;

        Component(String id, String mainClass) {
            this.id = id;
            this.mainClass = mainClass;
        }
    }

    /** The JVM flags Flink ships for Java 17 (env.java.opts.all of its distribution). */
    static final List<String> JAVA_MODULE_FLAGS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    private final Path home;
    private final Path runDir;
    private final Path confDir;
    private Map<String, String> extraOptions = Map.of();

    /**
     * @param home the Tauflow checkout (holds {@code cluster/target}, {@code tools/target} and
     *     {@code flink-conf/})
     * @param runDir where logs, pids, data and state go
     * @param confDir the Flink configuration directory the cluster reads ({@code config.yaml} and
     *     {@code log4j-cluster.properties})
     */
    public LocalCluster(Path home, Path runDir, Path confDir) {
        this.home = home.toAbsolutePath().normalize();
        this.runDir = runDir.toAbsolutePath().normalize();
        this.confDir = confDir.toAbsolutePath().normalize();
    }

    public Path runDir() {
        return runDir;
    }

    public Path log(Component c) {
        return runDir.resolve("log").resolve(c.id + ".log");
    }

    private Path out(Component c) {
        return runDir.resolve("log").resolve(c.id + ".out");
    }

    private Path pidFile(Component c) {
        return runDir.resolve("pid").resolve(c.id + ".pid");
    }

    public Path savepointDir() {
        return runDir.resolve("flink/savepoints");
    }

    /** The ports of the cluster last started in this run directory, if any. */
    public Optional<Ports> savedPorts() throws IOException {
        Path f = runDir.resolve("cluster.properties");
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f)) {
            p.load(r);
        }
        return Optional.of(
                new Ports(
                        Integer.parseInt(p.getProperty("kafka.port")),
                        Integer.parseInt(p.getProperty("controller.port")),
                        Integer.parseInt(p.getProperty("rest.port")),
                        Integer.parseInt(p.getProperty("rpc.port"))));
    }

    /** The running process of a component, if its pid file names one that runs its main class. */
    public Optional<ProcessHandle> running(Component c) throws IOException {
        Path f = pidFile(c);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readString(f).trim());
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(
                        h ->
                                h.info()
                                        .arguments()
                                        .map(a -> List.of(a).contains(c.mainClass))
                                        .orElse(true));
    }

    /**
     * Starts every component that is not running, each once the one before is ready: the broker
     * (its metadata answers), the JobManager (its REST API answers), a TaskManager (registered).
     * With a cluster already started in this run directory its ports are kept and {@code ports} is
     * ignored.
     *
     * @param report receives one line per component
     */
    public Ports start(
            Ports requested, Duration timeout, java.util.function.Consumer<String> report)
            throws IOException, InterruptedException {
        return start(requested, Map.of(), timeout, report);
    }

    /**
     * As {@link #start(Ports, Duration, java.util.function.Consumer)}, with Flink options for the
     * JobManager and TaskManager on top of config.yaml (e.g. a metrics reporter). They are kept in
     * the run directory: a later start without any (a new TaskManager) uses them again.
     */
    public Ports start(
            Ports requested,
            Map<String, String> flinkOptions,
            Duration timeout,
            java.util.function.Consumer<String> report)
            throws IOException, InterruptedException {
        Ports ports = savedPorts().orElse(requested);
        Files.createDirectories(runDir);
        Path saved = runDir.resolve("flink-options.properties");
        Properties options = new Properties();
        if (!flinkOptions.isEmpty()) {
            options.putAll(flinkOptions);
            try (Writer w = Files.newBufferedWriter(saved)) {
                options.store(w, "Flink options of bin/tauflow cluster start -D");
            }
        } else if (Files.isRegularFile(saved)) {
            try (Reader r = Files.newBufferedReader(saved)) {
                options.load(r);
            }
        }
        extraOptions = new LinkedHashMap<>();
        options.stringPropertyNames().stream()
                .sorted()
                .forEach(k -> extraOptions.put(k, options.getProperty(k)));
        Files.createDirectories(runDir.resolve("log"));
        Files.createDirectories(runDir.resolve("pid"));
        Files.createDirectories(runDir.resolve("flink/tmp"));
        Files.createDirectories(savepointDir());
        saveResourcesCheck();
        writePorts(ports);

        if (running(Component.KAFKA).isEmpty()) {
            refuseTakenPort(ports.kafka(), "--kafka-port");
            refuseTakenPort(ports.controller(), "--controller-port");
            startKafka(ports);
            waitFor(
                    Component.KAFKA,
                    () -> kafkaAnswers(ports),
                    timeout,
                    "the broker did not answer on 127.0.0.1:" + ports.kafka());
            report.accept(
                    "kafka        started: 127.0.0.1:"
                            + ports.kafka()
                            + "  log "
                            + log(Component.KAFKA));
        } else {
            report.accept("kafka        already running: 127.0.0.1:" + ports.kafka());
        }
        FlinkRest rest = new FlinkRest(ports.restUrl());
        if (running(Component.JOBMANAGER).isEmpty()) {
            refuseTakenPort(ports.rest(), "--rest-port");
            refuseTakenPort(ports.rpc(), "--rpc-port");
            startFlink(Component.JOBMANAGER, ports);
            waitFor(
                    Component.JOBMANAGER,
                    () -> rest.overview().isPresent(),
                    timeout,
                    "the JobManager's REST API did not answer at " + ports.restUrl());
            report.accept(
                    "jobmanager   started: "
                            + ports.restUrl()
                            + "  log "
                            + log(Component.JOBMANAGER));
        } else {
            report.accept("jobmanager   already running: " + ports.restUrl());
        }
        if (running(Component.TASKMANAGER).isEmpty()) {
            int before = rest.overview().map(o -> o.path("slots-total").asInt()).orElse(0);
            startFlink(Component.TASKMANAGER, ports);
            waitFor(
                    Component.TASKMANAGER,
                    () ->
                            rest.overview()
                                    .map(o -> o.path("slots-total").asInt() > before)
                                    .orElse(false),
                    timeout,
                    "no TaskManager registered with the JobManager");
            report.accept(
                    "taskmanager  started: "
                            + rest.overview().map(o -> o.path("slots-total").asInt()).orElse(0)
                            + " slots  log "
                            + log(Component.TASKMANAGER));
        } else {
            report.accept("taskmanager  already running");
        }
        return ports;
    }

    /**
     * Stops every component still running (TaskManager, JobManager, broker): SIGTERM, then SIGKILL
     * after {@code grace}.
     *
     * @return the components that were running
     */
    public List<Component> stop(Duration grace) throws IOException, InterruptedException {
        List<Component> stopped = new ArrayList<>();
        for (Component c : List.of(Component.TASKMANAGER, Component.JOBMANAGER, Component.KAFKA)) {
            Optional<ProcessHandle> p = running(c);
            if (p.isPresent()) {
                ProcessHandle h = p.get();
                h.destroy();
                try {
                    h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    h.destroyForcibly();
                    h.onExit().join();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException(e.getCause());
                }
                stopped.add(c);
            }
            Files.deleteIfExists(pidFile(c));
        }
        return stopped;
    }

    /** Kills a component at once (SIGKILL), as a crash would; for failure drills. */
    public boolean kill(Component c) throws IOException {
        Optional<ProcessHandle> p = running(c);
        p.ifPresent(ProcessHandle::destroyForcibly);
        p.ifPresent(h -> h.onExit().join());
        return p.isPresent();
    }

    private void saveResourcesCheck() throws IOException {
        for (Path needed :
                List.of(flinkClasspathFile(), cliClasspathFile(), confDir.resolve("config.yaml"))) {
            if (!Files.isRegularFile(needed)) {
                throw new IOException(
                        "missing "
                                + needed
                                + (needed.startsWith(home.resolve("cluster"))
                                                || needed.startsWith(home.resolve("tools"))
                                        ? ": build it with bin/tauflow build"
                                        : ""));
            }
        }
    }

    private Path flinkClasspathFile() {
        return home.resolve("cluster/target/flink-classpath.txt");
    }

    private Path cliClasspathFile() {
        return home.resolve("tools/target/runtime-classpath.txt");
    }

    private void writePorts(Ports ports) throws IOException {
        Properties p = new Properties();
        p.setProperty("kafka.port", Integer.toString(ports.kafka()));
        p.setProperty("controller.port", Integer.toString(ports.controller()));
        p.setProperty("rest.port", Integer.toString(ports.rest()));
        p.setProperty("rpc.port", Integer.toString(ports.rpc()));
        try (Writer w = Files.newBufferedWriter(runDir.resolve("cluster.properties"))) {
            p.store(w, "ports of the cluster started by bin/tauflow cluster start");
        }
    }

    // --- Kafka ---

    private void startKafka(Ports ports) throws IOException, InterruptedException {
        Path data = runDir.resolve("kafka/data");
        Path props = runDir.resolve("kafka/server.properties");
        Files.createDirectories(data);
        Map<String, String> server = new LinkedHashMap<>();
        server.put("process.roles", "broker,controller");
        server.put("node.id", "1");
        server.put("controller.quorum.voters", "1@127.0.0.1:" + ports.controller());
        server.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:"
                        + ports.kafka()
                        + ",CONTROLLER://127.0.0.1:"
                        + ports.controller());
        server.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports.kafka());
        server.put("controller.listener.names", "CONTROLLER");
        server.put("inter.broker.listener.name", "PLAINTEXT");
        server.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        server.put("log.dirs", data.toString());
        server.put("num.partitions", "2");
        server.put("offsets.topic.replication.factor", "1");
        server.put("transaction.state.log.replication.factor", "1");
        server.put("transaction.state.log.min.isr", "1");
        server.put("share.coordinator.state.topic.replication.factor", "1");
        server.put("share.coordinator.state.topic.min.isr", "1");
        server.put("group.initial.rebalance.delay.ms", "0");
        // the job's exactly-once sinks hold transactions for up to 10 min (README)
        server.put("transaction.max.timeout.ms", "900000");
        StringBuilder text = new StringBuilder("# written by bin/tauflow cluster start\n");
        server.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(props, text);
        Path log4j = runDir.resolve("kafka/log4j2.properties");
        Files.writeString(
                log4j,
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = file",
                        "appender.file.name = file",
                        "appender.file.type = File",
                        "appender.file.fileName = " + log(Component.KAFKA),
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{ISO8601} %-5p %c{1} - %m%n",
                        ""));

        String classpath = Files.readString(cliClasspathFile()).trim();
        if (!Files.isRegularFile(data.resolve("meta.properties"))) {
            List<String> format = new ArrayList<>();
            format.add(java());
            format.addAll(List.of("-cp", classpath, "-Dlog4j2.configurationFile=" + log4j));
            format.addAll(
                    List.of(
                            "kafka.tools.StorageTool",
                            "format",
                            "-t",
                            Uuid.randomUuid().toString(),
                            "-c",
                            props.toString()));
            Process p =
                    new ProcessBuilder(format)
                            .redirectErrorStream(true)
                            .redirectOutput(
                                    ProcessBuilder.Redirect.appendTo(out(Component.KAFKA).toFile()))
                            .start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(
                        "formatting the broker's storage failed; see " + out(Component.KAFKA));
            }
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC"));
        cmd.add("-Dlog4j2.configurationFile=" + log4j);
        cmd.add("-Djava.io.tmpdir=" + runDir.resolve("flink/tmp"));
        cmd.addAll(List.of("-cp", classpath, Component.KAFKA.mainClass, props.toString()));
        spawn(Component.KAFKA, cmd, Map.of());
    }

    private static boolean kafkaAnswers(Ports ports) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ports.kafka());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        if (!portOpen(ports.kafka())) {
            return false;
        }
        try (Admin admin = Admin.create(p)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** A port something else listens on would make the process fail later, less clearly. */
    private void refuseTakenPort(int port, String option) throws IOException {
        if (portOpen(port)) {
            throw new IOException(
                    "127.0.0.1:"
                            + port
                            + " is taken by another process: stop it or choose another "
                            + option
                            + " (with a new --run-dir, or after deleting "
                            + runDir.resolve("cluster.properties")
                            + ")");
        }
    }

    static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // --- Flink ---

    /**
     * Addresses, ports and directories, then the options given to start: everything else comes from
     * config.yaml.
     */
    List<String> flinkSettings(Ports ports) {
        Path flink = runDir.resolve("flink");
        Map<String, String> d = new LinkedHashMap<>();
        d.put("jobmanager.rpc.address", "127.0.0.1");
        d.put("jobmanager.rpc.port", Integer.toString(ports.rpc()));
        d.put("jobmanager.bind-host", "127.0.0.1");
        d.put("rest.address", "127.0.0.1");
        d.put("rest.bind-address", "127.0.0.1");
        d.put("rest.port", Integer.toString(ports.rest()));
        d.put("taskmanager.host", "127.0.0.1");
        d.put("taskmanager.bind-host", "127.0.0.1");
        d.put("io.tmp.dirs", flink.resolve("tmp").toString());
        d.put("web.tmpdir", flink.resolve("tmp").toString());
        d.put("blob.storage.directory", flink.resolve("tmp").toString());
        d.put("execution.checkpointing.dir", flink.resolve("checkpoints").toUri().toString());
        d.put("execution.checkpointing.savepoint-dir", savepointDir().toUri().toString());
        d.putAll(extraOptions);
        List<String> args = new ArrayList<>();
        d.forEach((k, v) -> args.add("-D" + k + "=" + v));
        return args;
    }

    private void startFlink(Component c, Ports ports) throws IOException, InterruptedException {
        String classpath = Files.readString(flinkClasspathFile()).trim();
        List<String> settings = flinkSettings(ports);
        List<String> resources =
                bashJavaUtils(
                        classpath,
                        c == Component.JOBMANAGER
                                ? "GET_JM_RESOURCE_PARAMS"
                                : "GET_TM_RESOURCE_PARAMS",
                        settings);
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(split(resources.get(0)));
        cmd.addAll(JAVA_MODULE_FLAGS);
        cmd.add("-Dlog.file=" + log(c));
        cmd.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j-cluster.properties"));
        cmd.add("-Djava.io.tmpdir=" + runDir.resolve("flink/tmp"));
        cmd.addAll(List.of("-cp", classpath, c.mainClass, "--configDir", confDir.toString()));
        cmd.addAll(settings);
        if (resources.size() > 1) {
            cmd.addAll(split(resources.get(1)));
        }
        // a job's main run by the JobManager (jar submission) reads this configuration too
        spawn(c, cmd, Map.of("FLINK_CONF_DIR", confDir.toString()));
    }

    /** Flink's own computation of a process's memory flags, as its start scripts run it. */
    private List<String> bashJavaUtils(String classpath, String command, List<String> settings)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j-cluster.properties"));
        cmd.add("-Dlog.file=" + runDir.resolve("log/bash-java-utils.log"));
        cmd.addAll(
                List.of(
                        "-cp",
                        classpath,
                        "org.apache.flink.runtime.util.bash.BashJavaUtils",
                        command,
                        "--configDir",
                        confDir.toString()));
        cmd.addAll(settings);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        p.waitFor();
        List<String> results = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith(RESULT_PREFIX)) {
                results.add(line.substring(RESULT_PREFIX.length()).trim());
            }
        }
        if (p.exitValue() != 0 || results.isEmpty()) {
            throw new IOException(
                    "Flink could not size the "
                            + (command.contains("JM") ? "JobManager" : "TaskManager")
                            + "'s memory from "
                            + confDir.resolve("config.yaml")
                            + ":\n"
                            + tail(output, 20));
        }
        return results;
    }

    // --- processes ---

    private void spawn(Component c, List<String> command, Map<String, String> env)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid"); // a session of its own: survives the terminal closing
        }
        cmd.addAll(command);
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(out(c).toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        Files.writeString(pidFile(c), Long.toString(p.pid()) + "\n");
    }

    private void waitFor(Component c, BooleanSupplier ready, Duration timeout, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready.getAsBoolean()) {
                return;
            }
            if (running(c).isEmpty()) {
                throw new IOException(
                        c.id
                                + " exited while starting; last lines of "
                                + out(c)
                                + " and "
                                + log(c)
                                + ":\n"
                                + tail(readOrEmpty(out(c)), 15)
                                + tail(readOrEmpty(log(c)), 15));
            }
            Thread.sleep(250);
        }
        throw new IOException(
                what + " within " + timeout.toSeconds() + " s; see " + log(c) + " and " + out(c));
    }

    private static String readOrEmpty(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static String tail(String text, int lines) {
        String[] all = text.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
            sb.append("  ").append(all[i]).append('\n');
        }
        return sb.toString();
    }

    private static List<String> split(String flags) {
        List<String> out = new ArrayList<>();
        for (String s : flags.trim().split("\\s+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    static String java() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
