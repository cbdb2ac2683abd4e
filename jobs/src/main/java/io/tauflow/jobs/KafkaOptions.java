package io.tauflow.jobs;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Where the job reads and writes: the Kafka connection and delivery ({@code tauflow.kafka.*}) and
 * the topic names ({@code tauflow.topic.*}).
 */
public final class KafkaOptions {

    private KafkaOptions() {}

    /** How the orders (and all other output) topics are written. */
    public enum Delivery {
        EXACTLY_ONCE,
        AT_LEAST_ONCE
    }

    /**
     * Where the sources start when the group has no committed offsets (or always, for
     * earliest/latest).
     */
    public enum StartingOffsets {
        COMMITTED_OR_EARLIEST,
        EARLIEST,
        LATEST
    }

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key("tauflow.kafka.bootstrap-servers")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Kafka bootstrap servers, host:port[,host:port]. Required.");

    public static final ConfigOption<String> CLIENT_PROPERTIES =
            ConfigOptions.key("tauflow.kafka.client-properties")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "A Java properties file of Kafka client settings for every client of the job and of bin/tauflow: security.protocol, ssl.*, sasl.* (SASL_SSL with SCRAM, mutual TLS; README.md, \"Kafka security\"). Give its path, never secrets, on the command line; secret values can stay out of the file too, as Kafka config-provider references such as ${file:/etc/kafka/secret.properties:password}. Unset: the file named by the environment variable TAUFLOW_KAFKA_CLIENT_PROPERTIES, if set. It cannot set what Tauflow sets itself: bootstrap.servers, group.id, client.id, transactional.id, isolation.level, enable.auto.commit, (de)serializers.");

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("tauflow.kafka.group-id")
                    .stringType()
                    .defaultValue("tauflow")
                    .withDescription(
                            "Consumer group of the sources (offsets are committed on checkpoints).");

    public static final ConfigOption<StartingOffsets> STARTING_OFFSETS =
            ConfigOptions.key("tauflow.kafka.starting-offsets")
                    .enumType(StartingOffsets.class)
                    .defaultValue(StartingOffsets.COMMITTED_OR_EARLIEST)
                    .withDescription("Where the sources start.");

    public static final ConfigOption<Boolean> BOUNDED =
            ConfigOptions.key("tauflow.kafka.bounded")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Stop at the offsets that were latest when the job started (replay/backfill/demo).");

    public static final ConfigOption<Delivery> DELIVERY =
            ConfigOptions.key("tauflow.kafka.delivery-guarantee")
                    .enumType(Delivery.class)
                    .defaultValue(Delivery.EXACTLY_ONCE)
                    .withDescription(
                            "EXACTLY_ONCE writes every output topic in Kafka transactions committed on checkpoints; read them with isolation.level=read_committed.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("tauflow.kafka.transactional-id-prefix")
                    .stringType()
                    .defaultValue("tauflow")
                    .withDescription(
                            "Prefix of the sinks' transactional ids; unique per job on one cluster.");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
            ConfigOptions.key("tauflow.kafka.transaction-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "Producer transaction.timeout.ms; must not exceed the broker's transaction.max.timeout.ms (15 min by default).");

    public static final ConfigOption<String> TOPIC_CANDLES = topic("candles", "md.candles");
    public static final ConfigOption<String> TOPIC_SENTIMENT = topic("sentiment", "md.sentiment");
    public static final ConfigOption<String> TOPIC_ORDER_BOOK = topic("orderbook", "md.orderbook");
    public static final ConfigOption<String> TOPIC_CONTROL = topic("control", "ctl.commands");
    public static final ConfigOption<String> TOPIC_ORDERS = topic("orders", "trade.orders");
    public static final ConfigOption<String> TOPIC_REJECTIONS =
            topic("rejections", "trade.rejections");
    public static final ConfigOption<String> TOPIC_DECISIONS =
            topic("decisions", "trade.decisions");
    public static final ConfigOption<String> TOPIC_DEAD_LETTERS = topic("dlq", "dlq");
    public static final ConfigOption<String> TOPIC_RISK_ESTIMATES =
            topic("risk-estimates", "risk.estimates");

    private static ConfigOption<String> topic(String name, String def) {
        return ConfigOptions.key("tauflow.topic." + name)
                .stringType()
                .defaultValue(def)
                .withDescription("Topic " + name + ".");
    }
}
