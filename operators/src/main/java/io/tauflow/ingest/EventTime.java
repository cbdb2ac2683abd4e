package io.tauflow.ingest;

import io.tauflow.config.OptionReader;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

/**
 * How the sources' watermarks follow event time.
 *
 * @param outOfOrderness how late (in event time) a market record may arrive and still be used
 * @param idleness how long a silent partition holds the watermark back (the default of each source)
 * @param candlesIdleness the candle source's idleness
 * @param sentimentIdleness the sentiment source's
 * @param orderBookIdleness the order-book source's
 */
public record EventTime(
        Duration outOfOrderness,
        Duration idleness,
        Duration candlesIdleness,
        Duration sentimentIdleness,
        Duration orderBookIdleness)
        implements Serializable {

    public EventTime {
        if (outOfOrderness.isNegative() || outOfOrderness.isZero()) {
            throw new IllegalArgumentException("out-of-orderness must be positive");
        }
        for (Duration d :
                new Duration[] {idleness, candlesIdleness, sentimentIdleness, orderBookIdleness}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("idleness must be positive");
            }
        }
    }

    /** One idleness for every source. */
    public EventTime(Duration outOfOrderness, Duration idleness) {
        this(outOfOrderness, idleness, idleness, idleness, idleness);
    }

    /** The {@code tauflow.watermark.*} options ({@link InputOptions}). */
    public static EventTime from(ReadableConfig conf) {
        Duration idleness = OptionReader.positive(conf, InputOptions.IDLENESS);
        return new EventTime(
                OptionReader.positive(conf, InputOptions.OUT_OF_ORDERNESS),
                idleness,
                sourceIdleness(conf, InputOptions.CANDLES_IDLENESS, idleness),
                sourceIdleness(conf, InputOptions.SENTIMENT_IDLENESS, idleness),
                sourceIdleness(conf, InputOptions.ORDER_BOOK_IDLENESS, idleness));
    }

    private static Duration sourceIdleness(
            ReadableConfig conf, ConfigOption<Duration> option, Duration fallback) {
        return conf.getOptional(option).isPresent()
                ? OptionReader.positive(conf, option)
                : fallback;
    }
}
