package io.tauflow.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.schema.Emotion;
import io.tauflow.schema.Order;
import io.tauflow.schema.RejectReason;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.Side;
import io.tauflow.sizing.OrderIntent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random limit configurations, risk-estimate rules, price paths and decision streams (opens,
 * closes, duplicates, risk estimates with levels, joint statistics, kill switches, day changes)
 * through the gate, whose VaR budget checks the parametric VaR99. A model written independently of
 * {@link RiskGate} keeps its own book from the approved orders and checks that no approved order
 * breaks a limit that applies to it, and that every rejection names a limit that the model also
 * sees broken, with the same observed value.
 */
class RiskGatePropertyTest {

    private static final String ACCT = "acct";
    private static final String[] SYMBOLS = {"AAA", "BBB", "CCC"};
    private static final long T0 = Instant.parse("2024-03-01T20:00:00Z").toEpochMilli();

    /** Summation order differs between gate and model: allow rounding, nothing more. */
    private static final double EPS = 1e-9;

    /** One step of the stream. */
    record Step(int kind, int symbol, double a, double b, long dtMs) {
        static final int PRICE = 0;
        static final int VAR = 1;
        static final int OPEN = 2;
        static final int CLOSE = 3;
        static final int KILL = 4;
        static final int REPEAT = 5;

        /**
         * A portfolio estimate of the first symbol + 1 symbols, volatility a x (1, 1.5, 2),
         * pairwise correlation b and mean return b / 1000 each.
         */
        static final int PORTFOLIO = 6;
    }

    private static final RandomDistribution UNIFORM = RandomDistribution.uniform();

    @Provide
    Arbitrary<RiskLimits> limits() {
        List<Arbitrary<Double>> parts =
                List.of(
                        Arbitraries.doubles()
                                .between(1, 20)
                                .ofScale(4)
                                .withDistribution(UNIFORM), // 0 max qty
                        Arbitraries.doubles()
                                .between(100, 800)
                                .ofScale(4)
                                .withDistribution(UNIFORM), // 1 max notional
                        Arbitraries.doubles()
                                .between(0.01, 0.2)
                                .ofScale(4)
                                .withDistribution(UNIFORM), // 2 collar
                        Arbitraries.doubles()
                                .between(50, 1_500)
                                .ofScale(4)
                                .withDistribution(UNIFORM), // 3 position cap
                        Arbitraries.doubles()
                                .between(100, 2_500)
                                .ofScale(4)
                                .withDistribution(UNIFORM), // 4 gross
                        Arbitraries.doubles()
                                .between(100, 2_500)
                                .ofScale(4)
                                .withDistribution(UNIFORM), // 5 net
                        Arbitraries.doubles()
                                .between(0.5, 80)
                                .ofScale(4)
                                .withDistribution(UNIFORM), // 6 VaR budget
                        Arbitraries.doubles()
                                .between(1, 60)
                                .ofScale(4)
                                .withDistribution(UNIFORM), // 7 daily loss
                        Arbitraries.doubles()
                                .between(0.005, 0.2)
                                .ofScale(4)
                                .withDistribution(UNIFORM), // 8 drawdown
                        Arbitraries.integers().between(1, 5).map(i -> (double) i), // 9 throttle
                        Arbitraries.integers().between(100, 3_000).map(i -> (double) i), // 10 w
                        Arbitraries.integers().between(1, 8).map(i -> (double) i), // 11 memory
                        Arbitraries.doubles()
                                .between(100, 2_000)
                                .ofScale(4)
                                .withDistribution(UNIFORM), // 12 capital
                        Arbitraries.doubles()
                                .between(0.05, 0.9)
                                .ofScale(4)
                                .withDistribution(UNIFORM), // 13 margin rate
                        Arbitraries.doubles()
                                .between(0.0, 0.9)
                                .ofScale(4)
                                .withDistribution(UNIFORM), // 14 guard
                        Arbitraries.integers().between(0, 1).map(i -> (double) i), // 15 liquidate
                        Arbitraries.integers().between(0, 1).map(i -> (double) i), // 16 kill close
                        Arbitraries.integers().between(0, 2).map(i -> (double) i), // 17 zone
                        Arbitraries.integers().between(1, 7).map(i -> (double) i)); // 18 collar ref
        return Combinators.combine(parts)
                .as(
                        p ->
                                RiskLimits.builder()
                                        .maxOrderQuantity(p.get(0))
                                        .maxOrderNotional(p.get(1))
                                        .priceCollar(p.get(2))
                                        .collarReferenceBars(p.get(18).intValue())
                                        .positionCap(p.get(3))
                                        .maxGrossExposure(p.get(4))
                                        .maxNetExposure(p.get(5))
                                        .varBudget(p.get(6))
                                        .dailyLossLimit(p.get(7))
                                        .maxDrawdown(p.get(8))
                                        .throttle(p.get(9).intValue(), p.get(10).longValue())
                                        .duplicateMemory(p.get(11).intValue())
                                        .startingCapital(p.get(12))
                                        .marginRate(p.get(13))
                                        .marginGuard(p.get(14))
                                        .liquidateBelowGuard(p.get(15) > 0)
                                        .killSwitchAllowsClosing(p.get(16) > 0)
                                        .dayZone(
                                                p.get(17) == 0
                                                        ? ZoneOffset.UTC
                                                        : p.get(17) == 1
                                                                ? ZoneOffset.ofHours(5)
                                                                : ZoneId.of("America/New_York"))
                                        .build());
    }

