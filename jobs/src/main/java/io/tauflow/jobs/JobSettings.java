package io.tauflow.jobs;

import io.tauflow.agent.AgentCaches;
import io.tauflow.agent.AgentConfig;
import io.tauflow.agent.StateEncoder;
import io.tauflow.agent.TradingCalendar;
import io.tauflow.config.OptionReader;
import io.tauflow.features.FeatureConfig;
import io.tauflow.ingest.EventTime;
import io.tauflow.ingest.InputLimits;
import io.tauflow.regime.MarketRegimeConfig;
import io.tauflow.regime.RegimeConfig;
import io.tauflow.risk.RiskLimits;
import io.tauflow.risk.RiskModel;
import io.tauflow.risk.VarConfig;
import io.tauflow.risk.VarWindows;
import io.tauflow.sizing.AccountMap;
import io.tauflow.sizing.SizingConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * The typed, validated settings of one job run: each stage's settings read by that stage's own
 * {@code from(ReadableConfig)} from a Flink configuration. A bad value fails here, before anything
 * starts, with the option's name and what it accepts; an unknown {@code tauflow.*} key fails too.
 */
public final class JobSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Configuration conf;
    public final FeatureConfig features;
    public final RegimeConfig regime;
    public final AgentConfig agent;
    public final StateEncoder encoder;
    public final TradingCalendar calendar;
    public final SizingConfig sizing;
    public final AccountMap accounts;
    public final RiskLimits risk;

    /** What an input record may hold before the job uses it. */
    public final InputLimits input;

    /** How the sources' watermarks follow event time. */
    public final EventTime eventTime;

    /** The sliding windows of the VaR and portfolio figures. */
    public final VarWindows varWindows;

    public final VarConfig var;

    /** How the risk gate uses the risk figures ({@code tauflow.risk.var-measure}, ...). */
    public final RiskModel riskModel;

    /** The market regime's reference symbol and how long its regime counts. */
    public final MarketRegimeConfig market;

    /** Sizes of the agent operator's caches in front of its keyed state. */
    public final AgentCaches caches;

    /** The file of tauflow.kafka.client-properties, read on first use (never serialized). */
    private transient Properties kafkaClient;

    private JobSettings(Configuration from) {
        this.conf = new Configuration(from);
        Map<String, ConfigOption<?>> known = TauflowOptions.known();
        for (String key : conf.keySet()) {
            if (key.startsWith("tauflow.") && !known.containsKey(key)) {
                throw new IllegalArgumentException(unknown(key, known));
            }
        }
        this.features = FeatureConfig.from(conf);
        this.regime = RegimeConfig.from(conf);
        this.agent = AgentConfig.from(conf);
        this.encoder = StateEncoder.from(conf);
        this.calendar = TradingCalendar.from(conf);
        this.sizing = SizingConfig.from(conf);
        this.accounts = AccountMap.from(conf);
        this.risk = RiskLimits.from(conf);
        this.input = InputLimits.from(conf);
        this.eventTime = EventTime.from(conf);
        this.varWindows = VarWindows.from(conf);
        this.var = VarConfig.from(conf);
        this.riskModel = RiskModel.from(conf, varWindows, var);
        this.market = MarketRegimeConfig.from(conf);
        this.caches = AgentCaches.from(conf);
    }

    /** The settings of a configuration (a cluster's, a test's, or options given as arguments). */
    public static JobSettings from(Configuration conf) {
        JobSettings s = new JobSettings(conf);
        if (conf.getOptional(KafkaOptions.CLIENT_PROPERTIES).isPresent()) {
            s.kafkaClientProperties(); // an unreadable file or a reserved key fails here
        }
        return s;
    }

    /**
     * The Kafka client settings every client of the job takes ({@link KafkaClientProperties}), read
     * once; a copy the caller may change.
     */
    public Properties kafkaClientProperties() {
        if (kafkaClient == null) {
            kafkaClient = KafkaClientProperties.of(conf);
        }
        Properties copy = new Properties();
        copy.putAll(kafkaClient);
        return copy;
    }

    /** The configuration these settings were read from. */
    public Configuration configuration() {
        return new Configuration(conf);
    }

    public <T> T get(ConfigOption<T> option) {
        return OptionReader.get(conf, option);
    }

    /**
     * The job's arguments as a configuration: {@code --conf-dir DIR} (a directory holding
     * config.yaml) and then {@code --key=value} or {@code --key value} pairs, which override the
     * file. For the job's main, which a cluster runs with {@code flink run JAR [arguments]}.
     */
    public static Configuration parseArgs(String[] args) {
        Configuration conf = new Configuration();
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            if (a.equals("--conf-dir") || a.startsWith("--conf-dir=")) {
                String dir;
                if (a.startsWith("--conf-dir=")) {
                    dir = a.substring("--conf-dir=".length());
                    rest.remove(i);
                } else {
                    if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                        throw new IllegalArgumentException(
                                "option --conf-dir needs a directory holding config.yaml");
                    }
                    dir = rest.get(i + 1);
                    rest.remove(i + 1);
                    rest.remove(i);
                }
                if (!new java.io.File(dir, "config.yaml").isFile()) {
                    throw new IllegalArgumentException(
                            "option --conf-dir: no config.yaml in '" + dir + "'");
                }
                conf.addAll(GlobalConfiguration.loadConfiguration(dir));
                break;
            }
        }
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            if (!a.startsWith("--") || a.length() == 2) {
                throw new IllegalArgumentException(
                        "unexpected argument '" + a + "'; options look like --tauflow.x.y=value");
            }
            String kv = a.substring(2);
            String key;
            String value;
            int eq = kv.indexOf('=');
            if (eq >= 0) {
                key = kv.substring(0, eq);
                value = kv.substring(eq + 1);
            } else {
                if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                    throw new IllegalArgumentException(
                            "option --" + kv + " needs a value: --" + kv + "=VALUE");
                }
                key = kv;
                value = rest.get(++i);
            }
            conf.setString(key, value);
        }
        return conf;
    }

    /** The message for an unknown key: the known keys of its group, or the groups. */
    private static String unknown(String key, Map<String, ConfigOption<?>> known) {
        String group = key.substring(0, key.lastIndexOf('.') + 1);
        List<String> near = new ArrayList<>();
        for (String k : TauflowOptions.keys()) {
            if (k.startsWith(group)) {
                near.add(k.substring(group.length()));
            }
        }
        if (near.isEmpty()) {
            java.util.Set<String> groups = new java.util.TreeSet<>();
            for (String k : TauflowOptions.keys()) {
                groups.add(k.substring(0, k.indexOf('.', "tauflow.".length()) + 1) + "*");
            }
            return "unknown option '"
                    + key
                    + "'; option groups: "
                    + String.join(", ", groups)
                    + " (docs/CONFIGURATION.md)";
        }
        return "unknown option '"
                + key
                + "'; options of "
                + group
                + "*: "
                + String.join(", ", near);
    }

    /** Every key a tauflow option answers to, deprecated ones included. */
    public static List<String> keysOf(ConfigOption<?> option) {
        List<String> keys = new ArrayList<>();
        keys.add(option.key());
        for (FallbackKey k : option.fallbackKeys()) {
            keys.add(k.getKey());
        }
        return keys;
    }
}
