package io.tauflow.tools.kafka;

import io.tauflow.jobs.JobSettings;
import io.tauflow.jobs.KafkaIO;
import io.tauflow.jobs.KafkaOptions;
import io.tauflow.schema.Candle;
import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.SentimentScore;
import io.tauflow.tools.demo.OutputWatcher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The job's topics (configured names) and the Avro type each holds: the four inputs, then the
 * outputs of {@link OutputWatcher#outputTopics}.
 */
public final class Topics {

    private Topics() {}

    /** Every input and output topic of the job, in a fixed order, with its record type. */
    public static Map<String, Class<? extends SpecificRecordBase>> all(JobSettings s) {
        Map<String, Class<? extends SpecificRecordBase>> t = new LinkedHashMap<>();
        t.put(s.get(KafkaOptions.TOPIC_CANDLES), Candle.class);
        t.put(s.get(KafkaOptions.TOPIC_SENTIMENT), SentimentScore.class);
        t.put(s.get(KafkaOptions.TOPIC_ORDER_BOOK), OrderBookSnapshot.class);
        t.put(s.get(KafkaOptions.TOPIC_CONTROL), ControlCommand.class);
        OutputWatcher.outputTopics(s).forEach((name, kind) -> t.put(name, kind.type));
        int distinct = KafkaIO.inputTopics(s).size() + OutputWatcher.Kind.values().length;
        if (t.size() != distinct) {
            throw new IllegalArgumentException(
                    "two of the job's topics have the same name: " + t.keySet());
        }
        return t;
    }

    /**
     * Client properties for the settings' brokers: those of tauflow.kafka.client-properties
     * (security), then the bootstrap servers.
     */
    public static Properties client(JobSettings s) {
        Properties p = s.kafkaClientProperties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, s.get(KafkaOptions.BOOTSTRAP_SERVERS));
        return p;
    }
}
