package io.tauflow.benchmarks;

import io.tauflow.agent.AgentState;
import io.tauflow.agent.QAgent;
import io.tauflow.features.FeatureCalculator;
import io.tauflow.features.FeatureState;
import io.tauflow.features.FeatureVector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The agent's per-candle work without any state backend: feature update, state encoding, Q update
 * and action choice for one real candle, with the per-symbol feature state, agent state and Q-table
 * on the heap. The target is at most 1 µs per candle.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class AgentStepBenchmark {

    /** Encoder preset, see {@link BenchSetup#encoder}. */
    @Param({BenchSetup.SMALL, BenchSetup.LARGE})
    public String encoder;

    private CandleTape tape;
    private FeatureCalculator features;
    private QAgent agent;
    private FeatureState[] featureStates;
    private AgentState[] agentStates;
    private HeapQTable[] tables;

    @Setup(Level.Trial)
    public void setUp() {
        tape = BenchSetup.leanCandles();
        features = BenchSetup.featureCalculator();
        agent = BenchSetup.agent(encoder);
        int n = tape.symbolCount();
        featureStates = new FeatureState[n];
        agentStates = new AgentState[n];
        tables = new HeapQTable[n];
        for (int k = 0; k < n; k++) {
            featureStates[k] = new FeatureState();
            agentStates[k] = new AgentState();
            tables[k] = new HeapQTable();
        }
    }

    @Benchmark
    public void featuresEncodeLearnAct(Blackhole bh) throws Exception {
        bh.consume(nextCandle());
    }

    /** One candle of the tape through the features and the agent of its symbol. */
    QAgent.Step nextCandle() throws Exception {
        int i = tape.advance();
        int k = tape.symbolIndex(i);
        FeatureVector v = features.onCandle(featureStates[k], tape.candle(i));
        return agent.step(agentStates[k], v, tables[k]);
    }
}
