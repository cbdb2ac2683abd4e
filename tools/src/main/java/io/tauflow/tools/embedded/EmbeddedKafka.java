package io.tauflow.tools.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Apache Kafka broker (KRaft, combined broker and controller) running inside this
 * JVM, bound to 127.0.0.1 only. It gives the demo, the benchmarks and the integration tests a real
 * broker with transactions and {@code read_committed} reads without Docker or a separate process.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final int brokerPort;
    private final Path dataDir;
    private final Path createdWorkDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(
            KafkaRaftServer server, int brokerPort, Path dataDir, Path createdWorkDir) {
        this.server = server;
        this.brokerPort = brokerPort;
        this.dataDir = dataDir;
        this.createdWorkDir = createdWorkDir;
    }

    /**
     * Formats a fresh log directory under {@code workDir} and starts the broker; returns once a
     * client can reach it.
     */
    public static EmbeddedKafka start(Path workDir) throws Exception {
        return start(workDir, new Properties());
    }

    /**
     * Listeners a test adds beside the plaintext one, as {@code NAME:PROTOCOL:PORT[,...]} (e.g.
     * {@code MTLS:SSL:9094}), with their settings in the other overrides ({@code
     * listener.name.mtls.ssl.keystore.location}, ...).
     */
    static final String EXTRA_LISTENERS = "tauflow.test.extra-listeners";

    /** As {@link #start(Path)}, with broker settings that replace the defaults (for tests). */
    static EmbeddedKafka start(Path workDir, Properties overrides) throws Exception {
        Path createdWorkDir = Files.exists(workDir) ? null : workDir;
        Files.createDirectories(workDir);
        Path dataDir = Files.createTempDirectory(workDir, "kafka-");
        Path logDir = Files.createDirectories(dataDir.resolve("logs"));

        int brokerPort = freePort();
        int controllerPort = freePort();
        while (controllerPort == brokerPort) {
            controllerPort = freePort();
        }

        KafkaRaftServer server = null;
        try {
            Properties props = brokerProperties(logDir, brokerPort, controllerPort);
            Properties given = new Properties();
            given.putAll(overrides);
            String extra = (String) given.remove(EXTRA_LISTENERS);
            props.putAll(given);
            if (extra != null) {
                for (String l : extra.split(",")) {
                    String[] f = l.split(":");
                    String url = f[0] + "://" + HOST + ":" + f[2];
                    props.put("listeners", props.getProperty("listeners") + "," + url);
                    props.put(
                            "advertised.listeners",
                            props.getProperty("advertised.listeners") + "," + url);
                    props.put(
                            "listener.security.protocol.map",
                            props.getProperty("listener.security.protocol.map")
                                    + ","
                                    + f[0]
                                    + ":"
                                    + f[1]);
                }
            }
            KafkaConfig config = KafkaConfig.fromProps(props, false);
            format(logDir);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(server, brokerPort, dataDir, createdWorkDir);
            kafka.awaitReady();
            return kafka;
        } catch (Throwable t) {
            if (server != null) {
                try {
                    server.shutdown();
                    server.awaitShutdown();
                } catch (Throwable suppressed) {
                    t.addSuppressed(suppressed);
                }
            }
            deleteRecursively(dataDir, createdWorkDir);
            throw t;
        }
    }

    /** The bootstrap address of the broker listener, {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    /**
     * Creates the topics (replication factor 1) and waits until the leader of every partition
     * serves requests, so that the first write to a new topic is not refused. Topics that already
     * exist are left as they are.
     *
     * <p>Waiting for a leader in the topic metadata is not enough: the broker lists the leader a
     * moment before that leader takes produce requests. A producer writing at once gets
     * NOT_LEADER_OR_FOLLOWER for its first batch and retries it; with several requests in flight a
     * later batch can be appended first, after which the broker refuses the first batch as out of
     * order until the producer's delivery timeout drops it (KAFKA-15591). That silently lost the
     * earliest input records of integration-test runs.
     */
    public void createTopics(int partitions, String... names) {
        if (names.length == 0) {
            return;
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        try (Admin admin = admin()) {
            for (Map.Entry<String, KafkaFuture<Void>> result :
                    admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(
                                "Could not create topic " + result.getKey(), e.getCause());
                    }
                }
            }
            awaitTopics(admin, Arrays.asList(names));
            awaitLeadersServing(admin, Arrays.asList(names));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    /** Shuts the broker down, waits for it, and deletes the directories {@link #start} created. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            deleteRecursively(dataDir, createdWorkDir);
        }
    }

    private static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put(
                "listeners",
                BROKER_LISTENER
                        + "://"
                        + HOST
                        + ":"
                        + brokerPort
                        + ","
                        + CONTROLLER_LISTENER
                        + "://"
                        + HOST
                        + ":"
                        + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        p.put(
                "listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());

        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");

        // Internal topics on one node: replication 1, and few partitions so they appear fast.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // 15 min, the broker default, stated here: Flink's KafkaSink must not ask for more.
        p.put("transaction.max.timeout.ms", "900000");

        // Keep every record whatever its timestamp. The job stamps its output with event time, so
        // a replay of 2013 bars writes records that time-based retention (7 days by default)
        // finds expired: the broker's retention check (30 s after start, then every 5 min) would
        // delete whole segments of committed output between the job writing it and a reader
        // reading it.
        p.put("log.retention.ms", "-1");

        // The log cleaner (compacting the internal topics) allocates its dedupe buffer up front:
        // 128 MiB by default, far more than a test broker needs.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    private static void format(Path logDir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .addDirectory(logDir.toString())
                .setMetadataLogDirectory(logDir.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .run();
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-admin");
        return Admin.create(p);
    }

    /** Waits until the broker is registered and unfenced, i.e. visible to a client. */
    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not up yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Kafka broker at " + bootstrapServers() + " did not become ready");
                }
                Thread.sleep(50);
            }
        }
    }

    private static void awaitTopics(Admin admin, List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> descriptions =
                        admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS);
                if (descriptions.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .map(TopicPartitionInfo::leader)
                        .allMatch(leader -> leader != null && !leader.isEmpty())) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // metadata not propagated yet (UnknownTopicOrPartitionException)
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topics " + names + " did not become available");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Waits until the leader of every partition of the topics answers a list-offsets request, which
     * it refuses (NOT_LEADER_OR_FOLLOWER) under the same condition as a produce request.
     */
    private static void awaitLeadersServing(Admin admin, List<String> names)
            throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                for (TopicDescription d :
                        admin.describeTopics(names)
                                .allTopicNames()
                                .get(5, TimeUnit.SECONDS)
                                .values()) {
                    for (TopicPartitionInfo p : d.partitions()) {
                        partitions.put(
                                new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                    }
                }
                admin.listOffsets(partitions).all().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                // a leader is not serving yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "The partitions of " + names + " did not become writable");
            }
            Thread.sleep(50);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dataDir, Path createdWorkDir) {
        Path root = createdWorkDir != null ? createdWorkDir : dataDir;
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + root, e);
        }
    }
}
