package io.tauflow.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Reads options of a stage's {@code from(ReadableConfig)} and fails with the option's name, the
 * value given and what it accepts, so that a bad setting stops a job before anything starts.
 */
public final class OptionReader {

    private OptionReader() {}

    /** The option's value, or a failure naming the option and what it accepts. */
    public static <T> T get(ReadableConfig conf, ConfigOption<T> option) {
        try {
            return conf.get(option);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "bad value '"
                            + raw(conf, option)
                            + "' for option "
                            + option.key()
                            + ": "
                            + accepted(option),
                    e);
        }
    }

    /** A required option: its value, or a failure naming it when it is set nowhere. */
    public static <T> T required(ReadableConfig conf, ConfigOption<T> option) {
        T value = get(conf, option);
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException(
                    "option "
                            + option.key()
                            + " is required: set it in the tauflow section of config.yaml, with"
                            + " -D"
                            + option.key()
                            + "=... or with --"
                            + option.key()
                            + "=...");
        }
        return value;
    }

    public static Duration positive(ReadableConfig conf, ConfigOption<Duration> option) {
        Duration d = get(conf, option);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(
                    "option " + option.key() + " must be a positive duration, got " + d);
        }
        return d;
    }

    public static Duration nonNegative(ReadableConfig conf, ConfigOption<Duration> option) {
        Duration d = get(conf, option);
        if (d.isNegative()) {
            throw new IllegalArgumentException(
                    "option " + option.key() + " must be a duration >= 0 (0 = off), got " + d);
        }
        return d;
    }

    public static int range(ReadableConfig conf, ConfigOption<Integer> option, int min, int max) {
        int v = get(conf, option);
        if (v < min || v > max) {
            throw new IllegalArgumentException(
                    "option " + option.key() + " must be in " + min + ".." + max + ", got " + v);
        }
        return v;
    }

    /** A list option holding exactly {@code size} values, described by {@code what}. */
    public static <T> List<T> list(
            ReadableConfig conf, ConfigOption<List<T>> option, int size, String what) {
        List<T> values = get(conf, option);
        if (values == null || values.size() != size) {
            throw new IllegalArgumentException(
                    "option "
                            + option.key()
                            + " must be "
                            + what
                            + ", a list such as "
                            + example(option)
                            + ", got "
                            + (values == null ? "nothing" : values.size() + " value(s) " + values));
        }
        return values;
    }

    public static ZoneId zone(ReadableConfig conf, ConfigOption<String> option) {
        String spec = get(conf, option);
        try {
            return ZoneId.of(spec.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "bad value '"
                            + spec
                            + "' for option "
                            + option.key()
                            + ": expected a zone id such as UTC or Europe/London, or an offset"
                            + " such as +02:00",
                    e);
        }
    }

    /**
     * Builds a stage's settings; a failure of the record's own checks that names no option gets the
     * name of the option group {@code near} belongs to.
     */
    public static <T> T attempt(ConfigOption<?> near, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains("tauflow.")) {
                throw e;
            }
            throw new IllegalArgumentException(
                    "bad settings near "
                            + near.key().substring(0, near.key().lastIndexOf('.'))
                            + ".*: "
                            + e.getMessage(),
                    e);
        }
    }

    /** The value as written, for the message (the option's keys read as plain text). */
    private static String raw(ReadableConfig conf, ConfigOption<?> option) {
        ConfigOptions.OptionBuilder key = ConfigOptions.key(option.key());
        List<String> fallbacks = new java.util.ArrayList<>();
        for (var k : option.fallbackKeys()) {
            fallbacks.add(k.getKey());
        }
        try {
            return conf.get(
                    key.stringType()
                            .noDefaultValue()
                            .withFallbackKeys(fallbacks.toArray(new String[0])));
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static String accepted(ConfigOption<?> option) {
        Object def = option.hasDefaultValue() ? option.defaultValue() : null;
        if (def instanceof List<?>) {
            return "expected a list such as " + example(option);
        }
        if (def instanceof Enum<?>) {
            return "accepted values are "
                    + Arrays.toString(((Enum<?>) def).getDeclaringClass().getEnumConstants());
        }
        if (def instanceof Duration) {
            return "expected a duration such as 5 s, 1 min, 500 ms";
        }
        if (def instanceof java.util.Map<?, ?>) {
            return "expected KEY:VALUE pairs separated by commas, such as SPY:acct-1,IBM:acct-2";
        }
        return "expected a "
                + (def == null ? "value" : def.getClass().getSimpleName().toLowerCase())
                + " (default "
                + def
                + ")";
    }

    /** How to write a list option's value: Flink separates list items with ';' (or YAML [a, b]). */
    private static String example(ConfigOption<?> option) {
        if (option.hasDefaultValue()
                && option.defaultValue() instanceof List<?> l
                && !l.isEmpty()) {
            StringBuilder semi = new StringBuilder();
            for (Object o : l) {
                semi.append(semi.length() == 0 ? "" : ";").append(o);
            }
            return semi + " or " + l;
        }
        return "1;2;3 or [1, 2, 3]";
    }
}
