package io.tauflow.jobs;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The Kafka client settings of {@link KafkaOptions#CLIENT_PROPERTIES} (or of the file the
 * environment variable {@value #ENV} names): security and other client settings every Kafka client
 * of the job and of the command line takes, under Tauflow's own. Errors name the option and the
 * file, never a value from it: it may hold secrets.
 */
public final class KafkaClientProperties {

    /** Names the file when {@code tauflow.kafka.client-properties} is not set. */
    public static final String ENV = "TAUFLOW_KAFKA_CLIENT_PROPERTIES";

    /** What Tauflow sets itself, so the file may not. */
    static final Set<String> RESERVED =
            Set.of(
                    "bootstrap.servers",
                    "group.id",
                    "client.id",
                    "transactional.id",
                    "isolation.level",
                    "enable.auto.commit",
                    "key.serializer",
                    "value.serializer",
                    "key.deserializer",
                    "value.deserializer");

    private KafkaClientProperties() {}

    /** The file's settings; empty when no file is configured. */
    public static Properties of(ReadableConfig conf) {
        return of(conf, System.getenv());
    }

    static Properties of(ReadableConfig conf, Map<String, String> env) {
        String option = conf.getOptional(KafkaOptions.CLIENT_PROPERTIES).orElse(null);
        String path = option != null ? option : env.get(ENV);
        if (path == null || path.isBlank()) {
            return new Properties();
        }
        String source =
                option != null
                        ? KafkaOptions.CLIENT_PROPERTIES.key()
                        : KafkaOptions.CLIENT_PROPERTIES.key() + " (from " + ENV + ")";
        Path file = Paths.get(path);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    source + ": cannot read the properties file " + file.toAbsolutePath(), e);
        }
        Set<String> reserved = new TreeSet<>(p.stringPropertyNames());
        reserved.retainAll(RESERVED);
        if (!reserved.isEmpty()) {
            throw new IllegalArgumentException(
                    source
                            + ": "
                            + file
                            + " sets "
                            + reserved
                            + ", which Tauflow sets itself (bootstrap servers:"
                            + " tauflow.kafka.bootstrap-servers)");
        }
        return p;
    }
}
