package io.tauflow.agent;

import io.tauflow.features.FeatureState;

/**
 * Everything one symbol's agent keeps between market events apart from its Q-table: the feature
 * state of its indicators and the agent's own state. One value, so that a candle costs one state
 * read and one write however many stages of logic it passes. A POJO so Flink state stores it
 * without Kryo.
 */
public class SymbolState {
    public FeatureState features;
    public AgentState agent;

    /**
     * Both parts null, for Flink, which creates one with this constructor for every value it reads
     * (and fills it in): {@link #fresh} is a symbol that has seen nothing yet.
     */
    public SymbolState() {}

    /** A symbol that has seen no market event. */
    public static SymbolState fresh() {
        SymbolState s = new SymbolState();
        s.features = new FeatureState();
        s.agent = new AgentState();
        return s;
    }
}
