package io.tauflow.benchmarks;

import io.tauflow.risk.var.MonteCarloConfig;
import io.tauflow.risk.var.MonteCarloVar;
import io.tauflow.risk.var.SeededRandom;
import io.tauflow.risk.var.TailRisk;
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

/**
 * One Monte Carlo VaR/CVaR estimate of one symbol at level 1 (geometric Brownian motion), paths x
 * 50 steps, as the VaR window computes it per firing; beside it the raw rate of the generator's
 * normal draws, so ns per path-step can be compared with ns per draw. Targets: 1,000 x 50 at most 1
 * ms, 10,000 x 50 at most 10 ms on one core.
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class MonteCarloVarBenchmark {

    @Param({"1000", "10000"})
    public int paths;

    @Param({"50"})
    public int steps;

    private MonteCarloVar engine;
    private TailRisk out;
    private SeededRandom rng;
    private long seed;

    @Setup(Level.Trial)
    public void setUp() {
        engine =
                new MonteCarloVar(
                        MonteCarloConfig.defaults().withLevel(1).withPathsAndSteps(paths, steps));
        out = new TailRisk();
        rng = new SeededRandom(42L);
    }

    /** A whole estimate; a new seed each time, as each window end gets its own. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public TailRisk level1Estimate() {
        // one-minute returns of a liquid equity: mean ~0, sigma ~5 bp
        return engine.simulate(1e-6, 5e-4, null, SeededRandom.mix(++seed), out);
    }

    /** One standard normal draw of the same generator. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double normalDraw() {
        return rng.nextGaussian();
    }
}
