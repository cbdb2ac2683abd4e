package io.tauflow.benchmarks;

import io.tauflow.agent.AgentConfig;
import io.tauflow.agent.QAgent;
import io.tauflow.agent.QAgentFunction;
import io.tauflow.agent.StateEncoder;
import io.tauflow.features.FeatureCalculator;
import io.tauflow.features.FeatureConfig;
import io.tauflow.features.FeatureFunction;
import io.tauflow.jobs.demo.data.CandleCsv;
import io.tauflow.jobs.demo.data.DataResources;

/**
 * Every constructor of the agent path the benchmarks call, in one place, so that a change of the
 * feature, encoder or agent constructors is adapted here and nowhere else. Settings are the
 * defaults the job starts with.
 */
public final class BenchSetup {

    /** The encoder preset the job uses today; the only one {@link #encoder} knows so far. */
    public static final String SMALL = "small";

    private BenchSetup() {}

    public static FeatureConfig featureConfig() {
        return FeatureConfig.defaults();
    }

    public static AgentConfig agentConfig() {
        return AgentConfig.defaults();
    }

    public static FeatureCalculator featureCalculator() {
        return new FeatureCalculator(featureConfig());
    }

    /**
     * The state encoder of a named preset. Only {@link #SMALL} exists yet (momentum horizons of the
     * default features, 3^7 states); other names fail so that a benchmark parameter cannot silently
     * measure the wrong encoder.
     */
    public static StateEncoder encoder(String preset) {
        if (!SMALL.equals(preset)) {
            throw new IllegalArgumentException(
                    "unknown encoder preset '" + preset + "'; available: " + SMALL);
        }
        FeatureConfig f = featureConfig();
        return new StateEncoder(f.shortBars(), f.midBars(), f.longBars());
    }

    public static QAgent agent(String preset) {
        return new QAgent(agentConfig(), encoder(preset));
    }

    public static FeatureFunction featureFunction() {
        return new FeatureFunction(featureConfig());
    }

    public static QAgentFunction agentFunction(String preset) {
        return new QAgentFunction(agentConfig(), encoder(preset));
    }

    /** The bundled LEAN 1-minute bars (SPY, IBM, BAC, AIG), in event-time order. */
    public static CandleTape leanCandles() {
        return new CandleTape(CandleCsv.readResource(DataResources.LEAN_US_EQUITY_1M, "LEAN"));
    }
}
