package io.tauflow.risk.var;

import io.tauflow.schema.Regime;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Drift and volatility multipliers per market regime, for Monte Carlo level 2 and above: the
 * simulation of a symbol whose current regime is R uses drift {@code mu x drift(R)} and volatility
 * {@code sigma x vol(R)}, where mu and sigma are estimated from the window. An unknown (null)
 * regime is neutral (1, 1). Regimes absent from a parsed table are neutral too.
 */
public final class RegimeTable implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The defaults: trends keep their drift, volatile regimes widen the distribution, a range-bound
     * market has no drift.
     */
    public static final String DEFAULT_SPEC =
            "BULL_TRENDING:1.0:1.0,BULL_VOLATILE:1.0:1.5,BEAR_TRENDING:1.0:1.25,"
                    + "BEAR_VOLATILE:1.0:2.0,RANGE_BOUND:0.0:1.0";

    private final double[] drift = new double[Regime.values().length];
    private final double[] vol = new double[Regime.values().length];

    private RegimeTable(Map<Regime, double[]> rows) {
        for (Regime r : Regime.values()) {
            double[] row = rows.getOrDefault(r, new double[] {1.0, 1.0});
            drift[r.ordinal()] = row[0];
            vol[r.ordinal()] = row[1];
        }
    }

    /** Every regime neutral: level 2 then equals level 1. */
    public static RegimeTable neutral() {
        return new RegimeTable(Map.of());
    }

    public static RegimeTable defaults() {
        return parse(DEFAULT_SPEC);
    }

    /**
     * Parses {@code REGIME:driftMultiplier:volMultiplier} entries separated by commas, e.g. {@code
     * BEAR_VOLATILE:1.0:2.0}. Volatility multipliers must be positive, drift multipliers finite;
     * blank input is the neutral table.
     */
    public static RegimeTable parse(String spec) {
        Map<Regime, double[]> rows = new EnumMap<>(Regime.class);
        if (spec != null && !spec.isBlank()) {
            for (String entry : spec.split(",")) {
                String[] parts = entry.trim().split(":");
                if (parts.length != 3) {
                    throw new IllegalArgumentException(
                            "regime table entry '"
                                    + entry.trim()
                                    + "' is not REGIME:driftMultiplier:volMultiplier");
                }
                Regime r;
                try {
                    r = Regime.valueOf(parts[0].trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "unknown regime '"
                                    + parts[0].trim()
                                    + "' in the regime table; regimes are "
                                    + java.util.Arrays.toString(Regime.values()));
                }
                double d;
                double v;
                try {
                    d = Double.parseDouble(parts[1].trim());
                    v = Double.parseDouble(parts[2].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "regime table entry '"
                                    + entry.trim()
                                    + "' has a non-numeric multiplier");
                }
                if (!Double.isFinite(d) || !(v > 0) || !Double.isFinite(v)) {
                    throw new IllegalArgumentException(
                            "regime table entry '"
                                    + entry.trim()
                                    + "': the drift multiplier must be finite and the volatility"
                                    + " multiplier positive");
                }
                if (rows.put(r, new double[] {d, v}) != null) {
                    throw new IllegalArgumentException(
                            "regime " + r + " appears twice in the table");
                }
            }
        }
        return new RegimeTable(rows);
    }

    public double driftMultiplier(Regime regime) {
        return regime == null ? 1.0 : drift[regime.ordinal()];
    }

    public double volMultiplier(Regime regime) {
        return regime == null ? 1.0 : vol[regime.ordinal()];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Regime r : Regime.values()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(r)
                    .append(':')
                    .append(drift[r.ordinal()])
                    .append(':')
                    .append(vol[r.ordinal()]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegimeTable t
                && java.util.Arrays.equals(drift, t.drift)
                && java.util.Arrays.equals(vol, t.vol);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(drift) * 31 + java.util.Arrays.hashCode(vol);
    }
}
