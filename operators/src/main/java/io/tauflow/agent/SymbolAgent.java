package io.tauflow.agent;

import io.tauflow.features.FeatureCalculator;
import io.tauflow.features.FeatureVector;
import io.tauflow.ingest.InboundEvent;
import io.tauflow.schema.Regime;

/**
 * One symbol's whole per-event logic, as plain code: order-book and sentiment readings update the
 * features; a candle updates the features, is stamped with the market regime, and takes a step of
 * the {@link QAgent}. The state of all of it is one {@link SymbolState}; the Q-table is passed in.
 */
public final class SymbolAgent {

    private final FeatureCalculator features;
    private final QAgent agent;

    /** What a candle produced: its features, the agent's decision and a closed trade (or null). */
    public static final class Bar {
        public final FeatureVector features;
        public final AgentDecision decision;
        public final TradeOutcome outcome;

        Bar(FeatureVector features, AgentDecision decision, TradeOutcome outcome) {
            this.features = features;
            this.decision = decision;
            this.outcome = outcome;
        }
    }

    public SymbolAgent(FeatureCalculator features, QAgent agent) {
        this.features = features;
        this.agent = agent;
    }

    /**
     * Applies one market event to the symbol's state. Returns the bar for a candle, stamped with
     * {@code marketRegime} (null: none known), and null for an order book or a sentiment score.
     */
    public Bar onEvent(SymbolState s, InboundEvent e, Regime marketRegime, QTable table)
            throws Exception {
        switch (e.kind) {
            case CANDLE:
                FeatureVector v = features.onCandle(s.features, e.candle);
                v.marketRegime = marketRegime;
                QAgent.Step step = agent.step(s.agent, v, table);
                step.decision.arrivalMs = e.arrivalMs;
                return new Bar(v, step.decision, step.outcome);
            case SENTIMENT:
                features.onSentiment(s.features, e.sentiment);
                return null;
            case BOOK:
                features.onBook(s.features, e.book);
                return null;
            default:
                throw new IllegalArgumentException(
                        "a symbol's agent cannot use a " + e.kind + " record");
        }
    }
}
