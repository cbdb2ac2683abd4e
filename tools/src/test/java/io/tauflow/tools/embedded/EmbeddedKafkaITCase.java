package io.tauflow.tools.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaITCase {

    private static final String TOPIC = "embedded-kafka-it";

    @TempDir Path workDir;

    @Test
    void transactionsCommitAndAbortThenShutDownCleanly() throws Exception {
        Set<Thread> threadsBefore = nonDaemonThreads();
        EmbeddedKafka kafka = EmbeddedKafka.start(workDir);
        int port;
        try {
            assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
            port = Integer.parseInt(kafka.bootstrapServers().split(":")[1]);

            kafka.createTopics(2, TOPIC);
            kafka.createTopics(2, TOPIC); // existing topics are fine

            List<String> committed = IntStream.range(0, 100).mapToObj(i -> "value-" + i).toList();
            try (KafkaProducer<String, String> producer = transactionalProducer(kafka)) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < committed.size(); i++) {
                    producer.send(new ProducerRecord<>(TOPIC, "key-" + i, committed.get(i)));
                }
                producer.commitTransaction();

                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, "key-aborted", "aborted"));
                producer.flush(); // the record reaches the log before the abort marker
                producer.abortTransaction();
            }

            assertThat(readCommitted(kafka)).containsExactlyInAnyOrderElementsOf(committed);
        } finally {
            kafka.close();
        }

        assertThatThrownBy(
                        () -> {
                            try (Socket socket = new Socket()) {
                                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                            }
                        })
                .isInstanceOf(IOException.class);
        try (var left = Files.list(workDir)) {
            assertThat(left).isEmpty();
        }
        assertThat(newNonDaemonThreadsAfter(threadsBefore, Duration.ofSeconds(5))).isEmpty();
    }

    /**
     * A freshly created partition must take writes at once. Right after a topic is created the
     * broker may list a leader before that leader serves produce requests (NOT_LEADER_OR_FOLLOWER);
     * an idempotent producer with several requests in flight can then get a later batch appended
     * first and spin on its first batch until the delivery timeout drops it (KAFKA-15591): the
     * earliest input records of a test vanish. Sending without retries shows whether {@link
     * EmbeddedKafka#createTopics} waited long enough.
     */
    @Test
    void createdTopicsTakeWritesAtOnce() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(workDir);
                KafkaProducer<String, String> producer = producerWithoutRetries(kafka)) {
            // The producer is connected and has metadata before the topics exist.
            kafka.createTopics(1, "warm-up");
            producer.send(new ProducerRecord<>("warm-up", "k", "v")).get();
            for (int t = 0; t < 10; t++) {
                String topic = "fresh-" + t;
                kafka.createTopics(2, topic);
                for (int partition = 0; partition < 2; partition++) {
                    assertThat(
                                    producer.send(new ProducerRecord<>(topic, partition, "k", "v"))
                                            .get()
                                            .offset())
                            .as("first write to %s-%d", topic, partition)
                            .isZero();
                }
            }
        }
    }

    /**
     * The job stamps its output with event time, so a replay of old bars writes records that look
     * years old to the broker. Time-based retention must not delete them: with the broker default
     * (7 days) its retention check deleted whole segments of committed output between the job
     * writing them and a test reading them. A topic with an explicit short retention beside them
     * shows that the check has run (twice) and does delete expired records where asked to.
     */
    @Test
    void recordsStampedYearsAgoAreKept() throws Exception {
        Properties fastChecks = new Properties();
        fastChecks.put("log.initial.task.delay.ms", "0");
        fastChecks.put("log.retention.check.interval.ms", "100");
        long october2013 = 1381000000000L;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(workDir, fastChecks);
                KafkaProducer<String, String> producer = producerWithoutRetries(kafka);
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            kafka.createTopics(1, "replayed-output");
            admin.createTopics(
                            List.of(
                                    new NewTopic("short-retention", 1, (short) 1)
                                            .configs(Map.of("retention.ms", "60000"))))
                    .all()
                    .get();
            TopicPartition kept = new TopicPartition("replayed-output", 0);
            TopicPartition expiring = new TopicPartition("short-retention", 0);
            for (int round = 1; round <= 2; round++) {
                long end = 0;
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>(kept.topic(), 0, october2013 + i, "k", "v"))
                            .get();
                    end =
                            producer.send(
                                                    new ProducerRecord<>(
                                                            expiring.topic(),
                                                            0,
                                                            october2013 + i,
                                                            "k",
                                                            "v"))
                                            .get()
                                            .offset()
                                    + 1;
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (logStart(admin, expiring) < end) {
                    assertThat(System.nanoTime())
                            .as("the retention check deletes the expired topic")
                            .isLessThan(deadline);
                    Thread.sleep(50);
                }
                assertThat(logStart(admin, kept)).as("after retention check %d", round).isZero();
            }
        }
    }

    private static long logStart(Admin admin, TopicPartition tp) throws Exception {
        return admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).all().get().get(tp).offset();
    }

    private static KafkaProducer<String, String> producerWithoutRetries(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.RETRIES_CONFIG, "0");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static KafkaProducer<String, String> transactionalProducer(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-kafka-it-tx");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** Reads both partitions from the start up to the last stable offset. */
    private static List<String> readCommitted(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions =
                    List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With read_committed, endOffsets is the last stable offset: past the abort marker.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(System.nanoTime()).as("read before deadline").isLessThan(deadline);
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    private static List<String> newNonDaemonThreadsAfter(Set<Thread> before, Duration grace)
            throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (true) {
            List<String> extra =
                    nonDaemonThreads().stream()
                            .filter(t -> !before.contains(t))
                            .map(Thread::getName)
                            .toList();
            if (extra.isEmpty() || System.nanoTime() > deadline) {
                return extra;
            }
            Thread.sleep(50);
        }
    }
}
