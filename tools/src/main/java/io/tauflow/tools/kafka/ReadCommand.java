package io.tauflow.tools.kafka;

import io.tauflow.ingest.AvroCodec;
import io.tauflow.jobs.JobSettings;
import io.tauflow.tools.cli.CliCommand;
import io.tauflow.tools.cli.ConfigMixin;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bin/tauflow read}: a topic's records decoded, as JSON lines or a table. */
@Command(
        name = "read",
        header = "Print a topic's records decoded, as JSON lines or a table.",
        mixinStandardHelpOptions = true,
        description = {
            "Reads one of the job's topics (tauflow.topic.*) with isolation.level=read_committed,"
                    + " so only records of committed transactions show, and prints each decoded"
                    + " with its Avro schema: one JSON object per line, or a table with a header.",
            "Stops after --max records, or, with --from-beginning, at the end the topic had when"
                    + " the command started; otherwise it prints new records until none came for"
                    + " --idle."
        })
public final class ReadCommand extends CliCommand {

    /** How records are printed. */
    public enum Format {
        JSON,
        TABLE
    }

    @Option(
            names = "--topic",
            required = true,
            paramLabel = "TOPIC",
            description = "One of the job's topics.")
    String topic;

    @Option(
            names = "--from-beginning",
            description = "Start at the earliest offsets and stop at the end (default: new ones).")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Integer max;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "JSON",
            description = "JSON or TABLE (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = "--idle",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description =
                    "Without --from-beginning: stop when no record came for this long (default"
                            + " ${DEFAULT-VALUE}).")
    String idle;

    @Mixin ConfigMixin config;

    public ReadCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    public Integer call() throws Exception {
        if (max != null) {
            atLeast("--max", max, 1);
        }
        Duration idleFor = positiveDuration("--idle", idle);
        JobSettings s = config.settings();
        Map<String, Class<? extends SpecificRecordBase>> topics = Topics.all(s);
        Class<? extends SpecificRecordBase> type = topics.get(topic);
        if (type == null) {
            throw usage(
                    "Invalid value for option '--topic': "
                            + topic
                            + " is not one of the job's topics "
                            + topics.keySet());
        }
        AvroCodec<? extends SpecificRecordBase> codec = AvroCodec.of(type);
        List<String> fields = new ArrayList<>();
        for (Schema.Field f : SpecificData.get().getSchema(type).getFields()) {
            fields.add(f.name());
        }
        Properties p = Topics.client(s);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        int n = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                parts.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            if (fromBeginning) {
                consumer.seekToBeginning(parts);
            } else {
                consumer.seekToEnd(parts);
            }
            if (format == Format.TABLE) {
                out.println(String.join("\t", fields));
            }
            long lastRecord = System.nanoTime();
            while (max == null || n < max) {
                if (fromBeginning && caughtUp(consumer, end)) {
                    break;
                }
                var records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    if (!fromBeginning && System.nanoTime() - lastRecord > idleFor.toNanos()) {
                        break;
                    }
                    continue;
                }
                lastRecord = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (max != null && n >= max) {
                        break;
                    }
                    SpecificRecordBase v = codec.decode(r.value());
                    if (format == Format.JSON) {
                        out.println(v);
                    } else {
                        List<String> row = new ArrayList<>();
                        for (int i = 0; i < fields.size(); i++) {
                            row.add(String.valueOf(v.get(i)));
                        }
                        out.println(String.join("\t", row));
                    }
                    n++;
                }
            }
        }
        err.printf("%,d records from %s%n", n, topic);
        return 0;
    }

    private static boolean caughtUp(
            KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
