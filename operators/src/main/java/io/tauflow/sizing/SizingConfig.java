package io.tauflow.sizing;

import io.tauflow.agent.AgentOptions;
import io.tauflow.config.OptionReader;
import io.tauflow.emotion.EmotionProfile;
import java.io.Serializable;
import org.apache.flink.configuration.ReadableConfig;

/**
 * How decisions become order sizes and when the sizer exits a position it opened.
 *
 * <p>Size: {@code notional = base x (0.8 + 0.4 x confidence) x fearFactor x greedFactor}, capped at
 * {@code maxNotional}, where, with the emotion's fear and greed from {@link EmotionProfile} and
 * NEUTRAL's levels as the baseline,
 *
 * <ul>
 *   <li>{@code fearFactor = 1 - fearWeight x max(0, fear - NEUTRAL.fear)} (fear only scales down);
 *   <li>{@code greedFactor = min(1 + greedWeight x max(0, greed - NEUTRAL.greed), maxGreedFactor)}
 *       (greed only scales up, and never above {@code maxGreedFactor}).
 * </ul>
 *
 * With the defaults (1.25, 0.5, 1.2) the factors are NEUTRAL 1, HAPPY 1.1, EXCITED 1.2 (bound),
 * CAUTIOUS 0.75, WORRIED 0.5, SCARED 0.25. Only BUYs with confidence at or above the threshold
 * (plus the emotion's shift) open a position.
 *
 * <p>Exits, for positions the sizer opened, at the decision's price and event time: take profit
 * when the move since entry is at least {@code takeProfit}, stop loss when it is at most {@code
 * -stopLoss}, stale when the position is at least {@code staleAfterMs} old and has moved less than
 * {@code staleMinMove} either way. A value of 0 disables that exit.
 *
 * @param baseNotional the seed's base ($150)
 * @param confidenceThreshold confidence a BUY needs to open, before the emotion's shift (0.65)
 * @param maxNotional cap of one opening order's notional
 * @param fearWeight size lost per unit of fear above NEUTRAL's, in [0, 1 / (1 - NEUTRAL.fear))
 * @param greedWeight size gained per unit of greed above NEUTRAL's, at least 0
 * @param maxGreedFactor upper bound of the greed factor, at least 1
 * @param takeProfit fractional gain that closes a position (0.02 = 2 %), 0 = off
 * @param stopLoss fractional loss that closes a position (0.01 = 1 %), 0 = off
 * @param staleAfterMs age in event time after which a flat position is stale (4 h), 0 = off
 * @param staleMinMove a stale position has moved less than this fraction (0.005 = 0.5 %)
 * @param tradeExploration whether the agent's exploratory actions (source EXPLORE) may open or
 *     close a position; off by default: exploration trains the Q-table on the agent's virtual
 *     position only, and orders come from the decisions it takes without exploring (price exits,
 *     take profit, stop loss and stale, still apply on every decision)
 */
