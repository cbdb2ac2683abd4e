package io.tauflow.agent;

import io.tauflow.config.OptionReader;
import java.io.Serializable;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Settings of the meta-controller that lets the primary Q-table, a momentum strategy and a
 * mean-reversion strategy vote on each action (the seed's "weighted selection").
 *
 * <p>Each voter's score is an EWMA of the reward (bps) its own proposal would have earned; its
 * weight is {@code exp(score / temperatureBps)}; the legal action with the highest total weight
 * wins. The momentum strategy buys when short and mid momentum are both positive and exits when
 * short momentum turns negative. The mean-reversion strategy buys when Bollinger %b is at or below
 * {@code bandLow} or RSI at or below {@code rsiLow}, and exits when %b is at or above {@code
 * bandHigh} or RSI at or above {@code rsiHigh} (%b only counts when the band has width).
 *
 * @param enabled false: the agent acts on its Q-table alone (pure Q)
 * @param rewardDecay EWMA weight of the newest reward in a voter's score, (0,1]
 * @param temperatureBps score difference (bps) that makes one voter e times heavier than another
 * @param bandLow %b at or below which mean reversion buys
 * @param bandHigh %b at or above which mean reversion exits
 * @param rsiLow RSI at or below which mean reversion buys
 * @param rsiHigh RSI at or above which mean reversion exits
 */
public record MetaControl(
        boolean enabled,
        double rewardDecay,
        double temperatureBps,
        double bandLow,
        double bandHigh,
        double rsiLow,
        double rsiHigh)
        implements Serializable {

    public MetaControl {
        check(
                rewardDecay > 0 && rewardDecay <= 1,
                "meta-control reward decay must be in (0,1], got " + rewardDecay);
        check(
                temperatureBps > 0 && Double.isFinite(temperatureBps),
                "meta-control temperature must be > 0 bps, got " + temperatureBps);
        check(
                bandLow < bandHigh,
                "meta-control band low ("
                        + bandLow
                        + ") must be below band high ("
                        + bandHigh
                        + ")");
        check(
                rsiLow >= 0 && rsiLow < rsiHigh && rsiHigh <= 100,
                "meta-control RSI bounds must satisfy 0 <= low < high <= 100, got "
                        + rsiLow
                        + ", "
                        + rsiHigh);
    }

    public static MetaControl defaults() {
        return new MetaControl(true, 0.1, 5.0, 0.0, 0.5, 30.0, 70.0);
    }

    /** Pure Q: the Q-table decides alone. */
    public static MetaControl off() {
        MetaControl d = defaults();
        return new MetaControl(
                false, d.rewardDecay, d.temperatureBps, d.bandLow, d.bandHigh, d.rsiLow, d.rsiHigh);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The {@code tauflow.agent.meta-control.*} options ({@link AgentOptions}). */
    public static MetaControl from(ReadableConfig conf) {
        return OptionReader.attempt(
                AgentOptions.META_CONTROL,
                () ->
                        new MetaControl(
                                OptionReader.get(conf, AgentOptions.META_CONTROL),
                                OptionReader.get(conf, AgentOptions.META_REWARD_DECAY),
                                OptionReader.get(conf, AgentOptions.META_TEMPERATURE_BPS),
                                OptionReader.get(conf, AgentOptions.META_BAND_LOW),
                                OptionReader.get(conf, AgentOptions.META_BAND_HIGH),
                                OptionReader.get(conf, AgentOptions.META_RSI_LOW),
                                OptionReader.get(conf, AgentOptions.META_RSI_HIGH)));
    }
}
