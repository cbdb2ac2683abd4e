package io.tauflow.risk;

/**
 * Which risk figure the gate's VaR budget checks ({@code tauflow.risk.var-measure}): a method
 * (historical, parametric normal, Monte Carlo), VaR or CVaR (expected shortfall), at 95 or 99 %.
 *
 * <p>Historical and parametric figures cover one bar; Monte Carlo figures cover {@code
 * tauflow.var.mc-steps} bars (the simulation's horizon), so a budget set for a one-bar measure is
 * much tighter under a Monte Carlo one. docs/RISK.md, "VaR budget".
 */
public enum VarMeasure {
    HISTORICAL_VAR_95,
    HISTORICAL_VAR_99,
    HISTORICAL_CVAR_95,
    HISTORICAL_CVAR_99,
    PARAMETRIC_VAR_95,
    PARAMETRIC_VAR_99,
    PARAMETRIC_CVAR_95,
    PARAMETRIC_CVAR_99,
    MONTE_CARLO_VAR_95,
    MONTE_CARLO_VAR_99,
    MONTE_CARLO_CVAR_95,
    MONTE_CARLO_CVAR_99;

    /** The default: historical one-bar VaR at 99 %, the figure the gate has always checked. */
    public static final VarMeasure DEFAULT = HISTORICAL_VAR_99;

    /** How the figure is estimated. */
    public enum Method {
        HISTORICAL,
        PARAMETRIC,
        MONTE_CARLO
    }

    public Method method() {
        return switch (this) {
            case HISTORICAL_VAR_95, HISTORICAL_VAR_99, HISTORICAL_CVAR_95, HISTORICAL_CVAR_99 ->
                    Method.HISTORICAL;
            case PARAMETRIC_VAR_95, PARAMETRIC_VAR_99, PARAMETRIC_CVAR_95, PARAMETRIC_CVAR_99 ->
                    Method.PARAMETRIC;
            default -> Method.MONTE_CARLO;
        };
    }

    /** True for CVaR (expected shortfall), false for VaR. */
    public boolean cvar() {
        return name().contains("CVAR");
    }

    /** 0.95 or 0.99. */
    public double confidence() {
        return name().endsWith("_95") ? 0.95 : 0.99;
    }

    /** This figure of one symbol's estimate: a loss fraction of a long position's value. */
    public double of(VarEstimate v) {
        return switch (this) {
            case HISTORICAL_VAR_95 -> v.var95;
            case HISTORICAL_VAR_99 -> v.var99;
            case HISTORICAL_CVAR_95 -> v.cvar95;
            case HISTORICAL_CVAR_99 -> v.cvar99;
            case PARAMETRIC_VAR_95 -> v.parametricVar95;
            case PARAMETRIC_VAR_99 -> v.parametricVar99;
            case PARAMETRIC_CVAR_95 -> v.parametricCvar95;
            case PARAMETRIC_CVAR_99 -> v.parametricCvar99;
            case MONTE_CARLO_VAR_95 -> v.mcVar95;
            case MONTE_CARLO_VAR_99 -> v.mcVar99;
            case MONTE_CARLO_CVAR_95 -> v.mcCvar95;
            case MONTE_CARLO_CVAR_99 -> v.mcCvar99;
        };
    }

    /** Every measure of one symbol's estimate, indexed by {@link #ordinal()}. */
    public static double[] all(VarEstimate v) {
        VarMeasure[] ms = values();
        double[] out = new double[ms.length];
        for (VarMeasure m : ms) {
            out[m.ordinal()] = m.of(v);
        }
        return out;
    }
}
