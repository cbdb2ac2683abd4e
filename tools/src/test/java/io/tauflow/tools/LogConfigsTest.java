package io.tauflow.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The log configurations drop the Kafka sink's repeated currentSendTime registration warnings and
 * nothing else of that logger.
 */
class LogConfigsTest {

    private static final Path HOME = Paths.get("..").toAbsolutePath().normalize();

    @TempDir Path dir;

    private static LogEvent warning(String text) {
        return Log4jLogEvent.newBuilder()
                .setLoggerName("org.apache.flink.metrics.MetricGroup")
                .setLevel(Level.WARN)
                .setMessage(new SimpleMessage(text))
                .build();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "flink-conf/log4j-cli.properties",
                "flink-conf/log4j-cluster.properties",
                "tools/src/test/resources/log4j2-test.properties",
                "jobs/src/test/resources/log4j2-test.properties"
            })
    void theSendTimeCollisionIsDroppedAndOtherCollisionsAreNot(String file) throws IOException {
        System.setProperty("log.file", dir.resolve("test.log").toString());
        Path p = HOME.resolve(file);
        Configuration c;
        try (InputStream in = Files.newInputStream(p)) {
            c =
                    new PropertiesConfigurationFactory()
                            .getConfiguration(null, new ConfigurationSource(in, p.toFile()));
        }
        c.initialize();
        LoggerConfig logger = c.getLoggerConfig("org.apache.flink.metrics.MetricGroup");
        assertThat(
                        logger.isFiltered(
                                warning(
                                        "Name collision: Group already contains a Metric with the"
                                                + " name 'currentSendTime'. Metric will not be"
                                                + " reported.[, taskmanager, a1, tauflow, orders"
                                                + " sink: Writer, 0]")))
                .isTrue();
        assertThat(
                        logger.isFiltered(
                                warning(
                                        "Name collision: Group already contains a Metric with the"
                                                + " name 'decisions'. Metric will not be reported.")))
                .isFalse();
    }
}
