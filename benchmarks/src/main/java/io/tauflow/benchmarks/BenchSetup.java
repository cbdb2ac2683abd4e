package io.tauflow.benchmarks;

import io.tauflow.agent.AgentCaches;
import io.tauflow.agent.AgentConfig;
import io.tauflow.agent.EncoderConfig;
import io.tauflow.agent.QAgent;
import io.tauflow.agent.StateEncoder;
import io.tauflow.agent.SymbolAgentFunction;
import io.tauflow.features.FeatureCalculator;
import io.tauflow.features.FeatureConfig;
import io.tauflow.regime.RegimeConfig;
import io.tauflow.regime.RegimeOptions;
import io.tauflow.tools.demo.data.CandleCsv;
import io.tauflow.tools.demo.data.DataResources;

/**
 * Every constructor of the agent path the benchmarks call, in one place, so that a change of the
 * feature, encoder or agent constructors is adapted here and nowhere else. Settings are the
 * defaults the job starts with.
 */
public final class BenchSetup {

    /** The job's default encoder preset (3^7 = 2,187 states). */
    public static final String SMALL = "small";

    /** The seed's large preset (720,300 states). */
    public static final String LARGE = "large";

    private BenchSetup() {}

    public static FeatureConfig featureConfig() {
        return FeatureConfig.defaults();
    }

    public static AgentConfig agentConfig() {
        return AgentConfig.defaults();
    }

    public static FeatureCalculator featureCalculator() {
        return new FeatureCalculator(featureConfig(), RegimeConfig.defaults());
    }

    /**
     * The state encoder of a named preset ({@link EncoderConfig#preset}: small, medium, large,
     * xlarge), with the momentum horizons of the default features. An unknown name fails, so that a
     * benchmark parameter cannot silently measure the wrong encoder.
     */
    public static StateEncoder encoder(String preset) {
        FeatureConfig f = featureConfig();
        return new StateEncoder(
                EncoderConfig.preset(preset), f.shortBars(), f.midBars(), f.longBars());
    }

    public static QAgent agent(String preset) {
        return new QAgent(agentConfig(), encoder(preset));
    }

    /**
     * The job's per-symbol operator: features, market regime and Q-agent. {@code waitForMarket}
     * holds every event until the watermark passes it (the job does so when a reference symbol is
     * configured, as by default). {@code caches} sizes its caches in front of the keyed state.
     */
    public static SymbolAgentFunction symbolAgentFunction(
            String preset, boolean waitForMarket, AgentCaches caches) {
        return new SymbolAgentFunction(
                featureConfig(),
                RegimeConfig.defaults(),
                agentConfig(),
                encoder(preset),
                waitForMarket,
                RegimeOptions.MARKET_REGIME_MAX_AGE.defaultValue().toMillis(),
                caches);
    }

    /** {@code on}: the job's default cache sizes; {@code off}: none. Anything else fails. */
    public static AgentCaches caches(String name) {
        switch (name) {
            case "on":
                return AgentCaches.DEFAULTS;
            case "off":
                return AgentCaches.OFF;
            default:
                throw new IllegalArgumentException("caches must be on or off: " + name);
        }
    }

    /** The bundled LEAN 1-minute bars (SPY, IBM, BAC, AIG), in event-time order. */
    public static CandleTape leanCandles() {
        return new CandleTape(CandleCsv.readResource(DataResources.LEAN_US_EQUITY_1M, "LEAN"));
    }
}