    /**
     * The estimate rules: failing open or not, the maximum age (from a few minutes, which the
     * occasional long gaps of the streams exceed, to a day) and the reject level.
     */
    @Provide
    Arbitrary<RiskModel> models() {
        return Combinators.combine(
                        Arbitraries.of(true, false),
                        Arbitraries.longs().between(5 * 60_000L, RiskGate.DAY_MS),
                        Arbitraries.of(-1, 1, 2, 3))
                .as(
                        (open, age, level) -> {
                            RiskModel m =
                                    RiskModel.defaults()
                                            .withMeasure(VarMeasure.PARAMETRIC_VAR_99)
                                            .withMaxEstimateAgeMs(age)
                                            .withRejectLevel(
                                                    level < 0
                                                            ? null
                                                            : io.tauflow.risk.var.RiskLevel
                                                                    .values()[level]);
                            return open ? m.failingOpen() : m;
                        });
    }

    @Provide
    Arbitrary<List<Step>> streams() {
        Arbitrary<Integer> symbol = Arbitraries.integers().between(0, SYMBOLS.length - 1);
        Arbitrary<Long> dt =
                Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.longs().between(0, 1_500)),
                        Tuple.of(1, Arbitraries.longs().between(0, 2 * RiskGate.DAY_MS / 3)));
        Arbitrary<Double> offset =
                Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.just(0.0)),
                        Tuple.of(2, Arbitraries.doubles().between(-0.25, 0.25).ofScale(4)));
        Arbitrary<Step> price =
                Combinators.combine(
                                symbol, Arbitraries.doubles().between(-0.12, 0.1).ofScale(4), dt)
                        .as((s, m, t) -> new Step(Step.PRICE, s, m, 0, t));
        // b: the estimate's risk level, LOW most often
        Arbitrary<Step> var =
                Combinators.combine(
                                symbol,
                                Arbitraries.doubles().between(0, 0.05).ofScale(4),
                                Arbitraries.frequency(
                                        Tuple.of(6, 0.0),
                                        Tuple.of(2, 1.0),
                                        Tuple.of(1, 2.0),
                                        Tuple.of(1, 3.0)),
                                dt)
                        .as((s, v, level, t) -> new Step(Step.VAR, s, v, level, t));
        Arbitrary<Step> open =
                Combinators.combine(
                                symbol,
                                Arbitraries.doubles().between(1, 900).ofScale(4),
                                offset,
                                dt)
                        .as((s, n, o, t) -> new Step(Step.OPEN, s, n, o, t));
        Arbitrary<Step> close =
                Combinators.combine(symbol, offset, dt)
                        .as((s, o, t) -> new Step(Step.CLOSE, s, 0, o, t));
        // a = 1 switches on, 0 off (three times as likely, so that switches do not pile up)
        Arbitrary<Step> kill =
                Combinators.combine(
                                Arbitraries.integers().between(0, SYMBOLS.length),
                                Arbitraries.frequency(Tuple.of(1, 1.0), Tuple.of(3, 0.0)),
                                dt)
                        .as((s, on, t) -> new Step(Step.KILL, s, on, 0, t));
        Arbitrary<Step> repeat =
                Combinators.combine(Arbitraries.doubles().between(0, 1).ofScale(4), dt)
                        .as((f, t) -> new Step(Step.REPEAT, 0, f, 0, t));
        Arbitrary<Step> portfolio =
                Combinators.combine(
                                Arbitraries.integers().between(0, SYMBOLS.length - 1),
                                Arbitraries.doubles().between(0.001, 0.05).ofScale(4),
                                Arbitraries.doubles().between(-0.5, 1.0).ofScale(4),
                                dt)
                        .as((k, vol, rho, t) -> new Step(Step.PORTFOLIO, k, vol, rho, t));
        Arbitrary<Step> step =
                Arbitraries.frequencyOf(
                        Tuple.of(6, price),
                        Tuple.of(2, var),
                        Tuple.of(1, portfolio),
                        Tuple.of(10, open),
                        Tuple.of(3, close),
                        Tuple.of(2, kill),
                        Tuple.of(1, repeat));
        return step.list().ofMinSize(20).ofMaxSize(150);
    }

    // A fixed seed keeps the run, and so the coverage check below, the same on every build.
    @Property(tries = 400, edgeCases = EdgeCasesMode.FIRST, seed = "20240301")
    void noApprovedOrderBreaksALimitAndEveryRejectionNamesOne(
            @ForAll("limits") RiskLimits limits,
            @ForAll("models") RiskModel model,
            @ForAll("streams") List<Step> steps) {
        RiskGate gate = new RiskGate(limits, model);
        AccountRisk account = new AccountRisk();
        Model m = new Model(limits, model);
        Map<String, Double> path = new HashMap<>();
        for (String s : SYMBOLS) {
            path.put(s, 100.0);
        }
        List<OrderIntent> sent = new ArrayList<>();
        long t = T0;
        // AAA and BBB trade from the start; CCC only once the stream moves its price
        for (String s : List.of("AAA", "BBB")) {
            m.rollDay(t);
            m.tick(s, 100.0);
            gate.onPrice(account, ACCT, PriceTick.of(s, t, 100.0));
        }
        for (Step step : steps) {
            t += step.dtMs();
            // the model's clock, like the gate's, moves only with the events the gate sees
            String symbol = step.symbol() < SYMBOLS.length ? SYMBOLS[step.symbol()] : null;
            switch (step.kind()) {
                case Step.PRICE -> {
                    double p = path.get(symbol) * (1 + step.a());
                    path.put(symbol, p);
                    m.rollDay(t);
                    m.tick(symbol, p);
                    m.updatePeak();
                    for (OrderIntent close :
                            gate.onPrice(account, ACCT, PriceTick.of(symbol, t, p))) {
                        decide(gate, account, m, close);
                    }
                }
                case Step.VAR -> {
                    VarEstimate v = new VarEstimate();
                    v.symbol = symbol;
                    v.windowEndMs = t;
                    v.parametricVar99 = step.a();
                    v.riskLevel = io.tauflow.risk.var.RiskLevel.values()[(int) step.b()].name();
                    gate.onVar(account, v);
                    m.rollDay(t);
                    m.var.put(symbol, step.a());
                    m.estimateMs.put(symbol, t);
                    m.level.put(symbol, (int) step.b());
                }
                case Step.PORTFOLIO -> {
                    int d = step.symbol() + 1;
                    PortfolioRisk p = new PortfolioRisk();
                    p.account = ACCT;
                    p.windowEndMs = t;
                    p.symbols = java.util.Arrays.copyOf(SYMBOLS, d);
                    p.observations = 60;
                    p.means = new double[d];
                    p.covariance = new double[d * d];
                    for (int i = 0; i < d; i++) {
                        p.means[i] = step.b() / 1_000;
                        for (int j = 0; j < d; j++) {
                            double vi = step.a() * (1 + 0.5 * i);
                            double vj = step.a() * (1 + 0.5 * j);
                            p.covariance[i * d + j] = vi * vj * (i == j ? 1.0 : step.b());
                        }
                    }
                    // the joint statistics the gate computes at a window end, set directly
                    account.portfolio = p;
                    m.portfolioSymbols = List.of(p.symbols);
                    m.portfolioVol = step.a();
                    m.portfolioRho = step.b();
                }
                case Step.OPEN, Step.CLOSE -> {
                    boolean closing = step.kind() == Step.CLOSE;
                    OrderIntent i = new OrderIntent();
                    i.account = ACCT;
                    i.symbol = symbol;
                    i.side = closing ? Side.SELL : Side.BUY;
                    i.closing = closing;
                    i.notional = step.a();
                    i.price = path.get(symbol) * (1 + step.b());
                    i.eventTimeMs = t;
                    i.confidence = 0.8;
                    i.emotion = Emotion.NEUTRAL;
                    i.clientOrderId = OrderIntent.clientOrderId(ACCT, symbol, t, i.side);
                    sent.add(i);
                    decide(gate, account, m, i);
                }
                case Step.KILL -> {
                    String key = symbol == null ? "ACCOUNT" : symbol;
                    if (step.a() > 0) {
                        m.kills.add(key);
                    } else {
                        m.kills.remove(key);
                    }
                }
                case Step.REPEAT -> {
                    if (!sent.isEmpty()) {
                        OrderIntent again =
                                sent.get((int) Math.min(sent.size() - 1, step.a() * sent.size()));
                        decide(gate, account, m, again);
                    }
                }
                default -> throw new IllegalStateException("kind " + step.kind());
            }
        }
        Statistics.label("verdict")
                .coverage(
                        c -> {
                            c.check("APPROVED_OPEN").count(n -> n > 0);
                            c.check("APPROVED_CLOSE").count(n -> n > 0);
                            for (RejectReason r : RejectReason.values()) {
                                c.check(r.name()).count(n -> n > 0);
                            }
                        });
        Statistics.label("var budget rejection")
                .coverage(
                        c -> {
                            c.check("PORTFOLIO").count(n -> n > 0);
                            c.check("SUM").count(n -> n > 0);
                        });
    }

    private static void decide(RiskGate gate, AccountRisk account, Model m, OrderIntent i) {
        m.rollDay(i.eventTimeMs);
        RiskGate.Verdict v =
                gate.onIntent(account, i, m.kills.contains("ACCOUNT"), m.kills.contains(i.symbol));
        Statistics.label("verdict")
                .collect(
                        v.approved()
                                ? (i.closing ? "APPROVED_CLOSE" : "APPROVED_OPEN")
                                : v.rejection.getReason().name());
        if (v.approved()) {
            m.assertAllowed(i, v.order);
            m.fill(v.order);
        } else {
            m.assertBroken(i, v.rejection);
        }
        if (v.approved() || v.rejection.getReason() != RejectReason.DUPLICATE_CLIENT_ORDER_ID) {
            m.ids.add(i.clientOrderId);
            if (m.ids.size() > m.limits.duplicateMemory()) {
                m.ids.remove(0);
            }
        }
        m.updatePeak();
    }

    /** The account as the test sees it, from approved orders and ticks only. */
    static final class Model {
        final RiskLimits limits;
        final RiskModel model;

        /** Window end and risk level (ordinal) of each symbol's latest estimate. */
        final Map<String, Long> estimateMs = new HashMap<>();

        final Map<String, Integer> level = new HashMap<>();
        final Map<String, Double> last = new HashMap<>();
        final Map<String, List<Double>> closes = new HashMap<>();
        final Map<String, Double> var = new HashMap<>();

        /** A trade price: the symbol's last price and one more of its closes. */
        void tick(String symbol, double p) {
            last.put(symbol, p);
            closes.computeIfAbsent(symbol, k -> new ArrayList<>()).add(p);
        }

        /** The collar's reference: the median of the symbol's latest closes, as documented. */
        double reference(String symbol) {
            List<Double> all = closes.get(symbol);
            List<Double> latest =
                    new ArrayList<>(
                            all.subList(
                                    Math.max(0, all.size() - limits.collarReferenceBars()),
                                    all.size()));
            latest.sort(null);
            int n = latest.size();
            return n % 2 == 1 ? latest.get(n / 2) : (latest.get(n / 2 - 1) + latest.get(n / 2)) / 2;
        }

        /** The latest portfolio estimate: symbols, volatility scale, correlation; null if none. */
        List<String> portfolioSymbols;

        double portfolioVol;
        double portfolioRho;
        final Map<String, double[]> book = new TreeMap<>(); // qty, average price
        final Map<String, Double> dayPnl = new HashMap<>();
        final List<Long> approvedTimes = new ArrayList<>();
        final List<String> ids = new ArrayList<>();
        final Set<String> kills = new HashSet<>();
        double realized;
        double peak;
        long clock = Long.MIN_VALUE;
        long day = Long.MIN_VALUE;

        Model(RiskLimits limits, RiskModel model) {
            this.limits = limits;
            this.model = model;
            this.peak = limits.startingCapital();
        }

        void rollDay(long eventTime) {
            clock = Math.max(clock, eventTime);
            long t = clock;
            long d = Instant.ofEpochMilli(t).atZone(limits.dayZone()).toLocalDate().toEpochDay();
            if (d > day) {
                day = d;
                dayPnl.clear();
            }
        }

        double qty(String s) {
            double[] b = book.get(s);
            return b == null ? 0.0 : b[0];
        }

        double equity() {
            double e = limits.startingCapital() + realized;
            for (Map.Entry<String, double[]> b : book.entrySet()) {
                Double l = last.get(b.getKey());
                if (l != null && b.getValue()[0] != 0) {
                    e += b.getValue()[0] * (l - b.getValue()[1]);
                }
            }
            return e;
        }

        void updatePeak() {
            peak = Math.max(peak, equity());
        }

        /** Value of every symbol after buying qty of symbol at price, as documented. */
        double[] exposuresAfter(String symbol, double qty, double price) {
            double gross = 0;
            double net = 0;
            double varSum = 0;
            Map<String, Double> values = new HashMap<>();
            double positionAfter = (qty(symbol) + qty) * price;
            Set<String> all = new HashSet<>(book.keySet());
            all.add(symbol);
            for (String s : all) {
                double value;
                if (s.equals(symbol)) {
                    value = positionAfter;
                } else {
                    double q = qty(s);
                    Double l = last.get(s);
                    value = q == 0 ? 0 : q * (l != null ? l : book.get(s)[1]);
                }
                gross += Math.abs(value);
                net += value;
                varSum += Math.abs(value) * var.getOrDefault(s, 0.0);
                values.put(s, value);
            }
            double checked = portfolioCovers(values) ? portfolioVar(values) : varSum;
            return new double[] {Math.abs(positionAfter), gross, Math.abs(net), checked};
        }

        /** Whether the latest estimate has every symbol held (non-zero value) after the order. */
        boolean portfolioCovers(Map<String, Double> values) {
            if (portfolioSymbols == null) {
                return false;
            }
            for (Map.Entry<String, Double> e : values.entrySet()) {
                if (e.getValue() != 0 && !portfolioSymbols.contains(e.getKey())) {
                    return false;
                }
            }
            return true;
        }

        /** max(0, z99 sd - mean) of the one-bar P&amp;L of the values, as documented. */
        double portfolioVar(Map<String, Double> values) {
            double variance = 0;
            double mean = 0;
            for (int i = 0; i < portfolioSymbols.size(); i++) {
                double xi = values.getOrDefault(portfolioSymbols.get(i), 0.0);
                double si = portfolioVol * (1 + 0.5 * i);
                mean += xi * portfolioRho / 1_000;
                for (int j = 0; j < portfolioSymbols.size(); j++) {
                    double xj = values.getOrDefault(portfolioSymbols.get(j), 0.0);
                    double sj = portfolioVol * (1 + 0.5 * j);
                    variance += xi * xj * si * sj * (i == j ? 1.0 : portfolioRho);
                }
            }
            return Math.max(0, 2.3263478740408408 * Math.sqrt(Math.max(0, variance)) - mean);
        }

        /** Whether the estimate covers the book once the symbol is held too. */
        boolean coversAfter(String symbol) {
            Map<String, Double> held = new HashMap<>();
            for (Map.Entry<String, double[]> b : book.entrySet()) {
                held.put(b.getKey(), b.getValue()[0]);
            }
            held.put(symbol, 1.0);
            return portfolioCovers(held);
        }

        int inWindow(long t) {
            int n = 0;
            for (long s : approvedTimes) {
                if (s > t - limits.throttleWindowMs() && s <= t) {
                    n++;
                }
            }
            return n;
        }

        double collar(OrderIntent i) {
            double d = Math.abs(i.price / reference(i.symbol) - 1);
            return i.closing ? Math.min(d, Math.abs(i.price / last.get(i.symbol) - 1)) : d;
        }

        double drawdown() {
            double e = equity();
            double p = Math.max(peak, e);
            return (p - e) / p;
        }

        double freeMargin(double gross) {
            double e = equity();
            return e > 0 ? (e - limits.marginRate() * gross) / e : Double.NEGATIVE_INFINITY;
        }

        void assertAllowed(OrderIntent i, Order o) {
            String what = "approved " + i;
            assertThat(ids).as(what + ": duplicate id").doesNotContain(i.clientOrderId);
            if (!i.closing || !limits.killSwitchAllowsClosing()) {
                assertThat(kills).as(what + ": killed").doesNotContain("ACCOUNT", i.symbol);
            }
            assertThat(last).as(what + ": reference price").containsKey(i.symbol);
            assertThat(collar(i)).as(what + ": collar").isLessThanOrEqualTo(limits.priceCollar());
            assertThat(inWindow(clock) + 1)
                    .as(what + ": throttle")
                    .isLessThanOrEqualTo(limits.throttleOrders());
            if (i.closing) {
                assertThat(qty(i.symbol)).as(what + ": something to close").isPositive();
                assertThat(o.getQuantity()).as(what + ": closes all").isEqualTo(qty(i.symbol));
                return;
            }
            double q = o.getQuantity();
            assertThat(q).as(what + ": quantity").isLessThanOrEqualTo(limits.maxOrderQuantity());
            assertThat(o.getNotional())
                    .as(what + ": notional")
                    .isLessThanOrEqualTo(limits.maxOrderNotional());
            assertThat(dayPnl.getOrDefault(i.symbol, 0.0))
                    .as(what + ": daily loss")
                    .isGreaterThan(-limits.dailyLossLimit());
            assertThat(drawdown()).as(what + ": drawdown").isLessThan(limits.maxDrawdown() + EPS);
            double[] x = exposuresAfter(i.symbol, q, i.price);
            assertThat(x[0])
                    .as(what + ": position")
                    .isLessThanOrEqualTo(slack(limits.positionCap()));
            assertThat(x[1])
                    .as(what + ": gross")
                    .isLessThanOrEqualTo(slack(limits.maxGrossExposure()));
            assertThat(x[2]).as(what + ": net").isLessThanOrEqualTo(slack(limits.maxNetExposure()));
            if (!model.failOpen()) {
                assertThat(estimateMs).as(what + ": an estimate").containsKey(i.symbol);
                assertThat(i.eventTimeMs - estimateMs.get(i.symbol))
                        .as(what + ": a fresh estimate")
                        .isLessThanOrEqualTo(model.maxEstimateAgeMs());
            }
            if (model.rejectLevel() != null) {
                assertThat(level.getOrDefault(i.symbol, -1))
                        .as(what + ": risk level")
                        .isLessThan(model.rejectLevel().ordinal());
            }
            assertThat(x[3]).as(what + ": VaR").isLessThanOrEqualTo(slack(limits.varBudget()));
            assertThat(freeMargin(x[1]))
                    .as(what + ": margin")
                    .isGreaterThanOrEqualTo(limits.marginGuard() - EPS);
        }

        void assertBroken(OrderIntent i, Rejection r) {
            String what = "rejected " + i + " for " + r.getReason();
            double observed = r.getObserved();
            double limit = r.getLimit();
            switch (r.getReason()) {
                case DUPLICATE_CLIENT_ORDER_ID ->
                        assertThat(ids).as(what).contains(i.clientOrderId);
                case NO_POSITION -> {
                    assertThat(i.closing).as(what).isTrue();
                    assertThat(qty(i.symbol)).as(what).isLessThanOrEqualTo(0.0);
                }
                case KILL_SWITCH_ACCOUNT -> {
                    assertThat(kills).as(what).contains("ACCOUNT");
                    assertThat(!i.closing || !limits.killSwitchAllowsClosing()).as(what).isTrue();
                }
                case KILL_SWITCH_SYMBOL -> {
                    assertThat(kills).as(what).contains(i.symbol);
                    assertThat(!i.closing || !limits.killSwitchAllowsClosing()).as(what).isTrue();
                }
                case NO_REFERENCE_PRICE -> assertThat(last).as(what).doesNotContainKey(i.symbol);
                case PRICE_COLLAR -> {
                    assertThat(limit).isEqualTo(limits.priceCollar());
                    assertThat(observed)
                            .as(what)
                            .isGreaterThan(limit)
                            .isCloseTo(collar(i), tol(observed));
                }
                case THROTTLE -> {
                    assertThat(limit).isEqualTo(limits.throttleOrders());
                    assertThat(observed)
                            .as(what)
                            .isGreaterThan(limit)
                            .isEqualTo(inWindow(clock) + 1);
                }
                case MAX_ORDER_QUANTITY -> {
                    assertThat(limit).isEqualTo(limits.maxOrderQuantity());
                    assertThat(observed)
                            .as(what)
                            .isGreaterThan(limit)
                            .isCloseTo(i.notional / i.price, tol(observed));
                }
                case MAX_ORDER_NOTIONAL -> {
                    assertThat(limit).isEqualTo(limits.maxOrderNotional());
                    assertThat(observed).as(what).isGreaterThan(limit).isEqualTo(i.notional);
                }
                case DAILY_LOSS_LIMIT -> {
                    assertThat(limit).isEqualTo(-limits.dailyLossLimit());
                    assertThat(observed)
                            .as(what)
                            .isLessThanOrEqualTo(limit)
                            .isCloseTo(dayPnl.getOrDefault(i.symbol, 0.0), tol(observed));
                }
                case MAX_DRAWDOWN -> {
                    assertThat(limit).isEqualTo(limits.maxDrawdown());
                    assertThat(observed)
                            .as(what)
                            .isGreaterThanOrEqualTo(limit)
                            .isCloseTo(drawdown(), tol(observed));
                }
                case POSITION_CAP, GROSS_EXPOSURE, NET_EXPOSURE, VAR_BUDGET -> {
                    double[] x = exposuresAfter(i.symbol, r.getQuantity(), i.price);
                    if (r.getReason() == RejectReason.VAR_BUDGET) {
                        Statistics.label("var budget rejection")
                                .collect(
                                        portfolioSymbols == null || !coversAfter(i.symbol)
                                                ? "SUM"
                                                : "PORTFOLIO");
                    }
                    int k =
                            switch (r.getReason()) {
                                case POSITION_CAP -> 0;
                                case GROSS_EXPOSURE -> 1;
                                case NET_EXPOSURE -> 2;
                                default -> 3;
                            };
                    double configured =
                            new double[] {
                                        limits.positionCap(),
                                        limits.maxGrossExposure(),
                                        limits.maxNetExposure(),
                                        limits.varBudget()
                                    }
                                    [k];
                    assertThat(limit).isEqualTo(configured);
                    assertThat(observed)
                            .as(what)
                            .isGreaterThan(limit)
                            .isCloseTo(x[k], tol(observed));
                }
                case NO_RISK_ESTIMATE -> {
                    assertThat(model.failOpen()).as(what).isFalse();
                    assertThat(estimateMs).as(what).doesNotContainKey(i.symbol);
                }
                case STALE_RISK_ESTIMATE -> {
                    assertThat(model.failOpen()).as(what).isFalse();
                    assertThat(limit).isEqualTo((double) model.maxEstimateAgeMs());
                    long age = i.eventTimeMs - estimateMs.get(i.symbol);
                    assertThat(observed).as(what).isGreaterThan(limit).isEqualTo((double) age);
                }
                case RISK_LEVEL -> {
                    assertThat(limit).isEqualTo((double) model.rejectLevel().ordinal());
                    assertThat(observed)
                            .as(what)
                            .isGreaterThanOrEqualTo(limit)
                            .isEqualTo((double) level.get(i.symbol));
                }
                case MARGIN -> {
                    assertThat(limit).isEqualTo(limits.marginGuard());
                    double[] x = exposuresAfter(i.symbol, r.getQuantity(), i.price);
                    double expected = freeMargin(x[1]);
                    assertThat(observed).as(what).isLessThan(limit);
                    if (Double.isFinite(expected)) {
                        assertThat(observed).as(what).isCloseTo(expected, tol(expected));
                    } else {
                        assertThat(observed).as(what).isEqualTo(expected);
                    }
                }
                default -> throw new AssertionError("unexpected reason " + r.getReason());
            }
        }

        void fill(Order o) {
            approvedTimes.add(clock);
            double[] b = book.computeIfAbsent(o.getSymbol(), k -> new double[2]);
            if (o.getSide() == Side.BUY) {
                double q = b[0] + o.getQuantity();
                b[1] = (b[0] * b[1] + o.getQuantity() * o.getLimitPrice()) / q;
                b[0] = q;
            } else {
                double pnl = o.getQuantity() * (o.getLimitPrice() - b[1]);
                b[0] -= o.getQuantity();
                if (b[0] <= 1e-12) {
                    b[0] = 0;
                    b[1] = 0;
                }
                realized += pnl;
                dayPnl.merge(o.getSymbol(), pnl, Double::sum);
            }
        }

        private static double slack(double limit) {
            return limit * (1 + EPS) + EPS;
        }

        private static org.assertj.core.data.Offset<Double> tol(double v) {
            return org.assertj.core.data.Offset.offset(Math.abs(v) * EPS + EPS);
        }
    }
}
