package io.tauflow.agent;

import io.tauflow.config.OptionReader;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The optional state dimensions of the other input streams, after the eight of {@link
 * EncoderConfig}: decayed sentiment (3 bins: bearish, neutral, bullish), order-book imbalance (3
 * bins: ask-heavy, balanced, bid-heavy), order-book spread (2 bins: tight or unknown, wide) and
 * VPIN (2 bins: calm, toxic). A dimension that is off has one bin and changes no state index, so
 * the presets' sizes and indices are those of the eight dimensions alone.
 *
 * @param inputs the dimensions that are on
 * @param sentimentEdge |decayed score| (on the -10..+10 scale) from which sentiment is bullish or
 *     bearish
 * @param imbalanceEdge |(bid - ask) / (bid + ask) depth| from which the book leans to one side
 * @param spreadEdgeBps spread at and above which the book is wide
 * @param vpinEdge VPIN at and above which the order flow is toxic
 */
public record InputBins(
        Set<Input> inputs,
        double sentimentEdge,
        double imbalanceEdge,
        double spreadEdgeBps,
        double vpinEdge)
        implements Serializable {

    /** The input streams the encoder can read, in the order of their dimensions. */
    public enum Input {
        SENTIMENT,
        BOOK_IMBALANCE,
        BOOK_SPREAD,
        VPIN
    }

    public static final double DEFAULT_SENTIMENT_EDGE = 1.0;
    public static final double DEFAULT_IMBALANCE_EDGE = 0.2;
    public static final double DEFAULT_SPREAD_EDGE_BPS = 5.0;
    public static final double DEFAULT_VPIN_EDGE = 0.3;

    /** No input dimension. */
    public static final InputBins NONE =
            new InputBins(
                    EnumSet.noneOf(Input.class),
                    DEFAULT_SENTIMENT_EDGE,
                    DEFAULT_IMBALANCE_EDGE,
                    DEFAULT_SPREAD_EDGE_BPS,
                    DEFAULT_VPIN_EDGE);

    public InputBins {
        inputs = inputs.isEmpty() ? EnumSet.noneOf(Input.class) : EnumSet.copyOf(inputs);
        check(sentimentEdge > 0 && sentimentEdge <= 10, "sentiment edge must be in (0,10]");
        check(imbalanceEdge > 0 && imbalanceEdge < 1, "book imbalance edge must be in (0,1)");
        check(spreadEdgeBps > 0 && Double.isFinite(spreadEdgeBps), "spread edge must be > 0 bps");
        check(vpinEdge > 0 && vpinEdge < 1, "VPIN edge must be in (0,1)");
    }

    /** The same edges with these dimensions on. */
    public InputBins with(Input... on) {
        return new InputBins(
                on.length == 0 ? EnumSet.noneOf(Input.class) : EnumSet.copyOf(List.of(on)),
                sentimentEdge,
                imbalanceEdge,
                spreadEdgeBps,
                vpinEdge);
    }

    /** Bin count of each input dimension, in {@link Input} order: 1 when off. */
    public int[] radices() {
        return new int[] {
            inputs.contains(Input.SENTIMENT) ? 3 : 1,
            inputs.contains(Input.BOOK_IMBALANCE) ? 3 : 1,
            inputs.contains(Input.BOOK_SPREAD) ? 2 : 1,
            inputs.contains(Input.VPIN) ? 2 : 1
        };
    }

    /** The sentiment bin: 0 bearish (at or below -edge), 1 neutral, 2 bullish (at or above). */
    int sentimentBin(double decayed) {
        return !inputs.contains(Input.SENTIMENT)
                ? 0
                : decayed <= -sentimentEdge ? 0 : decayed >= sentimentEdge ? 2 : 1;
    }

    /** The imbalance bin: 0 ask-heavy, 1 balanced (or no book), 2 bid-heavy. */
    int imbalanceBin(double imbalance) {
        return !inputs.contains(Input.BOOK_IMBALANCE)
                ? 0
                : imbalance <= -imbalanceEdge ? 0 : imbalance >= imbalanceEdge ? 2 : 1;
    }

    /** The spread bin: 0 tight or no book yet, 1 wide. */
    int spreadBin(double spreadBps) {
        return inputs.contains(Input.BOOK_SPREAD) && spreadBps >= spreadEdgeBps ? 1 : 0;
    }

    /** The VPIN bin: 0 calm, 1 toxic. */
    int vpinBin(double vpin) {
        return inputs.contains(Input.VPIN) && vpin >= vpinEdge ? 1 : 0;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The {@code tauflow.encoder.inputs} and edge options ({@link EncoderOptions}). */
    public static InputBins from(ReadableConfig conf) {
        List<Input> on = OptionReader.get(conf, EncoderOptions.INPUTS);
        return OptionReader.attempt(
                EncoderOptions.INPUTS,
                () ->
                        new InputBins(
                                on.isEmpty() ? EnumSet.noneOf(Input.class) : EnumSet.copyOf(on),
                                OptionReader.get(conf, EncoderOptions.SENTIMENT_EDGE),
                                OptionReader.get(conf, EncoderOptions.BOOK_IMBALANCE_EDGE),
                                OptionReader.get(conf, EncoderOptions.BOOK_SPREAD_EDGE_BPS),
                                OptionReader.get(conf, EncoderOptions.VPIN_EDGE)));
    }
}
