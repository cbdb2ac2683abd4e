package io.tauflow.benchmarks;

import io.tauflow.risk.AccountRisk;
import io.tauflow.risk.PriceTick;
import io.tauflow.risk.RiskGate;
import io.tauflow.risk.RiskLimits;
import io.tauflow.risk.VarEstimate;
import io.tauflow.schema.Emotion;
import io.tauflow.schema.Side;
import io.tauflow.sizing.OrderIntent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The risk gate's pre-trade check of one order, without any state backend: an account holding three
 * symbols with prices and VaR estimates, and an opening order of a fourth that passes every control
 * (so every control is evaluated). The target is at most 2 µs per order.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RiskGateBenchmark {

    private static final String ACCOUNT = "paper";
    private static final long T0 = 1_381_152_600_000L; // 2013-10-07T13:30Z
    private static final String[] HELD = {"SPY", "IBM", "BAC"};
    private static final double[] PRICES = {168.9, 183.5, 14.1};

    private RiskGate gate;
    private AccountRisk account;
    private OrderIntent[] intents;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        gate = new RiskGate(RiskLimits.defaults());
        account = new AccountRisk();
        long t = T0;
        for (int k = 0; k < HELD.length; k++) {
            gate.onPrice(account, ACCOUNT, PriceTick.of(HELD[k], t, PRICES[k]));
            VarEstimate v = new VarEstimate();
            v.symbol = HELD[k];
            v.windowEndMs = t;
            v.var99 = 0.002;
            gate.onVar(account, v);
            RiskGate.Verdict verdict =
                    gate.onIntent(account, intent(HELD[k], t, PRICES[k]), false, false);
            if (!verdict.approved()) {
                throw new IllegalStateException("setup order rejected: " + verdict.rejection);
            }
            t += 60_000;
        }
        gate.onPrice(account, ACCOUNT, PriceTick.of("AIG", t, 48.2));
        intents = new OrderIntent[1024];
        for (int i = 0; i < intents.length; i++) {
            intents[i] = intent("AIG", t + 60_000, 48.2);
            intents[i].clientOrderId =
                    OrderIntent.clientOrderId(ACCOUNT, "AIG", t + 60_000 + i, Side.BUY);
        }
        RiskGate.Verdict probe = gate.check(intents[0], account, false, false);
        if (!probe.approved()) {
            throw new IllegalStateException("benchmark order rejected: " + probe.rejection);
        }
    }

    private static OrderIntent intent(String symbol, long t, double price) {
        OrderIntent i = new OrderIntent();
        i.account = ACCOUNT;
        i.symbol = symbol;
        i.side = Side.BUY;
        i.closing = false;
        i.notional = 150.0;
        i.price = price;
        i.eventTimeMs = t;
        i.confidence = 0.8;
        i.emotion = Emotion.NEUTRAL;
        i.clientOrderId = OrderIntent.clientOrderId(ACCOUNT, symbol, t, Side.BUY);
        return i;
    }

    /** Every control evaluated for one opening order; the account is read, not changed. */
    @Benchmark
    public RiskGate.Verdict checkOpeningOrder() {
        OrderIntent i = intents[next];
        next = (next + 1) & (intents.length - 1);
        return gate.check(i, account, false, false);
    }
}
