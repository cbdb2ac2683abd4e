package io.tauflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The graph builds with auto-generated uids disabled, and every uid is one of {@link Uids}. */
class TradingJobGraphTest {

    @Test
    void everyOperatorHasAStableUid() throws Exception {
        Configuration c = new Configuration();
        c.set(TauflowOptions.BOOTSTRAP_SERVERS, "127.0.0.1:9");
        JobSettings s = JobSettings.from(c);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TradingJob.define(env, KafkaIO.inputs(s), KafkaIO.outputs(s), s);

        // Throws if any operator lacks a uid: auto-generation is off.
        StreamGraph graph = env.getStreamGraph();

        Set<String> constants = new HashSet<>();
        for (Field f : Uids.class.getFields()) {
            constants.add((String) f.get(null));
        }
        List<String> uids =
                graph.getStreamNodes().stream()
                        .map(StreamNode::getTransformationUID)
                        .filter(u -> u != null)
                        .collect(Collectors.toList());
        assertThat(uids).doesNotHaveDuplicates();
        for (String uid : uids) {
            // Sinks add their own sub-operators: "Sink Committer: <uid>".
            String base =
                    uid.replaceAll("^Sink (Writer|Committer): ", "")
                            .replaceAll(": (Writer|Committer)$", "");
            assertThat(constants.contains(base) || base.startsWith(Uids.CEP_PREFIX))
                    .as("uid %s comes from Uids", uid)
                    .isTrue();
        }
        assertThat(uids)
                .contains(
                        Uids.SYMBOL_AGENT,
                        Uids.MARKET_REFERENCE_FEATURES,
                        Uids.RISK_GATE,
                        Uids.VAR_WINDOW,
                        Uids.SOURCE_CANDLES,
                        Uids.SINK_ORDERS);
    }
}
