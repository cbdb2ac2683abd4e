package io.tauflow.risk.var;

/** The coarse risk label of a symbol's window, from its {@link RiskScore}. */
public enum RiskLevel {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
