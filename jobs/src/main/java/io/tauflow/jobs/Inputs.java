package io.tauflow.jobs;

import io.tauflow.ingest.InboundEvent;
import org.apache.flink.api.connector.source.Source;

/**
 * The job's four Source V2 sources: Kafka in production ({@link KafkaIO#inputs}), any bounded
 * source of decoded events in a test that runs the graph without a broker. Every source's records
 * pass the same admission checks and watermarks in {@link TradingJob#define}.
 */
public record Inputs(
        Source<InboundEvent, ?, ?> candles,
        Source<InboundEvent, ?, ?> sentiment,
        Source<InboundEvent, ?, ?> orderBook,
        Source<InboundEvent, ?, ?> control) {}
