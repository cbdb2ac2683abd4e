package io.tauflow.emotion;

import java.util.Objects;

/** Something that happened to an agent that can move its emotion. A POJO. */
public class EmotionSignal {

    /** Declared in the order signals of equal time are applied. */
    public enum Kind {
        WIN,
        LOSS,
        WIN_STREAK,
        LOSS_STREAK
    }

    public String symbol;
    public long eventTimeMs;
    public Kind kind;

    public EmotionSignal() {}

    public static EmotionSignal of(String symbol, long eventTimeMs, Kind kind) {
        EmotionSignal s = new EmotionSignal();
        s.symbol = symbol;
        s.eventTimeMs = eventTimeMs;
        s.kind = kind;
        return s;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EmotionSignal)) {
            return false;
        }
        EmotionSignal s = (EmotionSignal) o;
        return eventTimeMs == s.eventTimeMs && Objects.equals(symbol, s.symbol) && kind == s.kind;
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, eventTimeMs, kind);
    }

    @Override
    public String toString() {
        return symbol + "@" + eventTimeMs + " " + kind;
    }
}
