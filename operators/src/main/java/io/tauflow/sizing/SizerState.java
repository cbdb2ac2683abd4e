package io.tauflow.sizing;

import io.tauflow.schema.Emotion;

/** One symbol's emotion and whether the sizer has an opening intent outstanding. A POJO. */
public class SizerState {
    public Emotion emotion = Emotion.NEUTRAL;
    public boolean open;

    public SizerState() {}
}