public record SizingConfig(
        double baseNotional,
        double confidenceThreshold,
        double maxNotional,
        double fearWeight,
        double greedWeight,
        double maxGreedFactor,
        double takeProfit,
        double stopLoss,
        long staleAfterMs,
        double staleMinMove,
        boolean tradeExploration)
        implements Serializable {

    public static final double DEFAULT_FEAR_WEIGHT = 1.25;
    public static final double DEFAULT_GREED_WEIGHT = 0.5;
    public static final double DEFAULT_MAX_GREED_FACTOR = 1.2;
    public static final double DEFAULT_TAKE_PROFIT = 0.02;
    public static final double DEFAULT_STOP_LOSS = 0.01;
    public static final long DEFAULT_STALE_AFTER_MS = 4 * 3_600_000L;
    public static final double DEFAULT_STALE_MIN_MOVE = 0.005;

    /** The largest fear weight that still leaves a SCARED (fear 1) agent a positive size. */
    public static final double MAX_FEAR_WEIGHT = 1.0 / (1.0 - EmotionProfile.NEUTRAL.fear);

    public SizingConfig {
        if (!(baseNotional > 0)) {
            throw new IllegalArgumentException("base notional must be > 0, got " + baseNotional);
        }
        if (!(confidenceThreshold >= 0 && confidenceThreshold <= 1)) {
            throw new IllegalArgumentException(
                    "confidence threshold must be in [0,1], got " + confidenceThreshold);
        }
        if (!(maxNotional >= baseNotional * 0.8)) {
            throw new IllegalArgumentException(
                    "max notional " + maxNotional + " is below the smallest order (0.8 x base)");
        }
        if (!(fearWeight >= 0 && fearWeight < MAX_FEAR_WEIGHT)) {
            throw new IllegalArgumentException(
                    "fear weight must be in [0, "
                            + MAX_FEAR_WEIGHT
                            + ") so that fear never scales a size to zero, got "
                            + fearWeight);
        }
        if (!(greedWeight >= 0 && Double.isFinite(greedWeight))) {
            throw new IllegalArgumentException("greed weight must be >= 0, got " + greedWeight);
        }
        if (!(maxGreedFactor >= 1 && Double.isFinite(maxGreedFactor))) {
            throw new IllegalArgumentException(
                    "max greed factor must be >= 1 (greed never shrinks a size), got "
                            + maxGreedFactor);
        }
        if (!(takeProfit >= 0 && Double.isFinite(takeProfit))) {
            throw new IllegalArgumentException(
                    "take profit must be a fraction >= 0 (0 = off), got " + takeProfit);
        }
        if (!(stopLoss >= 0 && stopLoss < 1)) {
            throw new IllegalArgumentException(
                    "stop loss must be a fraction in [0,1) (0 = off), got " + stopLoss);
        }
        if (staleAfterMs < 0) {
            throw new IllegalArgumentException(
                    "stale-after must be >= 0 ms (0 = off), got " + staleAfterMs);
        }
        if (!(staleMinMove >= 0 && staleMinMove < 1)) {
            throw new IllegalArgumentException(
                    "stale min move must be a fraction in [0,1), got " + staleMinMove);
        }
    }

    /** The seed's sizing ($150 base, 0.65) with the default emotion factors and exits. */
    public static SizingConfig defaults() {
        return of(150.0, 0.65, 250.0);
    }

    /** Base, threshold and cap with the default emotion factors and exits. */
    public static SizingConfig of(double baseNotional, double confidenceThreshold, double cap) {
        return new SizingConfig(
                baseNotional,
                confidenceThreshold,
                cap,
                DEFAULT_FEAR_WEIGHT,
                DEFAULT_GREED_WEIGHT,
                DEFAULT_MAX_GREED_FACTOR,
                DEFAULT_TAKE_PROFIT,
                DEFAULT_STOP_LOSS,
                DEFAULT_STALE_AFTER_MS,
                DEFAULT_STALE_MIN_MOVE,
                false);
    }

    /** This config with other exits. */
    public SizingConfig withExits(
            double takeProfit, double stopLoss, long staleAfterMs, double staleMinMove) {
        return new SizingConfig(
                baseNotional,
                confidenceThreshold,
                maxNotional,
                fearWeight,
                greedWeight,
                maxGreedFactor,
                takeProfit,
                stopLoss,
                staleAfterMs,
                staleMinMove,
                tradeExploration);
    }

    /** This config with exploratory actions trading (true) or not (false, the default). */
    public SizingConfig withTradeExploration(boolean tradeExploration) {
        return new SizingConfig(
                baseNotional,
                confidenceThreshold,
                maxNotional,
                fearWeight,
                greedWeight,
                maxGreedFactor,
                takeProfit,
                stopLoss,
                staleAfterMs,
                staleMinMove,
                tradeExploration);
    }

    /** This config with other emotion factors. */
    public SizingConfig withEmotionFactors(
            double fearWeight, double greedWeight, double maxGreedFactor) {
        return new SizingConfig(
                baseNotional,
                confidenceThreshold,
                maxNotional,
                fearWeight,
                greedWeight,
                maxGreedFactor,
                takeProfit,
                stopLoss,
                staleAfterMs,
                staleMinMove,
                tradeExploration);
    }

    /** The {@code tauflow.sizing.*} options ({@link SizingOptions}), each checked with its name. */
    public static SizingConfig from(ReadableConfig conf) {
        return OptionReader.attempt(
                AgentOptions.BASE_NOTIONAL,
                () ->
                        new SizingConfig(
                                OptionReader.get(conf, AgentOptions.BASE_NOTIONAL),
                                OptionReader.get(conf, SizingOptions.CONFIDENCE_THRESHOLD),
                                OptionReader.get(conf, SizingOptions.MAX_NOTIONAL),
                                OptionReader.get(conf, SizingOptions.FEAR_WEIGHT),
                                OptionReader.get(conf, SizingOptions.GREED_WEIGHT),
                                OptionReader.get(conf, SizingOptions.MAX_GREED_FACTOR),
                                OptionReader.get(conf, SizingOptions.TAKE_PROFIT),
                                OptionReader.get(conf, SizingOptions.STOP_LOSS),
                                OptionReader.nonNegative(conf, SizingOptions.STALE_AFTER)
                                        .toMillis(),
                                OptionReader.get(conf, SizingOptions.STALE_MIN_MOVE),
                                OptionReader.get(conf, SizingOptions.TRADE_EXPLORATION)));
    }
}
