package io.tauflow.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.risk.var.ParametricVar;
import io.tauflow.schema.Emotion;
import io.tauflow.schema.Order;
import io.tauflow.schema.RejectReason;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.Side;
import io.tauflow.sizing.OrderIntent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * One test per control at its boundary: just under the limit passes, just over it rejects with the
 * control's reason, the limit and the observed value.
 */
class RiskGateTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final String ACCT = "acct-1";
    private static final double LAST = 100.0;

    /** Limits that bind on nothing, so each test tightens only the control it is about. */
    static RiskLimits.Builder loose() {
        return RiskLimits.builder()
                .maxOrderQuantity(1e12)
                .maxOrderNotional(1e12)
                .priceCollar(1e6)
                .positionCap(1e12)
                .maxGrossExposure(1e12)
                .maxNetExposure(1e12)
                .varBudget(1e12)
                .dailyLossLimit(1e12)
                .maxDrawdown(1.0)
                .throttle(1_000_000, 1_000)
                .duplicateMemory(256)
                .startingCapital(1e9)
                .marginRate(1e-6)
                .marginGuard(0.0)
                .liquidateBelowGuard(false)
                .killSwitchAllowsClosing(true);
    }

    private static int seq;

    /**
     * A gate with these limits that fails open and never rejects on the risk level, so that a test
     * of another control needs no risk estimate; the estimate rules have their own tests.
     */
    static RiskGate gate(RiskLimits limits) {
        return new RiskGate(limits, RiskModel.defaults().failingOpen().withRejectLevel(null));
    }

    /** A gate whose VaR budget checks {@code m}. */
    static RiskGate gate(RiskLimits limits, VarMeasure m) {
        return new RiskGate(
                limits, RiskModel.defaults().failingOpen().withRejectLevel(null).withMeasure(m));
    }

    /** Gives a symbol a latest estimate whose historical VaR99 is {@code v}. */
    private static PositionState var99(PositionState p, double v) {
        p.measures = new double[VarMeasure.values().length];
        p.measures[VarMeasure.HISTORICAL_VAR_99.ordinal()] = v;
        return p;
    }

    private static OrderIntent open(double notional, double price) {
        return open("AAA", T0, notional, price);
    }

    private static OrderIntent open(String symbol, Instant t, double notional, double price) {
        OrderIntent i = new OrderIntent();
        i.account = ACCT;
        i.symbol = symbol;
        i.side = Side.BUY;
        i.closing = false;
        i.notional = notional;
        i.price = price;
        i.eventTimeMs = t.toEpochMilli();
        i.confidence = 0.8;
        i.emotion = Emotion.HAPPY;
        // unique per test call unless a test sets it: the duplicate check is tested on its own
        i.clientOrderId = OrderIntent.clientOrderId(ACCT, symbol, i.eventTimeMs, Side.BUY) + seq++;
        return i;
    }

    private static OrderIntent close(String symbol, double price) {
        OrderIntent i = open(symbol, T0, 0.0, price);
        i.side = Side.SELL;
        i.closing = true;
        i.clientOrderId = OrderIntent.clientOrderId(ACCT, symbol, i.eventTimeMs, Side.SELL) + seq++;
        return i;
    }

    /** An account whose AAA (and any given symbol) trades at {@link #LAST}. */
    private static AccountRisk account() {
        AccountRisk a = new AccountRisk();
        a.symbol("AAA").lastPrice = LAST;
        return a;
    }

    private static PositionState hold(AccountRisk a, String symbol, double qty, double avg) {
        PositionState p = a.symbol(symbol);
        p.quantity = qty;
        p.averagePrice = avg;
        if (!p.hasLastPrice()) {
            p.lastPrice = LAST;
        }
        return p;
    }

    private static RiskGate.Verdict check(RiskGate gate, AccountRisk a, OrderIntent i) {
        return gate.check(i, a, false, false);
    }

    private static void assertApproved(RiskGate.Verdict v) {
        assertThat(v.rejection).as("rejection").isNull();
        assertThat(v.approved()).isTrue();
    }

    private static Rejection assertRejected(
            RiskGate.Verdict v, RejectReason reason, double limit, double observed) {
        assertThat(v.approved()).isFalse();
        assertThat(v.order).isNull();
        Rejection r = v.rejection;
        assertThat(r.getReason()).isEqualTo(reason);
        assertThat(r.getLimit()).isCloseTo(limit, within(1e-9));
        assertThat(r.getObserved()).isCloseTo(observed, within(1e-9));
        return r;
    }

    // --- per control, at the boundary ---

    @Test
    void maxOrderQuantity() {
        RiskGate gate = gate(loose().maxOrderQuantity(5.0).build());
        AccountRisk a = account();

        assertApproved(check(gate, a, open(499.99, LAST)));
        assertApproved(check(gate, a, open(500.0, LAST)));
        assertRejected(
                check(gate, a, open(500.01, LAST)), RejectReason.MAX_ORDER_QUANTITY, 5.0, 5.0001);
    }

    @Test
    void maxOrderNotional() {
        RiskGate gate = gate(loose().maxOrderNotional(1_000.0).build());
        AccountRisk a = account();

        RiskGate.Verdict at = check(gate, a, open(1_000.0, LAST));
        assertApproved(check(gate, a, open(999.99, LAST)));
        assertApproved(at);
        assertThat(at.order.getNotional()).isLessThanOrEqualTo(1_000.0);
        Rejection r =
                assertRejected(
                        check(gate, a, open(1_000.01, LAST)),
                        RejectReason.MAX_ORDER_NOTIONAL,
                        1_000.0,
                        1_000.01);
        assertThat(r.getQuantity()).isCloseTo(10.0001, within(1e-9));
        assertThat(r.getClientOrderId()).startsWith(ACCT + ":AAA:" + T0.toEpochMilli() + ":B");
    }

    @Test
    void priceCollarAgainstTheLastTradePriceWhenItIsTheOnlyOne() {
        RiskGate gate = gate(loose().priceCollar(0.05).build());
        AccountRisk a = account();

        assertApproved(check(gate, a, open(100.0, 104.99)));
        assertApproved(check(gate, a, open(100.0, 95.01)));
        assertRejected(
                check(gate, a, open(100.0, 105.01)), RejectReason.PRICE_COLLAR, 0.05, 0.0501);
        assertRejected(check(gate, a, open(100.0, 94.99)), RejectReason.PRICE_COLLAR, 0.05, 0.0501);
    }

    @Test
    void oneBadBarCannotMoveTheCollarsReference() {
        RiskGate gate = gate(loose().priceCollar(0.05).build());
        AccountRisk a = new AccountRisk();
        for (double close : new double[] {100.0, 100.2, 99.9, 100.1}) {
            gate.onPrice(a, ACCT, PriceTick.of("AAA", T0.toEpochMilli(), close));
        }
        // a bar at a thousand times the price: the last price, but not the reference
        gate.onPrice(a, ACCT, PriceTick.of("AAA", T0.toEpochMilli(), 100_000.0));
        assertThat(a.symbol("AAA").lastPrice).isEqualTo(100_000.0);
        assertThat(a.symbol("AAA").referencePrice()).isEqualTo(100.1);
        assertRejected(
                check(gate, a, open(100.0, 100_000.0)),
                RejectReason.PRICE_COLLAR,
                0.05,
                100_000.0 / 100.1 - 1);
        assertApproved(check(gate, a, open(100.0, 100.05)));
        // it moves once three of the five latest bars are away from the old level
        gate.onPrice(a, ACCT, PriceTick.of("AAA", T0.toEpochMilli(), 200.0));
        assertThat(a.symbol("AAA").referencePrice()).isEqualTo(100.2);
        gate.onPrice(a, ACCT, PriceTick.of("AAA", T0.toEpochMilli(), 200.0));
        assertThat(a.symbol("AAA").referencePrice()).isEqualTo(200.0);
    }

    @Test
    void anExitAfterARealFastMovePassesAtTheLastPrice() {
        RiskGate gate = gate(loose().priceCollar(0.05).build());
        AccountRisk a = new AccountRisk();
        hold(a, "AAA", 1.0, 100.0);
        for (double close : new double[] {100.0, 100.1, 99.9, 92.0, 88.0}) {
            gate.onPrice(a, ACCT, PriceTick.of("AAA", T0.toEpochMilli(), close));
        }
        // the median (99.9) lags a real 12 % fall: an opening order at 88 is refused ...
        assertRejected(
                check(gate, a, open(100.0, 88.0)),
                RejectReason.PRICE_COLLAR,
                0.05,
                Math.abs(88.0 / 99.9 - 1));
        // ... the exit at the last price passes
        assertApproved(check(gate, a, close("AAA", 88.0)));
    }

    @Test
    void theCollarsReferenceIsTheMedianOfTheLatestCloses() {
        PositionState p = new PositionState();
        assertThat(p.referencePrice()).isNaN();
        p.addPrice(10.0, 4);
        assertThat(p.referencePrice()).isEqualTo(10.0);
        p.addPrice(20.0, 4);
        assertThat(p.referencePrice()).isEqualTo(15.0);
        p.addPrice(12.0, 4);
        p.addPrice(11.0, 4);
        assertThat(p.referencePrice()).isEqualTo(11.5);
        p.addPrice(30.0, 4); // drops 10: 20, 12, 11, 30
        assertThat(p.referencePrice()).isEqualTo(16.0);
        // fewer closes kept (a new setting after a restore): the latest ones stay
        p.addPrice(13.0, 3); // 11, 30, 13
        assertThat(p.referencePrice()).isEqualTo(13.0);
        assertThat(p.recentCount).isEqualTo(3);
        // one close (the gate's old rule): the last price
        p.addPrice(50.0, 1);
        assertThat(p.referencePrice()).isEqualTo(50.0);
    }

    @Test
    void noReferencePriceRejectsBeforeTheFirstTick() {
        RiskGate gate = gate(loose().build());

        assertRejected(
                check(gate, account(), open("ZZZ", T0, 100.0, LAST)),
                RejectReason.NO_REFERENCE_PRICE,
                0.0,
                1.0);
    }

    @Test
    void positionCapPerSymbolCountsWhatIsHeld() {
        RiskGate gate = gate(loose().positionCap(450.0).build());
        AccountRisk a = account();
        hold(a, "AAA", 2.0, 100.0);

        assertApproved(check(gate, a, open(249.99, LAST)));
        assertRejected(
                check(gate, a, open(250.01, LAST)), RejectReason.POSITION_CAP, 450.0, 450.01);
    }

    @Test
    void grossExposureSumsEverySymbolAtItsLastPrice() {
        RiskGate gate = gate(loose().maxGrossExposure(1_000.0).build());
        AccountRisk a = account();
        hold(a, "BBB", 5.0, 80.0); // worth 500 at its last price 100

        assertApproved(check(gate, a, open(499.99, LAST)));
        assertRejected(
                check(gate, a, open(500.01, LAST)), RejectReason.GROSS_EXPOSURE, 1_000.0, 1_000.01);
    }

    @Test
    void netExposureNetsLongAgainstShort() {
        RiskGate gate = gate(loose().maxNetExposure(400.0).build());
        AccountRisk a = account();
        hold(a, "BBB", -5.0, 100.0); // short, worth -500

        assertApproved(check(gate, a, open(899.99, LAST)));
        assertRejected(
                check(gate, a, open(900.01, LAST)), RejectReason.NET_EXPOSURE, 400.0, 400.01);
    }

    @Test
    void varBudgetSumsValueTimesVarOverTheAccount() {
        RiskGate gate = gate(loose().varBudget(10.0).build());
        AccountRisk a = account();
        var99(a.symbol("AAA"), 0.01);
        var99(hold(a, "BBB", 2.5, 100.0), 0.02); // 250 x 0.02 = 5

        assertApproved(check(gate, a, open(499.99, LAST)));
        assertRejected(check(gate, a, open(500.01, LAST)), RejectReason.VAR_BUDGET, 10.0, 10.0001);
    }

    /** Gives a symbol a latest estimate whose figure {@code m} is {@code v}. */
    private static PositionState figure(PositionState p, VarMeasure m, double v) {
        if (p.measures == null) {
            p.measures = new double[VarMeasure.values().length];
        }
        p.measures[m.ordinal()] = v;
        return p;
    }

    /** Joint statistics of the (sorted) symbols with the given means and covariance, no bars. */
    private static PortfolioRisk portfolio(String[] symbols, double[] means, double[][] cov) {
        PortfolioRisk p = new PortfolioRisk();
        p.account = ACCT;
        p.windowEndMs = T0.toEpochMilli() - 1;
        p.symbols = symbols;
        p.observations = 60;
        p.means = means;
        int d = symbols.length;
        p.covariance = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(cov[i], 0, p.covariance, i * d, d);
        }
        return p;
    }

    /** Two symbols with volatilities sa, sb and correlation rho, zero means. */
    private static PortfolioRisk twoSymbols(double sa, double sb, double rho) {
        return portfolio(
                new String[] {"AAA", "BBB"},
                new double[] {0.0, 0.0},
                new double[][] {{sa * sa, rho * sa * sb}, {rho * sa * sb, sb * sb}});
    }

    /** Gives {@code symbol} one return per minute before T0, the last at T0 - 1 min. */
    private static void returns(AccountRisk a, String symbol, double... r) {
        PositionState p = a.symbol(symbol);
        long t = T0.toEpochMilli() - 60_000L * r.length;
        for (double x : r) {
            p.returns.add(t, x, 60_000L, null);
            t += 60_000L;
        }
    }

    /** Pseudo-random returns of about 1 %, fixed by the seed. */
    private static double[] noise(int n, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = 0.01 * rnd.nextGaussian();
        }
        return r;
    }

    @Test
    void varBudgetUsesThePortfolioVarOfTheExposuresAfterTheOrder() {
        // AAA vol 1 %, mean 0.1 %; BBB vol 2 %; correlation 0.5. Hold 250 of BBB.
        double[][] cov = {{1e-4, 1e-4}, {1e-4, 4e-4}};
        double[] means = {0.001, 0.0};
        // the model: VaR99 = z99 sqrt(x' Sigma x) - x' m, with x = (a, 250)
        java.util.function.DoubleUnaryOperator var =
                x ->
                        ParametricVar.Z99
                                        * Math.sqrt(
                                                1e-4 * x * x
                                                        + 2 * 1e-4 * x * 250
                                                        + 4e-4 * 250 * 250)
                                - 0.001 * x;
        double budget = var.applyAsDouble(500.0);
        RiskGate gate = gate(loose().varBudget(budget).build(), VarMeasure.PARAMETRIC_VAR_99);
        AccountRisk a = account();
        // per-symbol figures that alone would reject even the smallest order
        figure(a.symbol("AAA"), VarMeasure.PARAMETRIC_VAR_99, 0.5);
        figure(hold(a, "BBB", 2.5, 100.0), VarMeasure.PARAMETRIC_VAR_99, 0.5);
        a.portfolio = portfolio(new String[] {"AAA", "BBB"}, means, cov);

        assertApproved(check(gate, a, open(499.99, LAST)));
        Rejection r =
                assertRejected(
                        check(gate, a, open(500.01, LAST)),
                        RejectReason.VAR_BUDGET,
                        budget,
                        var.applyAsDouble(500.01));
        assertThat(r.getObserved()).isLessThan(500.01 * 0.5);
    }

    @Test
    void correlationDecidesThePortfolioVar() {
        // 500 long in each of two symbols of 1 % vol: VaR99 0 when they cancel (rho -1),
        // z99 x 1 % x 1000 = 23.26 when they move together (rho +1)
        RiskGate gate = gate(loose().varBudget(10.0).build(), VarMeasure.PARAMETRIC_VAR_99);
        AccountRisk hedged = account();
        hold(hedged, "BBB", 5.0, 100.0);
        hedged.portfolio = twoSymbols(0.01, 0.01, -1.0);
        AccountRisk together = account();
        hold(together, "BBB", 5.0, 100.0);
        together.portfolio = twoSymbols(0.01, 0.01, 1.0);

        assertApproved(check(gate, hedged, open(500.0, LAST)));
        assertRejected(
                check(gate, together, open(500.0, LAST)),
                RejectReason.VAR_BUDGET,
                10.0,
                ParametricVar.Z99 * 0.01 * 1_000.0);
    }

    @Test
    void varBudgetFallsBackToTheSumWhenTheStatisticsMissAHeldSymbol() {
        RiskGate gate = gate(loose().varBudget(10.0).build());
        AccountRisk a = account();
        var99(a.symbol("AAA"), 0.01);
        var99(hold(a, "BBB", 2.5, 100.0), 0.02); // 250 x 0.02 = 5
        // joint statistics of AAA alone, almost riskless: they cannot stand for a book with BBB
        returns(a, "AAA", 1e-6, -1e-6, 2e-6, -2e-6, 1e-6);
        a.portfolio = PortfolioRisk.of(ACCT, T0.toEpochMilli() - 1, 3_600_000L, 5, a.symbols);
        assertThat(a.portfolio.symbols).containsExactly("AAA");

        assertApproved(check(gate, a, open(499.99, LAST)));
        assertRejected(check(gate, a, open(500.01, LAST)), RejectReason.VAR_BUDGET, 10.0, 10.0001);

        // once BBB is flat, the statistics cover everything held after an AAA order
        a.symbol("BBB").quantity = 0.0;
        Rejection none = check(gate, a, open(5_000.0, LAST)).rejection;
        assertThat(none).isNull();
    }

    @Test
    void historicalBudgetOfOneSymbolIsItsValueTimesItsHistoricalVar() {
        double[] r = noise(200, 1);
        AccountRisk a = account();
        returns(a, "AAA", r);
        a.portfolio = PortfolioRisk.of(ACCT, T0.toEpochMilli() - 1, 1L << 40, 20, a.symbols);
        double[] sorted = r.clone();
        java.util.Arrays.sort(sorted);
        double var99 = HistoricalVar.var(sorted, 0.99);
        double cvar95 = HistoricalVar.cvar(sorted, 0.95);

        RiskGate gate = gate(loose().build());
        assertThat(gate.accountVar(a, java.util.Map.of("AAA", 500.0)))
                .isCloseTo(500.0 * var99, within(1e-9));
        RiskGate es = gate(loose().build(), VarMeasure.HISTORICAL_CVAR_95);
        assertThat(es.accountVar(a, java.util.Map.of("AAA", 500.0)))
                .isCloseTo(500.0 * cvar95, within(1e-9));
    }

    @Test
    void historicalBudgetDiversifiesOnTheSameBars() {
        // BBB moves exactly against AAA: a book long both in equal value never loses
        double[] r = noise(100, 2);
        double[] mirror = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            mirror[i] = -r[i];
        }
        AccountRisk a = account();
        returns(a, "AAA", r);
        returns(a, "BBB", mirror);
        hold(a, "BBB", 5.0, 100.0);
        var99(a.symbol("AAA"), 0.5);
        var99(a.symbol("BBB"), 0.5);
        a.portfolio = PortfolioRisk.of(ACCT, T0.toEpochMilli() - 1, 1L << 40, 20, a.symbols);
        RiskGate gate = gate(loose().varBudget(1e-9).build());

        assertApproved(check(gate, a, open(500.0, LAST)));
        assertThat(check(gate, a, open(600.0, LAST)).rejection.getReason())
                .isEqualTo(RejectReason.VAR_BUDGET);
    }

    @Test
    void monteCarloBudgetIsSeededAndNearTheClosedForm() {
        double[] r = noise(500, 3);
        AccountRisk a = account();
        returns(a, "AAA", r);
        a.portfolio = PortfolioRisk.of(ACCT, T0.toEpochMilli() - 1, 1L << 40, 20, a.symbols);
        RiskGate gate = gate(loose().build(), VarMeasure.MONTE_CARLO_VAR_99);
        java.util.Map<String, Double> book = java.util.Map.of("AAA", 1_000.0);

        double mc = gate.accountVar(a, book);
        assertThat(gate.accountVar(a, book)).isEqualTo(mc);
        int steps = gate.model().var().monteCarlo().steps();
        double gbm =
                1_000.0
                        * ParametricVar.gbmVar(
                                a.portfolio.means[0],
                                Math.sqrt(a.portfolio.covariance[0]),
                                steps,
                                ParametricVar.Z99);
        assertThat(mc).isCloseTo(gbm, within(0.15 * gbm));
    }

    @Test
    void aClosingOrderIsExemptFromThePortfolioVarBudget() {
        RiskGate gate = gate(loose().varBudget(1e-9).build(), VarMeasure.PARAMETRIC_VAR_99);
        AccountRisk a = account();
        hold(a, "AAA", 5.0, 100.0);
        hold(a, "BBB", 5.0, 100.0);
        a.portfolio = twoSymbols(0.05, 0.05, 1.0);

        assertRejected(
                check(gate, a, open(1.0, LAST)),
                RejectReason.VAR_BUDGET,
                1e-9,
                ParametricVar.Z99 * 0.05 * 1_001.0);
        assertApproved(check(gate, a, close("AAA", LAST)));
    }

    // --- risk estimates: missing, stale, risk level ---

    private static VarEstimate estimate(String symbol, long windowEndMs, String level) {
        VarEstimate v = new VarEstimate();
        v.symbol = symbol;
        v.windowEndMs = windowEndMs;
        v.var99 = 0.001;
        v.riskLevel = level;
        return v;
    }

    @Test
    void anOpeningNeedsAnEstimateOfItsSymbolUnlessFailingOpen() {
        RiskModel closed = RiskModel.defaults().withRejectLevel(null);
        RiskGate gate = new RiskGate(loose().build(), closed);
        AccountRisk a = account();
        hold(a, "AAA", 1.0, 100.0);

        assertRejected(check(gate, a, open(100.0, LAST)), RejectReason.NO_RISK_ESTIMATE, 0, 1);
        assertApproved(check(gate, a, close("AAA", LAST)));
        assertApproved(
                check(new RiskGate(loose().build(), closed.failingOpen()), a, open(100.0, LAST)));

        gate.onVar(a, estimate("AAA", T0.toEpochMilli() - 1, "LOW"));
        assertApproved(check(gate, a, open(100.0, LAST)));
    }

    @Test
    void anEstimateOlderThanTheMaximumAgeRejectsOpenings() {
        long maxAge = 15 * 60_000L;
        RiskGate gate =
                new RiskGate(
                        loose().build(),
                        RiskModel.defaults().withRejectLevel(null).withMaxEstimateAgeMs(maxAge));
        long t = T0.toEpochMilli();
        AccountRisk exact = account();
        gate.onVar(exact, estimate("AAA", t - maxAge, "LOW"));
        assertApproved(check(gate, exact, open(100.0, LAST)));

        AccountRisk stale = account();
        gate.onVar(stale, estimate("AAA", t - maxAge - 1, "LOW"));
        assertRejected(
                check(gate, stale, open(100.0, LAST)),
                RejectReason.STALE_RISK_ESTIMATE,
                maxAge,
                maxAge + 1);
        hold(stale, "AAA", 1.0, 100.0);
        assertApproved(check(gate, stale, close("AAA", LAST)));
    }

    @Test
    void anOlderEstimateThanTheLatestIsIgnored() {
        RiskGate gate = gate(loose().build());
        AccountRisk a = account();
        gate.onVar(a, estimate("AAA", 2_000L, "LOW"));
        gate.onVar(a, estimate("AAA", 1_000L, "CRITICAL"));
        assertThat(a.symbol("AAA").estimateMs).isEqualTo(2_000L);
        assertThat(a.symbol("AAA").riskLevel)
                .isEqualTo(io.tauflow.risk.var.RiskLevel.LOW.ordinal());
    }

    @Test
    void theSymbolsRiskLevelRejectsOpeningsFromTheConfiguredLevel() {
        RiskModel critical = RiskModel.defaults();
        long t = T0.toEpochMilli() - 1;
        AccountRisk a = account();
        hold(a, "AAA", 1.0, 100.0);
        RiskGate gate = new RiskGate(loose().build(), critical);

        gate.onVar(a, estimate("AAA", t, "HIGH"));
        assertApproved(check(gate, a, open(100.0, LAST)));
        gate.onVar(a, estimate("AAA", t + 1, "CRITICAL"));
        assertRejected(check(gate, a, open(100.0, LAST)), RejectReason.RISK_LEVEL, 3, 3);
        assertApproved(check(gate, a, close("AAA", LAST)));

        RiskGate high =
                new RiskGate(
                        loose().build(),
                        critical.withRejectLevel(io.tauflow.risk.var.RiskLevel.HIGH));
        gate.onVar(a, estimate("AAA", t + 2, "HIGH"));
        assertRejected(check(high, a, open(100.0, LAST)), RejectReason.RISK_LEVEL, 2, 2);
        gate.onVar(a, estimate("AAA", t + 3, "MEDIUM"));
        assertApproved(check(high, a, open(100.0, LAST)));

        gate.onVar(a, estimate("AAA", t + 4, "CRITICAL"));
        assertApproved(
                check(
                        new RiskGate(loose().build(), critical.withRejectLevel(null)),
                        a,
                        open(100.0, LAST)));
    }

    @Test
    void theAccountsRiskLevelRejectsOpeningsOfEverySymbol() {
        RiskGate gate = new RiskGate(loose().build(), RiskModel.defaults());
        AccountRisk a = account();
        gate.onVar(a, estimate("AAA", T0.toEpochMilli() - 1, "LOW"));
        a.riskLevel = io.tauflow.risk.var.RiskLevel.CRITICAL.ordinal();
        assertRejected(check(gate, a, open(100.0, LAST)), RejectReason.RISK_LEVEL, 3, 3);
        a.riskLevel = io.tauflow.risk.var.RiskLevel.HIGH.ordinal();
        assertApproved(check(gate, a, open(100.0, LAST)));
    }

    @Test
    void aRiskLevelOfLowIsRefusedAsARejectLevel() {
        assertThatThrownBy(
                        () ->
                                RiskModel.defaults()
                                        .withRejectLevel(io.tauflow.risk.var.RiskLevel.LOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tauflow.risk.reject-risk-level");
        assertThatThrownBy(() -> RiskModel.defaults().withMaxEstimateAgeMs(60_000L))
                .hasMessageContaining("tauflow.risk.max-estimate-age");
    }

    // --- the account's window ---

    @Test
    void theAccountsFiguresAreComputedAtEachWindowEndFromThePricesReturns() {
        RiskGate gate = gate(loose().build());
        AccountRisk a = account();
        long slide = 5 * 60_000L;
        long t0 = T0.toEpochMilli(); // a multiple of the slide
        double[] r = noise(30, 4);
        double price = 100.0;
        for (int k = 0; k < r.length; k++) {
            long t = t0 + k * 60_000L;
            io.tauflow.schema.RiskEstimate before = gate.roll(a, ACCT, t);
            if (before != null) {
                // joint figures from 20 common bars on, before that the sum of the symbol's own
                assertThat(before.getDiversified()).isEqualTo(before.getObservations() >= 20);
            }
            price *= Math.exp(r[k]);
            gate.onPrice(a, ACCT, PriceTick.of("AAA", t, price, r[k], 60_000L, null));
            if (k == 0) {
                gate.onIntent(a, open(1_000.0, price), false, false);
            }
        }
        // the first event after a window end computes that window
        long end = t0 + 30 * 60_000L - 1;
        io.tauflow.schema.RiskEstimate e = gate.roll(a, ACCT, end + 1);
        assertThat(e.getWindowEndMs()).isEqualTo(end);
        assertThat(e.getScope()).isEqualTo(io.tauflow.schema.RiskScope.ACCOUNT);
        assertThat(e.getObservations()).isEqualTo(30);
        assertThat(e.getDiversified()).isTrue();
        double value = a.symbol("AAA").value();
        assertThat(e.getGrossExposure()).isCloseTo(value, within(1e-9));
        double[] sorted = r.clone();
        java.util.Arrays.sort(sorted);
        assertThat(e.getHistoricalVar99())
                .isCloseTo(value * HistoricalVar.var(sorted, 0.99), within(1e-9));
        assertThat(e.getMonteCarloVar99()).isGreaterThan(0.0);
        assertThat(gate.roll(a, ACCT, end + 2)).isNull();
        // returns no later window can hold are gone
        assertThat(a.symbol("AAA").returns.time(0))
                .isGreaterThanOrEqualTo(end + slide + 1 - 3_600_000L);
    }

    @Test
    void dailyLossLimitOfTheSymbolsAgent() {
        RiskGate gate = gate(loose().dailyLossLimit(500.0).build());
        AccountRisk a = account();
        a.symbol("BBB").lastPrice = LAST;

        a.symbol("AAA").dayRealizedPnl = -499.99;
        assertApproved(check(gate, a, open(100.0, LAST)));
        a.symbol("AAA").dayRealizedPnl = -500.0;
        assertRejected(
                check(gate, a, open(100.0, LAST)), RejectReason.DAILY_LOSS_LIMIT, -500.0, -500.0);
        a.symbol("AAA").dayRealizedPnl = -500.01;
        assertRejected(
                check(gate, a, open(100.0, LAST)), RejectReason.DAILY_LOSS_LIMIT, -500.0, -500.01);
        // another agent of the same account is not paused
        assertApproved(check(gate, a, open("BBB", T0, 100.0, LAST)));
    }

    @Test
    void maxDrawdownFromThePeakEquity() {
        RiskGate gate = gate(loose().startingCapital(10_000.0).maxDrawdown(0.15).build());
        AccountRisk a = account();
        a.peakEquity = 10_000.0;

        a.totalRealizedPnl = -1_499.99;
        assertApproved(check(gate, a, open(100.0, LAST)));
        a.totalRealizedPnl = -1_500.01;
        assertRejected(
                check(gate, a, open(100.0, LAST)), RejectReason.MAX_DRAWDOWN, 0.15, 0.150001);
    }

    @Test
    void drawdownCountsUnrealisedLossAtTheLastPrice() {
        RiskGate gate = gate(loose().startingCapital(10_000.0).maxDrawdown(0.15).build());
        AccountRisk a = account();
        a.peakEquity = 11_000.0;
        hold(a, "BBB", 100.0, 100.0).lastPrice = 84.0; // -1,600 unrealised: 8,400 vs 11,000

        assertRejected(
                check(gate, a, open(100.0, LAST)),
                RejectReason.MAX_DRAWDOWN,
                0.15,
                (11_000.0 - 8_400.0) / 11_000.0);
    }

    @Test
    void marginGuardOnFreeMarginAfterTheOrder() {
        // equity 10,000, 10 % margin: free ratio 1 - 0.1 x gross / 10,000 >= 0.05 up to 95,000
        RiskGate gate =
                gate(loose().startingCapital(10_000.0).marginRate(0.10).marginGuard(0.05).build());
        AccountRisk a = account();

        assertApproved(check(gate, a, open(94_999.0, LAST)));
        assertRejected(
                check(gate, a, open(95_001.0, LAST)),
                RejectReason.MARGIN,
                0.05,
                1.0 - 0.1 * 95_001.0 / 10_000.0);
    }

    @Test
    void throttleCountsApprovedOrdersInTheRollingEventTimeWindow() {
        RiskGate gate = gate(loose().throttle(3, 1_000).build());
        AccountRisk a = account();
        for (int k = 0; k < 3; k++) {
            assertApproved(
                    gate.onIntent(a, open("AAA", T0.plusMillis(k), 10.0, LAST), false, false));
        }

        // 4 orders within (t - 1 s, t]: one too many
        assertRejected(
                gate.onIntent(a, open("AAA", T0.plusMillis(999), 10.0, LAST), false, false),
                RejectReason.THROTTLE,
                3.0,
                4.0);
        // a rejection does not count; the first order has left the window
        assertApproved(
                gate.onIntent(a, open("AAA", T0.plusMillis(1_000), 10.0, LAST), false, false));
        assertRejected(
                gate.onIntent(a, open("AAA", T0.plusMillis(1_000), 10.0, LAST), false, false),
                RejectReason.THROTTLE,
                3.0,
                4.0);
        assertThat(a.approved).isEqualTo(4);
        assertThat(a.rejected).isEqualTo(2);
    }

    @Test
    void duplicateClientOrderIdsWithinTheBoundedMemory() {
        RiskGate gate = gate(loose().duplicateMemory(2).build());
        AccountRisk a = account();
        OrderIntent x = open(10.0, LAST);
        OrderIntent y = open(10.0, LAST);
        OrderIntent z = open(10.0, LAST);

        assertApproved(gate.onIntent(a, x, false, false));
        assertApproved(gate.onIntent(a, y, false, false));
        assertRejected(
                gate.onIntent(a, copy(x), false, false),
                RejectReason.DUPLICATE_CLIENT_ORDER_ID,
                0.0,
                1.0);
        // the third id pushes x out of a memory of two; y (the older of the last two) is still in
        assertApproved(gate.onIntent(a, z, false, false));
        assertRejected(
                gate.onIntent(a, copy(y), false, false),
                RejectReason.DUPLICATE_CLIENT_ORDER_ID,
                0.0,
                1.0);
        assertApproved(gate.onIntent(a, copy(x), false, false));
    }

    @Test
    void aRejectedIdIsRememberedToo() {
        RiskGate gate = gate(loose().maxOrderNotional(50.0).build());
        AccountRisk a = account();
        OrderIntent big = open(60.0, LAST);

        assertRejected(
                gate.onIntent(a, big, false, false), RejectReason.MAX_ORDER_NOTIONAL, 50.0, 60.0);
        OrderIntent retry = copy(big);
        retry.notional = 40.0;
        assertRejected(
                gate.onIntent(a, retry, false, false),
                RejectReason.DUPLICATE_CLIENT_ORDER_ID,
                0.0,
                1.0);
    }

    @Test
    void killSwitchesBlockOpeningAndClosingOnlyWhenSoConfigured() {
        RiskGate lenient = gate(loose().build());
        RiskGate strict = gate(loose().killSwitchAllowsClosing(false).build());
        AccountRisk a = account();
        hold(a, "AAA", 2.0, 100.0);

        assertRejected(
                lenient.check(open(10.0, LAST), a, true, false),
                RejectReason.KILL_SWITCH_ACCOUNT,
                0.0,
                1.0);
        assertRejected(
                lenient.check(open(10.0, LAST), a, false, true),
                RejectReason.KILL_SWITCH_SYMBOL,
                0.0,
                1.0);
        assertApproved(lenient.check(close("AAA", LAST), a, true, true));
        assertRejected(
                strict.check(close("AAA", LAST), a, true, false),
                RejectReason.KILL_SWITCH_ACCOUNT,
                0.0,
                1.0);
        assertRejected(
                strict.check(close("AAA", LAST), a, false, true),
                RejectReason.KILL_SWITCH_SYMBOL,
                0.0,
                1.0);
        assertApproved(strict.check(close("AAA", LAST), a, false, false));
    }

    // --- closing orders ---

    @Test
    void closingOrdersAreNeverBlockedByExposureLossDrawdownOrMarginCaps() {
        RiskGate gate =
                gate(
                        loose().maxOrderQuantity(1.0)
                                .maxOrderNotional(1.0)
                                .positionCap(1.0)
                                .maxGrossExposure(1.0)
                                .maxNetExposure(1.0)
                                .varBudget(1e-9)
                                .dailyLossLimit(1.0)
                                .startingCapital(1_000.0)
                                .maxDrawdown(0.01)
                                .marginRate(1.0)
                                .marginGuard(0.5)
                                .build());
        AccountRisk a = account();
        var99(hold(a, "AAA", 20.0, 110.0), 0.5);
        a.symbol("AAA").dayRealizedPnl = -50.0;
        a.peakEquity = 2_000.0;

        assertThat(gate.check(open(10.0, LAST), a, false, false).approved()).isFalse();
        RiskGate.Verdict v = gate.check(close("AAA", LAST), a, false, false);

        assertApproved(v);
        Order o = v.order;
        assertThat(o.getClosing()).isTrue();
        assertThat(o.getSide()).isEqualTo(Side.SELL);
        assertThat(o.getQuantity()).isEqualTo(20.0);
        assertThat(o.getNotional()).isEqualTo(2_000.0);
    }

    @Test
    void closingOrdersStillPassTheDuplicateCollarAndThrottleChecks() {
        RiskGate gate = gate(loose().priceCollar(0.05).throttle(1, 1_000).build());
        AccountRisk a = account();
        hold(a, "AAA", 2.0, 100.0);

        assertRejected(
                gate.check(close("AAA", 106.0), a, false, false),
                RejectReason.PRICE_COLLAR,
                0.05,
                0.06);
        OrderIntent c = close("AAA", LAST);
        assertApproved(gate.onIntent(a, c, false, false));
        hold(a, "AAA", 2.0, 100.0);
        assertRejected(
                gate.onIntent(a, copy(c), false, false),
                RejectReason.DUPLICATE_CLIENT_ORDER_ID,
                0.0,
                1.0);
        assertRejected(
                gate.onIntent(a, close("AAA", LAST), false, false),
                RejectReason.THROTTLE,
                1.0,
                2.0);
    }

    @Test
    void aCloseForAPositionTheGateNeverOpenedIsANoOpRejection() {
        RiskGate gate = gate(loose().build());
        AccountRisk a = account();

        Rejection r =
                assertRejected(
                        gate.onIntent(a, close("AAA", LAST), false, false),
                        RejectReason.NO_POSITION,
                        0.0,
                        1.0);
        assertThat(r.getQuantity()).isZero();
        assertThat(a.symbol("AAA").quantity).isZero();
        assertThat(a.totalRealizedPnl).isZero();
        assertThat(gate.ordersInWindow(a, T0.toEpochMilli())).isZero();
    }

    @Test
    void controlsAreCheckedInTheDocumentedOrder() {
        RiskGate gate =
                gate(
                        loose().priceCollar(0.01)
                                .maxOrderQuantity(1.0)
                                .maxOrderNotional(10.0)
                                .build());
        AccountRisk a = account();

        // breaks collar, quantity and notional, and a kill switch is on: the kill switch wins
        assertThat(gate.check(open(500.0, 120.0), a, true, true).rejection.getReason())
                .isEqualTo(RejectReason.KILL_SWITCH_ACCOUNT);
        assertThat(gate.check(open(500.0, 120.0), a, false, true).rejection.getReason())
                .isEqualTo(RejectReason.KILL_SWITCH_SYMBOL);
        assertThat(gate.check(open(500.0, 120.0), a, false, false).rejection.getReason())
                .isEqualTo(RejectReason.PRICE_COLLAR);
        assertThat(gate.check(open(500.0, LAST), a, false, false).rejection.getReason())
                .isEqualTo(RejectReason.MAX_ORDER_QUANTITY);
        assertThat(gate.check(open(50.0, LAST), a, false, false).rejection.getReason())
                .isEqualTo(RejectReason.MAX_ORDER_NOTIONAL);
    }

    // --- booking, days, equity, liquidation ---

    @Test
    void fillsAverageTheEntryAndRealiseOnClose() {
        RiskGate gate = gate(loose().build());
        AccountRisk a = account();

        gate.onIntent(a, open(200.0, LAST), false, false);
        a.symbol("AAA").lastPrice = 110.0;
        gate.onIntent(a, open(110.0, 110.0), false, false);

        PositionState p = a.symbol("AAA");
        assertThat(p.quantity).isCloseTo(3.0, within(1e-12));
        assertThat(p.averagePrice).isCloseTo(310.0 / 3.0, within(1e-9));
        gate.onIntent(a, close("AAA", 110.0), false, false);
        assertThat(p.quantity).isZero();
        assertThat(a.totalRealizedPnl).isCloseTo(20.0, within(1e-9));
        assertThat(p.dayRealizedPnl).isCloseTo(20.0, within(1e-9));
        assertThat(a.approved).isEqualTo(3);
    }

    @Test
    void theDayRollsAtMidnightOfTheConfiguredZone() {
        RiskGate utc = gate(loose().build());
        RiskGate plus2 = gate(loose().dayZone(ZoneOffset.ofHours(2)).build());
        RiskGate newYork = gate(loose().dayZone(ZoneId.of("America/New_York")).build());
        long lastUtcMs = Instant.parse("2024-03-01T23:59:59.999Z").toEpochMilli();
        long lastPlus2Ms = Instant.parse("2024-03-01T21:59:59.999Z").toEpochMilli();

        assertThat(utc.limits().dayOf(lastUtcMs + 1)).isEqualTo(utc.limits().dayOf(lastUtcMs) + 1);
        assertThat(plus2.limits().dayOf(lastPlus2Ms + 1))
                .isEqualTo(plus2.limits().dayOf(lastPlus2Ms) + 1);
        assertThat(plus2.limits().dayOf(lastUtcMs)).isEqualTo(utc.limits().dayOf(lastUtcMs) + 1);
        // New York is UTC-5 in March before daylight saving starts on the 10th
        long nyMidnight = Instant.parse("2024-03-02T05:00:00Z").toEpochMilli();
        assertThat(newYork.limits().dayOf(nyMidnight))
                .isEqualTo(newYork.limits().dayOf(nyMidnight - 1) + 1);

        AccountRisk a = account();
        a.symbol("AAA").dayRealizedPnl = -100.0;
        utc.rollDay(a, lastUtcMs);
        a.symbol("AAA").dayRealizedPnl = -100.0;
        utc.rollDay(a, lastUtcMs);
        assertThat(a.symbol("AAA").dayRealizedPnl).isEqualTo(-100.0);
        utc.rollDay(a, lastUtcMs + 1);
        assertThat(a.symbol("AAA").dayRealizedPnl).isZero();
    }

    @Test
    void aPriceDropBelowTheMarginGuardLiquidatesEveryPosition() {
        RiskGate gate =
                gate(
                        loose().startingCapital(1_000.0)
                                .marginRate(0.10)
                                .marginGuard(0.05)
                                .liquidateBelowGuard(true)
                                .build());
        AccountRisk a = account();
        hold(a, "AAA", 30.0, 100.0); // 3,000 + 2,000 at 100: equity 1,000, free 0.5
        hold(a, "BBB", 20.0, 100.0);

        assertThat(gate.onPrice(a, ACCT, PriceTick.of("AAA", T0.toEpochMilli(), 95.0))).isEmpty();
        // AAA at 95: equity 850, gross 4,850, free (850 - 485) / 850 = 0.43: nothing to do.
        // AAA at 80: equity 400, gross 4,400, free (400 - 440) / 400 < 0.05: close everything
        var closes = gate.onPrice(a, ACCT, PriceTick.of("AAA", T0.toEpochMilli() + 1, 80.0));

        assertThat(closes).extracting(i -> i.symbol).containsExactly("AAA", "BBB");
        assertThat(closes).allMatch(i -> i.closing && i.side == Side.SELL);
        assertThat(closes.get(0).price).isEqualTo(80.0);
        assertThat(closes.get(1).price).isEqualTo(LAST);
        assertThat(closes.get(0).clientOrderId)
                .isEqualTo(ACCT + ":AAA:" + (T0.toEpochMilli() + 1) + ":L");
        for (OrderIntent c : closes) {
            assertApproved(gate.onIntent(a, c, false, false));
        }
        assertThat(a.symbol("AAA").quantity).isZero();
        assertThat(a.symbol("BBB").quantity).isZero();
        assertThat(gate.equity(a)).isCloseTo(400.0, within(1e-9));
    }

    @Test
    void limitsRejectBadValues() {
        assertThatThrownBy(() -> loose().priceCollar(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price collar");
        assertThatThrownBy(() -> loose().maxDrawdown(1.5).build())
                .hasMessageContaining("max drawdown");
        assertThatThrownBy(() -> loose().throttle(0, 1_000).build())
                .hasMessageContaining("throttle");
        assertThatThrownBy(() -> loose().marginGuard(1.0).build())
                .hasMessageContaining("margin guard");
        assertThatThrownBy(() -> loose().dailyLossLimit(-500).build())
                .hasMessageContaining("daily loss limit");
        assertThatThrownBy(() -> loose().dayZone(null).build()).hasMessageContaining("day zone");
        assertThat(RiskLimits.defaults().positionCap()).isEqualTo(3 * 150.0);
        assertThat(loose().dayZone(ZoneId.of("UTC")).build().dayZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(RiskLimits.defaults().toBuilder().build()).isEqualTo(RiskLimits.defaults());
    }

    private static OrderIntent copy(OrderIntent i) {
        OrderIntent c = new OrderIntent();
        c.clientOrderId = i.clientOrderId;
        c.account = i.account;
        c.symbol = i.symbol;
        c.side = i.side;
        c.closing = i.closing;
        c.notional = i.notional;
        c.price = i.price;
        c.eventTimeMs = i.eventTimeMs;
        c.confidence = i.confidence;
        c.emotion = i.emotion;
        return c;
    }
}
