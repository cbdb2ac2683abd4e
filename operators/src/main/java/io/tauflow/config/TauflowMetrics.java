package io.tauflow.config;

/**
 * Names of Tauflow's own metrics. Every operator registers them in its metric group under {@link
 * #GROUP}, so a reporter shows them beside Flink's as {@code <operator scope>.tauflow.<name>}
 * (Prometheus: {@code flink_taskmanager_job_task_operator_tauflow_<name>}). docs/METRICS.md lists
 * them all.
 */
public final class TauflowMetrics {

    private TauflowMetrics() {}

    public static final String GROUP = "tauflow";
}
