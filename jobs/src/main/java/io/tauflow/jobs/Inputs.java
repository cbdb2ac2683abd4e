package io.tauflow.jobs;

import io.tauflow.ingest.InboundEvent;
import org.apache.flink.api.connector.source.Source;

/** The job's four sources; Kafka in production, anything bounded in tests. */
public record Inputs(
        Source<InboundEvent, ?, ?> candles,
        Source<InboundEvent, ?, ?> sentiment,
        Source<InboundEvent, ?, ?> orderBook,
        Source<InboundEvent, ?, ?> control) {}
