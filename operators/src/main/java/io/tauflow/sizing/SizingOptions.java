package io.tauflow.sizing;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The sizer's options ({@code tauflow.sizing.*}, read by {@link SizingConfig#from}; the base
 * notional is {@link io.tauflow.agent.AgentOptions#BASE_NOTIONAL}) and the account map ({@code
 * tauflow.account.*}, read by {@link AccountMap#from}).
 */
public final class SizingOptions {

    private SizingOptions() {}

    public static final ConfigOption<Double> CONFIDENCE_THRESHOLD =
            ConfigOptions.key("tauflow.sizing.confidence-threshold")
                    .doubleType()
                    .defaultValue(0.65)
                    .withDescription(
                            "BUYs below this confidence (plus the emotion's shift) open nothing; [0,1].");

    public static final ConfigOption<Double> MAX_NOTIONAL =
            ConfigOptions.key("tauflow.sizing.max-notional")
                    .doubleType()
                    .defaultValue(250.0)
                    .withDescription(
                            "Cap of one opening order's notional at the sizer; at least 0.8 x base.");

    public static final ConfigOption<Double> FEAR_WEIGHT =
            ConfigOptions.key("tauflow.sizing.fear-weight")
                    .doubleType()
                    .defaultValue(1.25)
                    .withDescription(
                            "fear factor = 1 - weight x max(0, fear - NEUTRAL fear 0.3); in [0, 1/0.7). Default gives CAUTIOUS 0.75, WORRIED 0.5, SCARED 0.25.");

    public static final ConfigOption<Double> GREED_WEIGHT =
            ConfigOptions.key("tauflow.sizing.greed-weight")
                    .doubleType()
                    .defaultValue(0.5)
                    .withDescription(
                            "greed factor = min(1 + weight x max(0, greed - NEUTRAL greed 0.3), max-greed-factor); >= 0. Default gives HAPPY 1.1.");

    public static final ConfigOption<Double> MAX_GREED_FACTOR =
            ConfigOptions.key("tauflow.sizing.max-greed-factor")
                    .doubleType()
                    .defaultValue(1.2)
                    .withDescription(
                            "Upper bound of the greed factor (EXCITED hits it by default); >= 1.");

    public static final ConfigOption<Double> TAKE_PROFIT =
            ConfigOptions.key("tauflow.sizing.take-profit")
                    .doubleType()
                    .defaultValue(0.02)
                    .withDescription(
                            "Close a position the sizer opened once price / entry - 1 >= this fraction; 0 = off.");

    public static final ConfigOption<Double> STOP_LOSS =
            ConfigOptions.key("tauflow.sizing.stop-loss")
                    .doubleType()
                    .defaultValue(0.01)
                    .withDescription(
                            "Close it once price / entry - 1 <= minus this fraction; [0,1), 0 = off.");

    public static final ConfigOption<Duration> STALE_AFTER =
            ConfigOptions.key("tauflow.sizing.stale-after")
                    .durationType()
                    .defaultValue(Duration.ofHours(4))
                    .withDescription(
                            "Close it when at least this old (event time) and it moved less than stale-min-move; 0 = off.");

    public static final ConfigOption<Double> STALE_MIN_MOVE =
            ConfigOptions.key("tauflow.sizing.stale-min-move")
                    .doubleType()
                    .defaultValue(0.005)
                    .withDescription(
                            "See stale-after: |price / entry - 1| below this is stale; [0,1).");

    public static final ConfigOption<String> DEFAULT_ACCOUNT =
            ConfigOptions.key("tauflow.account.default")
                    .stringType()
                    .defaultValue("paper")
                    .withDescription("Account of every symbol not mapped explicitly.");

    public static final ConfigOption<Map<String, String>> ACCOUNT_BY_SYMBOL =
            ConfigOptions.key("tauflow.account.by-symbol")
                    .mapType()
                    .defaultValue(Map.of())
                    .withDescription(
                            "Account of each symbol mapped explicitly: SYMBOL:ACCOUNT pairs, comma separated (SPY:acct-1,IBM:acct-2), or a YAML map.");

    public static final ConfigOption<Boolean> TRADE_EXPLORATION =
            ConfigOptions.key("tauflow.sizing.trade-exploration")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Whether the agent's exploratory actions (source EXPLORE) may open or close a position. Off: exploration still trains the Q-table on the agent's virtual position, and orders come only from the actions it takes without exploring; take profit, stop loss and stale exits apply on every decision.");
}
