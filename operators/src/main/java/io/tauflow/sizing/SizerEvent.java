package io.tauflow.sizing;

import io.tauflow.agent.AgentDecision;
import io.tauflow.emotion.EmotionSignal;

/** The sizer's input: a decision or an emotion signal (exactly one set). A POJO. */
public class SizerEvent {
    public AgentDecision decision;
    public EmotionSignal signal;

    public SizerEvent() {}

    public static SizerEvent of(AgentDecision d) {
        SizerEvent e = new SizerEvent();
        e.decision = d;
        return e;
    }

    public static SizerEvent of(EmotionSignal s) {
        SizerEvent e = new SizerEvent();
        e.signal = s;
        return e;
    }

    public String symbol() {
        return decision != null ? decision.symbol : signal.symbol;
    }

    public long eventTimeMs() {
        return decision != null ? decision.eventTimeMs : signal.eventTimeMs;
    }

    /** At equal times a decision goes first (it caused the signal), then signals in kind order. */
    public int tieRank() {
        return decision != null ? 0 : 1 + signal.kind.ordinal();
    }

    @Override
    public String toString() {
        return decision != null ? decision.toString() : signal.toString();
    }
}
