package io.tauflow.agent;

import io.tauflow.features.FeatureState;

/**
 * Everything one symbol's agent keeps between market events apart from its Q-table: the feature
 * state of its indicators and the agent's own state. One value, so that a candle costs one state
 * read and one write however many stages of logic it passes. A POJO so Flink state stores it
 * without Kryo.
 */
public class SymbolState {
    public FeatureState features = new FeatureState();
    public AgentState agent = new AgentState();

    public SymbolState() {}
}
