package io.tauflow.jobs;

import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Order;
import io.tauflow.schema.Rejection;
import org.apache.flink.api.connector.sink2.Sink;

/** The job's four sinks; Kafka in production, collecting sinks in tests. */
public record Outputs(
        Sink<Order> orders,
        Sink<Rejection> rejections,
        Sink<Decision> decisions,
        Sink<DeadLetter> deadLetters) {}
