package io.tauflow.risk.var;

import java.io.Serializable;

/**
 * The documented risk score of a window, 0..10, and its {@link RiskLevel}.
 *
 * <p>{@code score = min(10, 10 x max(tailVar99 / var99Limit, annualisedVolatility /
 * volatilityLimit))}, where {@code tailVar99 = max(historical VaR99, parametric VaR99, MC VaR99 /
 * sqrt(steps))}: the largest one-bar 99 % loss estimate (the Monte Carlo figure, which covers the
 * whole horizon, taken back to one bar by the square root of time). So the score is the share of
 * the tighter limit in use, in tenths. Level: CRITICAL if score &gt;= critical, else HIGH if &gt;=
 * high, else MEDIUM if &gt;= medium, else LOW. The default thresholds 3 / 5 / 7 are the seed's (LOW
 * below 3, MEDIUM 3-4, HIGH 5-6, CRITICAL 7 and above).
 *
 * @param var99Limit one-bar VaR99 (fraction of position value) that scores 10, &gt; 0
 * @param volatilityLimit annualised volatility that scores 10, &gt; 0
 * @param medium score from which the level is MEDIUM
 * @param high score from which the level is HIGH
 * @param critical score from which the level is CRITICAL; 0 &lt; medium &lt;= high &lt;= critical
 *     &lt;= 10
 */
public record RiskScore(
        double var99Limit, double volatilityLimit, double medium, double high, double critical)
        implements Serializable {

    public RiskScore {
        if (!(var99Limit > 0) || !Double.isFinite(var99Limit)) {
            throw new IllegalArgumentException("VaR99 limit must be > 0, got " + var99Limit);
        }
        if (!(volatilityLimit > 0) || !Double.isFinite(volatilityLimit)) {
            throw new IllegalArgumentException(
                    "volatility limit must be > 0, got " + volatilityLimit);
        }
        if (!(medium > 0 && medium <= high && high <= critical && critical <= 10)) {
            throw new IllegalArgumentException(
                    "risk level thresholds must satisfy 0 < medium <= high <= critical <= 10, got "
                            + medium
                            + ", "
                            + high
                            + ", "
                            + critical);
        }
    }

    /** VaR99 limit 1 % per bar, volatility limit 100 % a year, thresholds 3 / 5 / 7. */
    public static RiskScore defaults() {
        return new RiskScore(0.01, 1.0, 3, 5, 7);
    }

    /** The score, 0..10; NaN inputs count as the limit (score 10). */
    public double score(double tailVar99, double annualisedVolatility) {
        double ratio = Math.max(tailVar99 / var99Limit, annualisedVolatility / volatilityLimit);
        if (Double.isNaN(ratio)) {
            return 10.0;
        }
        return Math.max(0.0, Math.min(10.0, 10.0 * ratio));
    }

    public RiskLevel level(double score) {
        if (score >= critical) {
            return RiskLevel.CRITICAL;
        }
        if (score >= high) {
            return RiskLevel.HIGH;
        }
        if (score >= medium) {
            return RiskLevel.MEDIUM;
        }
        return RiskLevel.LOW;
    }
}
