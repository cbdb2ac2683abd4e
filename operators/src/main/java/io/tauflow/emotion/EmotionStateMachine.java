package io.tauflow.emotion;

import io.tauflow.schema.Emotion;

/**
 * The seed's emotional state machine. NEUTRAL turns HAPPY after a win streak and WORRIED after a
 * loss streak; a loss makes HAPPY (or EXCITED) CAUTIOUS; CAUTIOUS turns WORRIED on a loss streak; a
 * further loss makes WORRIED SCARED; each win steps a fearful agent back toward NEUTRAL (SCARED,
 * WORRIED, CAUTIOUS, NEUTRAL); a win streak makes HAPPY EXCITED.
 */
public final class EmotionStateMachine {

    private EmotionStateMachine() {}

    public static Emotion next(Emotion current, EmotionSignal.Kind signal) {
        switch (signal) {
            case WIN_STREAK:
                switch (current) {
                    case NEUTRAL:
                        return Emotion.HAPPY;
                    case HAPPY:
                        return Emotion.EXCITED;
                    default:
                        return current;
                }
            case LOSS_STREAK:
                switch (current) {
                    case NEUTRAL:
                    case CAUTIOUS:
                    case HAPPY:
                    case EXCITED:
                        return Emotion.WORRIED;
                    default:
                        return current;
                }
            case LOSS:
                switch (current) {
                    case HAPPY:
                    case EXCITED:
                        return Emotion.CAUTIOUS;
                    case WORRIED:
                        return Emotion.SCARED;
                    default:
                        return current;
                }
            case WIN:
                switch (current) {
                    case SCARED:
                        return Emotion.WORRIED;
                    case WORRIED:
                        return Emotion.CAUTIOUS;
                    case CAUTIOUS:
                        return Emotion.NEUTRAL;
                    default:
                        return current;
                }
            default:
                throw new IllegalArgumentException("unknown signal " + signal);
        }
    }
}
