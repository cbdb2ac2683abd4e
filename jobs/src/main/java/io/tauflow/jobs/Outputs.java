package io.tauflow.jobs;

import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Order;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.RiskEstimate;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where the job's five output streams go. {@link TradingJob#define} hands each stream to its
 * applier; {@link #of} writes them to Sink V2 sinks under the job's stable uids (Kafka in
 * production, {@link KafkaIO#outputs}), and a test can collect them instead (e.g. with {@code
 * DataStream#collectAsync}) and run the whole graph without a broker.
 */
public interface Outputs {

    void orders(DataStream<Order> orders);

    void rejections(DataStream<Rejection> rejections);

    void decisions(DataStream<Decision> decisions);

    void deadLetters(DataStream<DeadLetter> deadLetters);

    /** Every risk estimate, per symbol and per account. */
    void riskEstimates(DataStream<RiskEstimate> estimates);

    /** The streams written to these sinks, each with its uid of {@link Uids}. */
    static Outputs of(
            Sink<Order> orders,
            Sink<Rejection> rejections,
            Sink<Decision> decisions,
            Sink<DeadLetter> deadLetters,
            Sink<RiskEstimate> estimates) {
        return new Outputs() {
            @Override
            public void orders(DataStream<Order> s) {
                s.sinkTo(orders).uid(Uids.SINK_ORDERS).name("orders sink");
            }

            @Override
            public void rejections(DataStream<Rejection> s) {
                s.sinkTo(rejections).uid(Uids.SINK_REJECTIONS).name("rejections sink");
            }

            @Override
            public void decisions(DataStream<Decision> s) {
                s.sinkTo(decisions).uid(Uids.SINK_DECISIONS).name("decisions sink");
            }

            @Override
            public void deadLetters(DataStream<DeadLetter> s) {
                s.sinkTo(deadLetters).uid(Uids.SINK_DEAD_LETTERS).name("dead-letter sink");
            }

            @Override
            public void riskEstimates(DataStream<RiskEstimate> s) {
                s.sinkTo(estimates).uid(Uids.SINK_RISK_ESTIMATES).name("risk estimates sink");
            }
        };
    }
}
