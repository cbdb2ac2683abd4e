package io.tauflow.risk.var;

/**
 * Normal (variance-covariance) Value-at-Risk of one-bar log returns, and the closed-form VaR of
 * geometric Brownian motion that Monte Carlo level 1 converges to.
 *
 * <p>With sample mean m and sample standard deviation s (n - 1) of the window's one-bar log
 * returns, the one-bar parametric VaR at confidence p is {@code max(0, z_p s - m)}, where z_p is
 * the standard normal p-quantile: the loss (as a log return, like the historical VaR) exceeded with
 * probability 1 - p if returns were Normal(m, s^2).
 */
public final class ParametricVar {

    /** Standard normal 0.95-quantile, Phi^-1(0.95), correctly rounded. */
    public static final double Z95 = 1.6448536269514722;

    /** Standard normal 0.99-quantile, Phi^-1(0.99), correctly rounded. */
    public static final double Z99 = 2.3263478740408408;

    /** phi(Z95) / 0.05: the normal expected shortfall at 95 % is this x s - m. */
    public static final double ES95 = Math.exp(-0.5 * Z95 * Z95) / Math.sqrt(2 * Math.PI) / 0.05;

    /** phi(Z99) / 0.01: the normal expected shortfall at 99 % is this x s - m. */
    public static final double ES99 = Math.exp(-0.5 * Z99 * Z99) / Math.sqrt(2 * Math.PI) / 0.01;

    private ParametricVar() {}

    /** {@code max(0, z s - m)}. */
    public static double var(double mean, double std, double z) {
        return Math.max(0.0, z * std - mean);
    }

    /**
     * Normal CVaR (expected shortfall): the mean loss beyond the VaR if returns were Normal(m,
     * s^2), {@code max(0, k s - m)} with {@code k = phi(z_p) / (1 - p)} ({@link #ES95}, {@link
     * #ES99}).
     */
    public static double cvar(double mean, double std, double k) {
        return Math.max(0.0, k * std - mean);
    }

    /**
     * VaR over {@code horizonBars} bars of a long position whose one-bar log returns are Normal(m,
     * s^2) (GBM): {@code S_T/S_0 = exp(m T + s sqrt(T) Z)}, so the loss fraction exceeded with
     * probability 1 - p is {@code 1 - exp(m T - z_p s sqrt(T))}, floored at 0. With the GBM drift
     * mu = m + s^2/2 this is the familiar {@code exp((mu - s^2/2) T + s sqrt(T) Z)}.
     */
    public static double gbmVar(double meanLogReturn, double std, int horizonBars, double z) {
        double t = horizonBars;
        return Math.max(0.0, -Math.expm1(meanLogReturn * t - z * std * Math.sqrt(t)));
    }

    /** Arithmetic mean; 0 for an empty sample. */
    public static double mean(double[] xs) {
        if (xs.length == 0) {
            return 0.0;
        }
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    /**
     * Annualised volatility: {@code s sqrt(periodsPerYear)} with {@code periodsPerYear =
     * tradingTimePerYearMs / barIntervalMs}. For round-the-clock markets (crypto) a year of trading
     * is 365 days; for US equities in regular hours it is 252 x 6.5 h = 1,638 h.
     */
    public static double annualisedVolatility(
            double std, long barIntervalMs, long tradingTimePerYearMs) {
        if (barIntervalMs <= 0 || tradingTimePerYearMs <= 0) {
            throw new IllegalArgumentException(
                    "bar interval and trading time per year must be positive, got "
                            + barIntervalMs
                            + " ms and "
                            + tradingTimePerYearMs
                            + " ms");
        }
        return std * Math.sqrt((double) tradingTimePerYearMs / barIntervalMs);
    }
}
