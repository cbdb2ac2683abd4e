package io.tauflow.ingest;

import io.tauflow.config.OptionReader;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.configuration.ReadableConfig;

/**
 * How the sources' watermarks follow event time.
 *
 * @param outOfOrderness how late (in event time) a market record may arrive and still be used
 * @param idleness how long a silent partition holds the watermark back
 */
public record EventTime(Duration outOfOrderness, Duration idleness) implements Serializable {

    public EventTime {
        if (outOfOrderness.isNegative() || outOfOrderness.isZero()) {
            throw new IllegalArgumentException("out-of-orderness must be positive");
        }
        if (idleness.isNegative() || idleness.isZero()) {
            throw new IllegalArgumentException("idleness must be positive");
        }
    }

    /** The {@code tauflow.watermark.*} options ({@link InputOptions}). */
    public static EventTime from(ReadableConfig conf) {
        return new EventTime(
                OptionReader.positive(conf, InputOptions.OUT_OF_ORDERNESS),
                OptionReader.positive(conf, InputOptions.IDLENESS));
    }
}
