package io.tauflow.jobs;

import io.tauflow.agent.AgentCaches;
import io.tauflow.agent.AgentConfig;
import io.tauflow.agent.EncoderConfig;
import io.tauflow.agent.MetaControl;
import io.tauflow.agent.StateEncoder;
import io.tauflow.agent.TradingCalendar;
import io.tauflow.features.FeatureConfig;
import io.tauflow.ingest.InputLimits;
import io.tauflow.regime.RegimeConfig;
import io.tauflow.risk.RiskLimits;
import io.tauflow.risk.VarConfig;
import io.tauflow.risk.var.MonteCarloConfig;
import io.tauflow.risk.var.RegimeTable;
import io.tauflow.risk.var.RiskScore;
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
    public final RegimeConfig regime;
    public final AgentConfig agent;
    public final StateEncoder encoder;
    public final TradingCalendar calendar;
    public final SizingConfig sizing;
    public final AccountMap accounts;
    public final RiskLimits risk;
    public final Duration outOfOrderness;

    /** What an input record may hold before the job uses it. */
    public final InputLimits input;

    public final Duration idleness;
    public final Duration varWindow;
    public final Duration varSlide;
    public final int varMinReturns;
    public final VarConfig var;

    /** The market regime's reference symbol; empty when there is no market regime stage. */
    public final String marketReference;

    public final Duration marketRegimeMaxAge;

    /** Sizes of the agent operator's caches in front of its keyed state. */
    public final AgentCaches caches;

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
                                FeatureConfig.builder()
                                        .momentumBars(bars[0], bars[1], bars[2])
                                        .volLambda(get(conf, TauflowOptions.VOL_LAMBDA))
                                        .slowVolLambda(get(conf, TauflowOptions.SLOW_VOL_LAMBDA))
                                        .rsiPeriod(get(conf, TauflowOptions.RSI_PERIOD))
                                        .atrPeriod(get(conf, TauflowOptions.ATR_PERIOD))
                                        .adxPeriod(get(conf, TauflowOptions.ADX_PERIOD))
                                        .macd(
                                                get(conf, TauflowOptions.MACD_FAST),
                                                get(conf, TauflowOptions.MACD_SLOW),
                                                get(conf, TauflowOptions.MACD_SIGNAL))
                                        .bollinger(
                                                get(conf, TauflowOptions.BOLLINGER_PERIOD),
                                                get(conf, TauflowOptions.BOLLINGER_K))
                                        .trendMaPeriod(get(conf, TauflowOptions.TREND_MA_PERIOD))
                                        .volumePeriod(get(conf, TauflowOptions.VOLUME_PERIOD))
                                        .vpinBars(get(conf, TauflowOptions.VPIN_BARS))
                                        .sentimentHalfLifeMs(
                                                get(conf, TauflowOptions.SENTIMENT_HALF_LIFE)
                                                        .toMillis())
                                        .build());
        this.regime =
                attempt(
                        TauflowOptions.REGIME_ADX_TRENDING,
                        () ->
                                new RegimeConfig(
                                        get(conf, TauflowOptions.REGIME_ADX_TRENDING),
                                        get(conf, TauflowOptions.REGIME_ADX_RANGING),
                                        get(conf, TauflowOptions.REGIME_VOLATILE_RATIO),
                                        get(conf, TauflowOptions.REGIME_SQUEEZE_ATR_MULTIPLIER)));
        double[] epsilons = numbers(conf, TauflowOptions.EPSILONS, 4, "four exploration rates");
        double[] ends = numbers(conf, TauflowOptions.PHASE_ENDS, 3, "three step counts");
        long[] phaseEnds = new long[3];
        for (int i = 0; i < 3; i++) {
            if (ends[i] != Math.rint(ends[i]) || ends[i] < 0) {
                throw new IllegalArgumentException(
                        "option "
                                + TauflowOptions.PHASE_ENDS.key()
                                + " must be three non-negative whole step counts, got '"
                                + get(conf, TauflowOptions.PHASE_ENDS)
                                + "'");
            }
            phaseEnds[i] = (long) ends[i];
        }
        boolean pyramiding = get(conf, TauflowOptions.PYRAMIDING);
        int maxUnits = get(conf, TauflowOptions.MAX_UNITS);
        if (pyramiding && maxUnits < 2) {
            throw new IllegalArgumentException(
                    "option "
                            + TauflowOptions.MAX_UNITS.key()
                            + " must be >= 2 with pyramiding on, got "
                            + maxUnits);
        }
        MetaControl meta =
                attempt(
                        TauflowOptions.META_CONTROL,
                        () ->
                                new MetaControl(
                                        get(conf, TauflowOptions.META_CONTROL),
                                        get(conf, TauflowOptions.META_REWARD_DECAY),
                                        get(conf, TauflowOptions.META_TEMPERATURE_BPS),
                                        get(conf, TauflowOptions.META_BAND_LOW),
                                        get(conf, TauflowOptions.META_BAND_HIGH),
                                        get(conf, TauflowOptions.META_RSI_LOW),
                                        get(conf, TauflowOptions.META_RSI_HIGH)));
        this.agent =
                attempt(
                        TauflowOptions.LEARNING_RATE,
                        () ->
                                new AgentConfig(
                                        get(conf, TauflowOptions.LEARNING_RATE),
                                        get(conf, TauflowOptions.DISCOUNT),
                                        epsilons,
                                        phaseEnds,
                                        get(conf, TauflowOptions.FEE_BPS),
                                        get(conf, TauflowOptions.BASE_NOTIONAL),
                                        get(conf, TauflowOptions.CONFIDENCE_SCALE_BPS),
                                        get(conf, TauflowOptions.SEED),
                                        pyramiding,
                                        pyramiding ? maxUnits : 1,
                                        get(conf, TauflowOptions.BURN_SHARE),
                                        get(conf, TauflowOptions.REPLAY_SIZE),
                                        get(conf, TauflowOptions.REPLAY_SAMPLES),
                                        meta));
        EncoderConfig encoderConfig =
                attempt(
                        TauflowOptions.ENCODER_PRESET,
                        () -> {
                            EncoderConfig c =
                                    get(conf, TauflowOptions.ENCODER_PRESET)
                                            .config()
                                            .withRegimeSource(
                                                    get(conf, TauflowOptions.ENCODER_REGIME_SOURCE))
                                            .withEdges(
                                                    get(
                                                            conf,
                                                            TauflowOptions
                                                                    .ENCODER_MOMENTUM_BIN_WIDTH),
                                                    get(
                                                            conf,
                                                            TauflowOptions.ENCODER_VOLATILITY_STEP),
                                                    get(conf, TauflowOptions.ENCODER_BIG_PROFIT),
                                                    get(
                                                            conf,
                                                            TauflowOptions
                                                                    .ENCODER_DURATION_BASE_BARS));
                            String bins = get(conf, TauflowOptions.ENCODER_BINS).trim();
                            if (bins.isEmpty()) {
                                return c;
                            }
                            try {
                                return c.withBins(bins);
                            } catch (IllegalArgumentException e) {
                                throw new IllegalArgumentException(
                                        "option "
                                                + TauflowOptions.ENCODER_BINS.key()
                                                + ": "
                                                + e.getMessage(),
                                        e);
                            }
                        });
        this.encoder = new StateEncoder(encoderConfig, bars[0], bars[1], bars[2]);
        this.calendar = calendar(conf);
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
                                        .collarReferenceBars(
                                                get(conf, TauflowOptions.COLLAR_REFERENCE_BARS))
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
        this.input =
                attempt(
                        TauflowOptions.INPUT_MIN_PRICE,
                        () ->
                                new InputLimits(
                                        get(conf, TauflowOptions.INPUT_MIN_PRICE),
                                        get(conf, TauflowOptions.INPUT_MAX_PRICE),
                                        get(conf, TauflowOptions.INPUT_MAX_SIZE),
                                        nonNegative(conf, TauflowOptions.INPUT_MAX_AHEAD_OF_CLOCK)
                                                .toMillis(),
                                        nonNegative(conf, TauflowOptions.INPUT_MAX_TIME_JUMP)
                                                .toMillis(),
                                        get(conf, TauflowOptions.INPUT_MAX_PRICE_JUMP),
                                        get(conf, TauflowOptions.INPUT_JUMP_CONFIRMATIONS),
                                        get(conf, TauflowOptions.INPUT_DEAD_LETTER_MAX_BYTES)));
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
        this.marketReference = get(conf, TauflowOptions.MARKET_REFERENCE_SYMBOL).trim();
        this.marketRegimeMaxAge = positive(conf, TauflowOptions.MARKET_REGIME_MAX_AGE);
        this.caches =
                new AgentCaches(
                        range(conf, TauflowOptions.SYMBOL_CACHE_SLOTS, 0, 1 << 30),
                        range(conf, TauflowOptions.ROW_CACHE_SLOTS, 0, 1 << 30));
        this.varMinReturns = get(conf, TauflowOptions.VAR_MIN_RETURNS);
        if (varMinReturns < 2) {
            throw new IllegalArgumentException(
                    "tauflow.risk.var-min-returns must be >= 2, got " + varMinReturns);
        }
        this.var = varConfig(conf);
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

    /** The tauflow.var.* options, each checked with its name in the message. */
    private static VarConfig varConfig(Configuration conf) {
        int level = get(conf, TauflowOptions.VAR_MC_LEVEL);
        if (level != 1 && level != 2 && level != 4 && level != 5) {
            throw new IllegalArgumentException(
                    "option "
                            + TauflowOptions.VAR_MC_LEVEL.key()
                            + " must be 1, 2, 4 or 5 (level 3 is not implemented), got "
                            + level);
        }
        int paths = range(conf, TauflowOptions.VAR_MC_PATHS, 100, 10_000_000);
        int steps = range(conf, TauflowOptions.VAR_MC_STEPS, 1, 100_000);
        RegimeTable regimes =
                attempt(
                        TauflowOptions.VAR_REGIME_TABLE,
                        () -> RegimeTable.parse(get(conf, TauflowOptions.VAR_REGIME_TABLE)));
        MonteCarloConfig mc =
                attempt(
                        TauflowOptions.VAR_MC_LEVEL,
                        () ->
                                new MonteCarloConfig(
                                        level,
                                        paths,
                                        steps,
                                        get(conf, TauflowOptions.VAR_SEED),
                                        regimes,
                                        get(conf, TauflowOptions.VAR_CALM_TO_STRESS),
                                        get(conf, TauflowOptions.VAR_STRESS_TO_CALM),
                                        get(conf, TauflowOptions.VAR_STRESS_VOL_MULTIPLIER),
                                        get(conf, TauflowOptions.VAR_STUDENT_DOF),
                                        get(conf, TauflowOptions.VAR_JUMP_INTENSITY),
                                        get(conf, TauflowOptions.VAR_JUMP_MEAN),
                                        get(conf, TauflowOptions.VAR_JUMP_STD)));
        String spec = get(conf, TauflowOptions.VAR_RISK_THRESHOLDS);
        double[] thresholds = new double[3];
        String[] parts = spec.split(",");
        try {
            if (parts.length != 3) {
                throw new NumberFormatException();
            }
            for (int i = 0; i < 3; i++) {
                thresholds[i] = Double.parseDouble(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "option "
                            + TauflowOptions.VAR_RISK_THRESHOLDS.key()
                            + " must be three scores medium,high,critical (e.g. 3,5,7), got '"
                            + spec
                            + "'");
        }
        RiskScore score =
                attempt(
                        TauflowOptions.VAR_RISK_VAR99_LIMIT,
                        () ->
                                new RiskScore(
                                        get(conf, TauflowOptions.VAR_RISK_VAR99_LIMIT),
                                        get(conf, TauflowOptions.VAR_RISK_VOL_LIMIT),
                                        thresholds[0],
                                        thresholds[1],
                                        thresholds[2]));
        long yearMs;
        if (conf.getOptional(TauflowOptions.VAR_TRADING_TIME_PER_YEAR).isPresent()) {
            yearMs = positive(conf, TauflowOptions.VAR_TRADING_TIME_PER_YEAR).toMillis();
        } else {
            yearMs = calendar(conf).tradingTimePerYearMs();
        }
        return new VarConfig(mc, score, yearMs);
    }

    private static TradingCalendar calendar(Configuration conf) {
        return get(conf, TauflowOptions.METRICS_CALENDAR) == TauflowOptions.Calendar.CRYPTO
                ? TradingCalendar.CRYPTO
                : TradingCalendar.US_EQUITIES;
    }

    private static int range(Configuration conf, ConfigOption<Integer> option, int min, int max) {
        int v = get(conf, option);
        if (v < min || v > max) {
            throw new IllegalArgumentException(
                    "option " + option.key() + " must be in " + min + ".." + max + ", got " + v);
        }
        return v;
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

    /** {@code count} comma-separated numbers, or a failure naming the option. */
    private static double[] numbers(
            Configuration conf, ConfigOption<String> option, int count, String what) {
        String spec = get(conf, option);
        String[] parts = spec.split(",");
        try {
            if (parts.length != count) {
                throw new NumberFormatException();
            }
            double[] out = new double[count];
            for (int i = 0; i < count; i++) {
                out[i] = Double.parseDouble(parts[i].trim());
            }
            return out;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "option "
                            + option.key()
                            + " must be "
                            + what
                            + " separated by commas (default "
                            + option.defaultValue()
                            + "), got '"
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
