package io.tauflow.sizing;

import io.tauflow.schema.Emotion;

/**
 * One symbol's emotion and the position the sizer itself opened (its view: the risk gate may have
 * rejected the opening order, see docs/RISK.md). A POJO.
 */
public class SizerState {
    public Emotion emotion = Emotion.NEUTRAL;

    /** Whether the sizer sent an opening intent that it has not closed yet. */
    public boolean open;

    /** Price and event time of that opening intent; meaningful while {@link #open}. */
    public double entryPrice;

    public long entryTimeMs;

    public SizerState() {}
}
