package io.tauflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.ingest.InboundEvent;
import io.tauflow.schema.Candle;
import io.tauflow.schema.DeadLetter;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Order;
import io.tauflow.schema.RejectReason;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.RiskEstimate;
import io.tauflow.tools.train.EmptySource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole trading graph of {@link TradingJob#define} on a MiniCluster (parallelism 2, RocksDB)
 * with no broker: bounded in-memory sources of the bundled bars and sinks that collect in memory.
 * It must give the decisions and orders TradingJobITCase checks through Kafka: one decision per
 * candle and the orders of the sequential reference replay.
 */
class TradingJobWithoutKafkaTest {

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    /** A bounded source of these events, split across the source's subtasks. */
    private static Source<InboundEvent, ?, ?> source(List<Candle> candles) {
        ArrayList<Candle> copy = new ArrayList<>(candles);
        return new DataGeneratorSource<>(
                i -> InboundEvent.candle(copy.get(i.intValue())),
                copy.size(),
                TypeInformation.of(InboundEvent.class));
    }

    private static Source<InboundEvent, ?, ?> empty() {
        return new EmptySource<>(TypeInformation.of(InboundEvent.class));
    }

    @Test
    @SuppressWarnings("unchecked") // the gauges registered as Gauge<Long> and Gauge<Double>
    void theGraphGivesTheOrdersOfASequentialReplayWithoutKafka() throws Exception {
        // The ITCase's settings; the bootstrap servers are never used here.
        JobSettings s = JobSettings.from(TradingJobITCase.settings("127.0.0.1:9", "no-kafka"));
        List<Candle> candles = TradingJobITCase.candles(400);
        String run = UUID.randomUUID().toString();
        Outputs out =
                Outputs.of(
                        new CollectingSink<Order>(run + "orders"),
                        new CollectingSink<Rejection>(run + "rejections"),
                        new CollectingSink<Decision>(run + "decisions"),
                        new CollectingSink<DeadLetter>(run + "dead-letters"),
                        new CollectingSink<RiskEstimate>(run + "estimates"));
        Inputs in = new Inputs(source(candles), empty(), empty(), empty());
        StreamExecutionEnvironment env = TradingJobITCase.environment(2, 2000);

        TradingJob.define(env, in, out, s);
        env.execute("tauflow-without-kafka");

        List<Decision> decisions = CollectingSink.records(run + "decisions");
        List<Order> orders = CollectingSink.records(run + "orders");
        assertThat(decisions).hasSize(candles.size());
        assertThat(CollectingSink.<DeadLetter>records(run + "dead-letters")).isEmpty();
        List<Order> expected = SequentialReference.orders(candles, s);
        assertThat(expected).as("the reference run places orders").hasSizeGreaterThan(10);
        // risk estimates per symbol and per account, each window once
        List<RiskEstimate> estimates = CollectingSink.records(run + "estimates");
        assertThat(estimates)
                .extracting(RiskEstimate::getScope)
                .contains(io.tauflow.schema.RiskScope.SYMBOL, io.tauflow.schema.RiskScope.ACCOUNT);
        assertThat(estimates)
                .extracting(e -> e.getScope() + " " + e.getSymbol() + " " + e.getWindowEndMs())
                .doesNotHaveDuplicates();
        assertThat(TradingJobITCase.sorted(orders))
                .containsExactlyElementsOf(TradingJobITCase.sorted(expected));

        // the operators' own metrics count what the outputs hold
        String job = "tauflow-without-kafka";
        List<Rejection> rejections = CollectingSink.records(run + "rejections");
        // Q-table rows per subtask, and their share of the state space, as gauges
        List<org.apache.flink.metrics.Metric> rows =
                CollectingReporter.of(job, ".tauflow.qTableRows");
        assertThat(rows).isNotEmpty();
        assertThat(
                        rows.stream()
                                .mapToLong(
                                        m -> ((org.apache.flink.metrics.Gauge<Long>) m).getValue())
                                .sum())
                .isPositive();
        assertThat(CollectingReporter.of(job, ".tauflow.qTableCoverage"))
                .isNotEmpty()
                .allSatisfy(
                        m ->
                                assertThat(((org.apache.flink.metrics.Gauge<Double>) m).getValue())
                                        .isBetween(0.0, 1.0));
        assertThat(CollectingReporter.count(job, ".tauflow.decisions")).isEqualTo(candles.size());
        assertThat(CollectingReporter.count(job, ".tauflow.ordersApproved"))
                .isEqualTo(orders.size());
        assertThat(CollectingReporter.count(job, ".tauflow.ordersRejected"))
                .isEqualTo(rejections.size());
        assertThat(CollectingReporter.count(job, ".tauflow.orderIntents"))
                .isEqualTo(orders.size() + rejections.size());
        for (RejectReason r : rejections.stream().map(Rejection::getReason).distinct().toList()) {
            assertThat(CollectingReporter.count(job, ".tauflow.reason." + r.name() + ".rejected"))
                    .isEqualTo(rejections.stream().filter(x -> x.getReason() == r).count());
        }
        String account = orders.get(0).getAccount();
        assertThat(CollectingReporter.of(job, ".tauflow.account." + account + ".realisedPnl"))
                .hasSize(1);
    }
}
