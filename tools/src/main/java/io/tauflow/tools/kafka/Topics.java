package io.tauflow.tools.kafka;

import io.tauflow.jobs.JobSettings;
import io.tauflow.jobs.KafkaIO;
import io.tauflow.jobs.KafkaOptions;
import io.tauflow.schema.Candle;
import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Order;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.RiskEstimate;
import io.tauflow.schema.SentimentScore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.CommonClientConfigs;

/** The job's topics (configured names) and the Avro type each holds. */
public final class Topics {

    private Topics() {}

    /** Every input and output topic of the job, in a fixed order, with its record type. */
    public static Map<String, Class<? extends SpecificRecordBase>> all(JobSettings s) {
        Map<String, Class<? extends SpecificRecordBase>> t = new LinkedHashMap<>();
        t.put(s.get(KafkaOptions.TOPIC_CANDLES), Candle.class);
        t.put(s.get(KafkaOptions.TOPIC_SENTIMENT), SentimentScore.class);
        t.put(s.get(KafkaOptions.TOPIC_ORDER_BOOK), OrderBookSnapshot.class);
        t.put(s.get(KafkaOptions.TOPIC_CONTROL), ControlCommand.class);
        t.put(s.get(KafkaOptions.TOPIC_DECISIONS), Decision.class);
        t.put(s.get(KafkaOptions.TOPIC_ORDERS), Order.class);
        t.put(s.get(KafkaOptions.TOPIC_REJECTIONS), Rejection.class);
        t.put(s.get(KafkaOptions.TOPIC_DEAD_LETTERS), DeadLetter.class);
        t.put(s.get(KafkaOptions.TOPIC_RISK_ESTIMATES), RiskEstimate.class);
        if (t.size() != 9 || !t.keySet().containsAll(KafkaIO.inputTopics(s))) {
            throw new IllegalArgumentException(
                    "two of the job's topics have the same name: " + t.keySet());
        }
        return t;
    }

    /** Client properties for the settings' brokers. */
    public static Properties client(JobSettings s) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, s.get(KafkaOptions.BOOTSTRAP_SERVERS));
        return p;
    }
}
