package io.tauflow.jobs;

import io.tauflow.agent.AgentOptions;
import io.tauflow.agent.EncoderOptions;
import io.tauflow.features.FeatureOptions;
import io.tauflow.ingest.InputOptions;
import io.tauflow.regime.RegimeOptions;
import io.tauflow.risk.RiskOptions;
import io.tauflow.risk.VarOptions;
import io.tauflow.sizing.SizingOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;

/**
 * Where every Tauflow option is declared: each stage's options live beside that stage's settings
 * (e.g. {@link RiskOptions} beside {@code RiskLimits}); this class only lists the groups, for the
 * unknown-option check, the generated docs/CONFIGURATION.md and {@code --help}. Set options in the
 * {@code tauflow:} section of {@code config.yaml}, with {@code -Dtauflow.x.y=value} or as {@code
 * --tauflow.x.y=value}.
 */
public final class TauflowOptions {

    private TauflowOptions() {}

    /** The option groups, in the order of docs/CONFIGURATION.md: a title and a class each. */
    public static final Map<String, Class<?>> GROUPS = groups();

    private static Map<String, Class<?>> groups() {
        Map<String, Class<?>> g = new LinkedHashMap<>();
        g.put("Kafka and topics", KafkaOptions.class);
        g.put("Input admission and event time", InputOptions.class);
        g.put("Features", FeatureOptions.class);
        g.put("Regime and market regime", RegimeOptions.class);
        g.put("Agent", AgentOptions.class);
        g.put("State encoder", EncoderOptions.class);
        g.put("Sizing and accounts", SizingOptions.class);
        g.put("Risk gate", RiskOptions.class);
        g.put("VaR windows", VarOptions.class);
        return g;
    }

    /** The options declared by one group class, in declaration order. */
    public static List<ConfigOption<?>> optionsOf(Class<?> group) {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field f : group.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
                try {
                    options.add((ConfigOption<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return options;
    }

    /** All tauflow options by every key they answer to (deprecated keys included). */
    public static Map<String, ConfigOption<?>> known() {
        Map<String, ConfigOption<?>> options = new TreeMap<>();
        for (Class<?> group : GROUPS.values()) {
            for (ConfigOption<?> o : optionsOf(group)) {
                for (String key : JobSettings.keysOf(o)) {
                    if (options.put(key, o) != null) {
                        throw new IllegalStateException("option " + key + " is declared twice");
                    }
                }
            }
        }
        return options;
    }

    /** The current keys of all tauflow options, sorted. */
    public static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (Class<?> group : GROUPS.values()) {
            for (ConfigOption<?> o : optionsOf(group)) {
                keys.add(o.key());
            }
        }
        keys.sort(null);
        return keys;
    }
}
