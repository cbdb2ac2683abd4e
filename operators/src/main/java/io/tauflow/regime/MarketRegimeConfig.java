package io.tauflow.regime;

import io.tauflow.config.OptionReader;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The market-wide regime: whose regime it is and how long it counts.
 *
 * @param referenceSymbol the symbol whose regime is broadcast to every symbol's agent; empty: no
 *     market regime
 * @param maxAge a reference bar older than this (before a symbol's bar) does not count
 */
public record MarketRegimeConfig(String referenceSymbol, Duration maxAge) implements Serializable {

    public MarketRegimeConfig {
        referenceSymbol = referenceSymbol == null ? "" : referenceSymbol.trim();
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("regime max age must be positive");
        }
    }

    /** Whether a reference symbol is configured. */
    public boolean enabled() {
        return !referenceSymbol.isEmpty();
    }

    /** The {@code tauflow.market.*} options ({@link RegimeOptions}). */
    public static MarketRegimeConfig from(ReadableConfig conf) {
        return new MarketRegimeConfig(
                OptionReader.get(conf, RegimeOptions.MARKET_REFERENCE_SYMBOL),
                OptionReader.positive(conf, RegimeOptions.MARKET_REGIME_MAX_AGE));
    }
}
