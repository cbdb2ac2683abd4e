package io.tauflow.agent;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The Q-agent's options ({@code tauflow.agent.*}, read by {@link AgentConfig#from}, {@link
 * MetaControl#from} and {@link AgentCaches#from}), the base notional its virtual position is sized
 * at ({@code tauflow.sizing.base-notional}, shared with the sizer) and the calendar its metrics are
 * annualised with ({@link TradingCalendar#from}).
 */
public final class AgentOptions {

    private AgentOptions() {}

    public static final ConfigOption<Double> LEARNING_RATE =
            ConfigOptions.key("tauflow.agent.learning-rate")
                    .doubleType()
                    .defaultValue(0.1)
                    .withDescription("Q-learning alpha, (0,1].");

    public static final ConfigOption<Double> DISCOUNT =
            ConfigOptions.key("tauflow.agent.discount")
                    .doubleType()
                    .defaultValue(0.9)
                    .withDescription("Q-learning gamma, [0,1).");

    public static final ConfigOption<Double> FEE_BPS =
            ConfigOptions.key("tauflow.agent.fee-bps")
                    .doubleType()
                    .defaultValue(1.0)
                    .withDescription("Fee per side in basis points; rewards are net of it.");

    public static final ConfigOption<Double> CONFIDENCE_SCALE_BPS =
            ConfigOptions.key("tauflow.agent.confidence-scale-bps")
                    .doubleType()
                    .defaultValue(2.0)
                    .withDescription("Q-value gap (reward bps) that maps to ~88 % confidence.");

    public static final ConfigOption<Long> SEED =
            ConfigOptions.key("tauflow.agent.seed")
                    .longType()
                    .defaultValue(42L)
                    .withDescription(
                            "Seed of the exploration draws; same seed and input, same actions.");

    public static final ConfigOption<List<Double>> EPSILONS =
            ConfigOptions.key("tauflow.agent.epsilons")
                    .doubleType()
                    .asList()
                    .defaultValues(0.3, 0.2, 0.1, 0.05)
                    .withDescription(
                            "Exploration rate of the warmup, learning, refinement and mastery phases, each in [0,1] (a list of four).");

    public static final ConfigOption<List<Long>> PHASE_ENDS =
            ConfigOptions.key("tauflow.agent.phase-ends")
                    .longType()
                    .asList()
                    .defaultValues(500L, 1500L, 3000L)
                    .withDescription(
                            "Learning steps (per symbol) at which warmup, learning and refinement end; non-decreasing.");

    public static final ConfigOption<Boolean> PYRAMIDING =
            ConfigOptions.key("tauflow.agent.pyramiding")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Tau kernel: whether BUY while long adds a unit (up to max-units); without it BUY is legal only when flat.");

    public static final ConfigOption<Integer> MAX_UNITS =
            ConfigOptions.key("tauflow.agent.max-units")
                    .intType()
                    .defaultValue(3)
                    .withDescription(
                            "Most units of the virtual position when pyramiding (>= 2); ignored without pyramiding.");

    public static final ConfigOption<Double> BURN_SHARE =
            ConfigOptions.key("tauflow.agent.burn-share")
                    .doubleType()
                    .defaultValue(0.0)
                    .withDescription(
                            "Tau kernel: share of each winning trade's realised profit burned (locked away), [0,1].");

    public static final ConfigOption<Integer> REPLAY_SIZE =
            ConfigOptions.key("tauflow.agent.replay-size")
                    .intType()
                    .defaultValue(32)
                    .withDescription(
                            "Transitions kept per symbol for experience replay (0 turns replay off).");

    public static final ConfigOption<Integer> SYMBOL_CACHE_SLOTS =
            ConfigOptions.key("tauflow.agent.symbol-cache-slots")
                    .intType()
                    .defaultValue(1_024)
                    .withDescription(
                            "Slots of each agent operator's cache of its symbols' state objects, so a candle reads no state on RocksDB (about 2.5 KB each; 0 turns it off); docs/AGENT.md.");

    public static final ConfigOption<Integer> ROW_CACHE_SLOTS =
            ConfigOptions.key("tauflow.agent.row-cache-slots")
                    .intType()
                    .defaultValue(65_536)
                    .withDescription(
                            "Slots of each agent operator's cache of Q-table rows in front of RocksDB (about 40 bytes each; 0 turns it off); docs/AGENT.md.");

    public static final ConfigOption<Integer> REPLAY_SAMPLES =
            ConfigOptions.key("tauflow.agent.replay-samples")
                    .intType()
                    .defaultValue(2)
                    .withDescription("Replayed Q updates per step during the refinement phase.");

    public static final ConfigOption<Boolean> META_CONTROL =
            ConfigOptions.key("tauflow.agent.meta-control.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Q-table, momentum and mean-reversion strategies vote on each action; false: pure Q.");

    public static final ConfigOption<Double> META_REWARD_DECAY =
            ConfigOptions.key("tauflow.agent.meta-control.reward-decay")
                    .doubleType()
                    .defaultValue(0.1)
                    .withDescription("EWMA weight of the newest reward in a voter's score, (0,1].");

    public static final ConfigOption<Double> META_TEMPERATURE_BPS =
            ConfigOptions.key("tauflow.agent.meta-control.temperature-bps")
                    .doubleType()
                    .defaultValue(5.0)
                    .withDescription(
                            "A voter's weight is exp(score / temperature); score in reward bps.");

    public static final ConfigOption<Double> META_BAND_LOW =
            ConfigOptions.key("tauflow.agent.meta-control.band-low")
                    .doubleType()
                    .defaultValue(0.0)
                    .withDescription("Bollinger %b at or below which mean reversion buys.");

    public static final ConfigOption<Double> META_BAND_HIGH =
            ConfigOptions.key("tauflow.agent.meta-control.band-high")
                    .doubleType()
                    .defaultValue(0.5)
                    .withDescription("Bollinger %b at or above which mean reversion exits.");

    public static final ConfigOption<Double> META_RSI_LOW =
            ConfigOptions.key("tauflow.agent.meta-control.rsi-low")
                    .doubleType()
                    .defaultValue(30.0)
                    .withDescription("RSI at or below which mean reversion buys.");

    public static final ConfigOption<Double> META_RSI_HIGH =
            ConfigOptions.key("tauflow.agent.meta-control.rsi-high")
                    .doubleType()
                    .defaultValue(70.0)
                    .withDescription("RSI at or above which mean reversion exits.");

    /** Whether the agent learns ({@link DecisionRules}). */
    public enum Learning {
        /** Q updates, replay and exploration as configured. */
        ON,
        /** Serve the Q-table as it is: no Q update, no replay, no exploration. */
        FROZEN
    }

    public static final ConfigOption<Learning> LEARNING =
            ConfigOptions.key("tauflow.agent.learning")
                    .enumType(Learning.class)
                    .defaultValue(Learning.ON)
                    .withDescription(
                            "ON learns from every decision; FROZEN serves the Q-table unchanged (no Q update, no replay, no exploration), e.g. a trained champion in a live run.");

    public static final ConfigOption<Duration> DECISION_INTERVAL =
            ConfigOptions.key("tauflow.agent.decision-interval")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription(
                            "The agent decides on the first bar of each interval of this length (aligned to the epoch, e.g. 5 min: :00, :05, ...) and holds its position on the other bars, learning from the whole interval's move; 0 decides on every bar.");

    public static final ConfigOption<Duration> MIN_HOLDING =
            ConfigOptions.key("tauflow.agent.min-holding")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription(
                            "The agent does not sell a position younger than this (price exits of the sizer still apply); 0 for no minimum.");

    public static final ConfigOption<Double> OPEN_EDGE_BPS =
            ConfigOptions.key("tauflow.agent.open-edge-bps")
                    .doubleType()
                    .noDefaultValue()
                    .withDescription(
                            "When set, an opening BUY that is not exploration is taken only if Q(state, BUY) - Q(state, WAIT) exceeds this many bps; the Q-values are net of the round-trip cost (the reward pays tauflow.agent.fee-bps per side), so 0 opens only what the table expects to earn more than it costs. Unset: no such check.");

    public static final ConfigOption<Double> BASE_NOTIONAL =
            ConfigOptions.key("tauflow.sizing.base-notional")
                    .doubleType()
                    .defaultValue(150.0)
                    .withDescription(
                            "notional = base x (0.8 + 0.4 x confidence) x fear factor x greed factor, capped at max-notional.");

    /** Trading calendar that annualises Sharpe and Sortino. */
    public enum Calendar {
        /** 252 days of 6.5 hours. */
        US_EQUITIES,
        /** 365 days of 24 hours. */
        CRYPTO
    }

    public static final ConfigOption<Calendar> METRICS_CALENDAR =
            ConfigOptions.key("tauflow.metrics.calendar")
                    .enumType(Calendar.class)
                    .defaultValue(Calendar.US_EQUITIES)
                    .withDescription(
                            "Calendar that annualises Sharpe, Sortino and (unless tauflow.var.trading-time-per-year is set) VaR volatility for the bar interval: US_EQUITIES (252 x 6.5 h) or CRYPTO (365 x 24 h).");
}
