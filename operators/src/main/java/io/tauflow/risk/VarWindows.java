package io.tauflow.risk;

import io.tauflow.config.OptionReader;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The sliding event-time windows of returns the per-symbol VaR and the account's portfolio risk are
 * computed over.
 *
 * @param window length of a window
 * @param slide how often a window closes, at most the window
 * @param minReturns windows with fewer returns emit no estimate
 */
public record VarWindows(Duration window, Duration slide, int minReturns) implements Serializable {

    public VarWindows {
        if (slide.compareTo(window) > 0) {
            throw new IllegalArgumentException(
                    VarOptions.SLIDE.key()
                            + " ("
                            + slide
                            + ") must not exceed "
                            + VarOptions.WINDOW.key()
                            + " ("
                            + window
                            + ")");
        }
        if (minReturns < 2) {
            throw new IllegalArgumentException(
                    VarOptions.MIN_RETURNS.key() + " must be >= 2, got " + minReturns);
        }
    }

    /** The {@code tauflow.var.window}, {@code slide} and {@code min-returns} options. */
    public static VarWindows from(ReadableConfig conf) {
        return new VarWindows(
                OptionReader.positive(conf, VarOptions.WINDOW),
                OptionReader.positive(conf, VarOptions.SLIDE),
                OptionReader.get(conf, VarOptions.MIN_RETURNS));
    }
}
