package io.tauflow.jobs;

import io.tauflow.agent.AgentConfig;
import io.tauflow.agent.StateEncoder;
import io.tauflow.features.FeatureConfig;
import io.tauflow.risk.RiskLimits;
import io.tauflow.sizing.AccountMap;
import io.tauflow.sizing.SizingConfig;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * The typed, validated settings of one job run, read from a Flink {@link Configuration}. A bad
 * value fails here, before anything starts, with the option's name and what it accepts.
 */
public final class JobSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Configuration conf;
    public final FeatureConfig features;
    public final AgentConfig agent;
    public final StateEncoder encoder;
    public final SizingConfig sizing;
    public final AccountMap accounts;
    public final RiskLimits risk;
    public final Duration outOfOrderness;
    public final Duration idleness;
    public final Duration varWindow;
    public final Duration varSlide;
    public final int varMinReturns;

    private JobSettings(Configuration conf) {
        this.conf = new Configuration(conf);
        for (String key : conf.keySet()) {
            if (key.startsWith("tauflow.") && !known().containsKey(key)) {
                throw new IllegalArgumentException(
                        "unknown option '"
                                + key
                                + "'; known options: "
                                + String.join(", ", known().keySet()));
            }
        }
        int[] bars = momentumBars(conf);
        this.features =
                attempt(
                        TauflowOptions.MOMENTUM_BARS,
                        () ->
                                new FeatureConfig(
                                        bars[0],
                                        bars[1],
                                        bars[2],
                                        get(conf, TauflowOptions.VOL_LAMBDA),
                                        0.995,
                                        get(conf, TauflowOptions.RSI_PERIOD),
                                        get(conf, TauflowOptions.SENTIMENT_HALF_LIFE).toMillis()));
        AgentConfig d = AgentConfig.defaults();
        this.agent =
                attempt(
                        TauflowOptions.LEARNING_RATE,
                        () ->
                                new AgentConfig(
                                        get(conf, TauflowOptions.LEARNING_RATE),
                                        get(conf, TauflowOptions.DISCOUNT),
                                        d.epsilons(),
                                        d.phaseEnds(),
                                        get(conf, TauflowOptions.FEE_BPS),
                                        get(conf, TauflowOptions.BASE_NOTIONAL),
                                        get(conf, TauflowOptions.CONFIDENCE_SCALE_BPS),
                                        get(conf, TauflowOptions.SEED)));
        this.encoder = new StateEncoder(bars[0], bars[1], bars[2]);
        this.sizing =
                attempt(
                        TauflowOptions.BASE_NOTIONAL,
                        () ->
                                new SizingConfig(
                                        get(conf, TauflowOptions.BASE_NOTIONAL),
                                        get(conf, TauflowOptions.CONFIDENCE_THRESHOLD),
                                        get(conf, TauflowOptions.MAX_NOTIONAL),
                                        get(conf, TauflowOptions.FEAR_WEIGHT),
                                        get(conf, TauflowOptions.GREED_WEIGHT),
                                        get(conf, TauflowOptions.MAX_GREED_FACTOR),
                                        get(conf, TauflowOptions.TAKE_PROFIT),
                                        get(conf, TauflowOptions.STOP_LOSS),
                                        nonNegative(conf, TauflowOptions.STALE_AFTER).toMillis(),
                                        get(conf, TauflowOptions.STALE_MIN_MOVE)));
        this.accounts =
                attempt(
                        TauflowOptions.ACCOUNT_BY_SYMBOL,
                        () ->
                                AccountMap.parse(
                                        get(conf, TauflowOptions.DEFAULT_ACCOUNT),
                                        get(conf, TauflowOptions.ACCOUNT_BY_SYMBOL)));
        ZoneId dayZone = zone(conf, TauflowOptions.DAY_ZONE);
        this.risk =
                attempt(
                        TauflowOptions.MAX_ORDER_NOTIONAL,
                        () ->
                                RiskLimits.builder()
                                        .maxOrderQuantity(
                                                get(conf, TauflowOptions.MAX_ORDER_QUANTITY))
                                        .maxOrderNotional(
                                                get(conf, TauflowOptions.MAX_ORDER_NOTIONAL))
                                        .priceCollar(get(conf, TauflowOptions.PRICE_COLLAR))
                                        .positionCap(
                                                get(conf, TauflowOptions.POSITION_CAP_MULTIPLE)
                                                        * sizing.baseNotional())
                                        .maxGrossExposure(
                                                get(conf, TauflowOptions.MAX_GROSS_EXPOSURE))
                                        .maxNetExposure(get(conf, TauflowOptions.MAX_NET_EXPOSURE))
                                        .varBudget(get(conf, TauflowOptions.VAR_BUDGET))
                                        .dailyLossLimit(get(conf, TauflowOptions.DAILY_LOSS_LIMIT))
                                        .dayZone(dayZone)
                                        .maxDrawdown(get(conf, TauflowOptions.MAX_DRAWDOWN))
                                        .throttle(
                                                get(conf, TauflowOptions.THROTTLE_ORDERS),
                                                positive(conf, TauflowOptions.THROTTLE_WINDOW)
                                                        .toMillis())
                                        .duplicateMemory(get(conf, TauflowOptions.DUPLICATE_MEMORY))
                                        .startingCapital(get(conf, TauflowOptions.STARTING_CAPITAL))
                                        .marginRate(get(conf, TauflowOptions.MARGIN_RATE))
                                        .marginGuard(get(conf, TauflowOptions.MARGIN_GUARD))
                                        .liquidateBelowGuard(
                                                get(conf, TauflowOptions.LIQUIDATE_BELOW_GUARD))
                                        .killSwitchAllowsClosing(
                                                get(
                                                        conf,
                                                        TauflowOptions.KILL_SWITCH_ALLOWS_CLOSING))
                                        .build());
        this.outOfOrderness = positive(conf, TauflowOptions.OUT_OF_ORDERNESS);
        this.idleness = positive(conf, TauflowOptions.IDLENESS);
        this.varWindow = positive(conf, TauflowOptions.VAR_WINDOW);
        this.varSlide = positive(conf, TauflowOptions.VAR_SLIDE);
        if (varSlide.compareTo(varWindow) > 0) {
            throw new IllegalArgumentException(
                    "tauflow.risk.var-slide ("
                            + varSlide
                            + ") must not exceed tauflow.risk.var-window ("
                            + varWindow
                            + ")");
        }
        this.varMinReturns = get(conf, TauflowOptions.VAR_MIN_RETURNS);
        if (varMinReturns < 2) {
            throw new IllegalArgumentException(
                    "tauflow.risk.var-min-returns must be >= 2, got " + varMinReturns);
        }
    }

    public static JobSettings from(Configuration conf) {
        return new JobSettings(conf);
    }

    /** The configuration these settings were read from. */
    public Configuration configuration() {
        return new Configuration(conf);
    }

    public <T> T get(ConfigOption<T> option) {
        return get(conf, option);
    }

    /**
     * Reads {@code --conf-dir DIR} (a directory holding config.yaml) and then {@code --key=value}
     * or {@code --key value} pairs, which override the file.
     */
    public static Configuration parseArgs(String[] args) {
        Configuration conf = new Configuration();
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).equals("--conf-dir")) {
                if (i + 1 >= rest.size()) {
                    throw new IllegalArgumentException(
                            "--conf-dir needs a directory holding config.yaml");
                }
                conf.addAll(GlobalConfiguration.loadConfiguration(rest.get(i + 1)));
                rest.remove(i + 1);
                rest.remove(i);
                break;
            }
        }
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            if (!a.startsWith("--")) {
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
                if (i + 1 >= rest.size()) {
                    throw new IllegalArgumentException("option --" + kv + " needs a value");
                }
                key = kv;
                value = rest.get(++i);
            }
            conf.setString(key, value);
        }
        return conf;
    }

    /** All tauflow options by key. */
    public static Map<String, ConfigOption<?>> known() {
        Map<String, ConfigOption<?>> options = new TreeMap<>();
        for (Field f : TauflowOptions.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
                try {
                    ConfigOption<?> o = (ConfigOption<?>) f.get(null);
                    options.put(o.key(), o);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return options;
    }

    static <T> T get(Configuration conf, ConfigOption<T> option) {
        try {
            return conf.get(option);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "bad value '"
                            + conf.toMap().get(option.key())
                            + "' for option "
                            + option.key()
                            + ": "
                            + accepted(option),
                    e);
        }
    }

    private static String accepted(ConfigOption<?> option) {
        Object def = option.hasDefaultValue() ? option.defaultValue() : null;
        if (def instanceof Enum<?>) {
            return "accepted values are "
                    + Arrays.toString(((Enum<?>) def).getDeclaringClass().getEnumConstants());
        }
        if (def instanceof Duration) {
            return "expected a duration such as 5 s, 1 min, 500 ms";
        }
        return "expected a "
                + (def == null ? "value" : def.getClass().getSimpleName().toLowerCase())
                + " (default "
                + def
                + ")";
    }

    private static Duration positive(Configuration conf, ConfigOption<Duration> option) {
        Duration d = get(conf, option);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(
                    "option " + option.key() + " must be a positive duration, got " + d);
        }
        return d;
    }

    private static Duration nonNegative(Configuration conf, ConfigOption<Duration> option) {
        Duration d = get(conf, option);
        if (d.isNegative()) {
            throw new IllegalArgumentException(
                    "option " + option.key() + " must be a duration >= 0 (0 = off), got " + d);
        }
        return d;
    }

    private static ZoneId zone(Configuration conf, ConfigOption<String> option) {
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

    private static int[] momentumBars(Configuration conf) {
        String spec = get(conf, TauflowOptions.MOMENTUM_BARS);
        String[] parts = spec.split(",");
        try {
            if (parts.length != 3) {
                throw new NumberFormatException();
            }
            return new int[] {
                Integer.parseInt(parts[0].trim()),
                Integer.parseInt(parts[1].trim()),
                Integer.parseInt(parts[2].trim())
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "option "
                            + TauflowOptions.MOMENTUM_BARS.key()
                            + " must be three bar counts short,mid,long (e.g. 5,15,60), got '"
                            + spec
                            + "'");
        }
    }

    private static <T> T attempt(ConfigOption<?> option, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains("tauflow.")) {
                throw e;
            }
            throw new IllegalArgumentException(
                    "bad settings near "
                            + option.key().substring(0, option.key().lastIndexOf('.'))
                            + ".*: "
                            + e.getMessage(),
                    e);
        }
    }
}
