package io.tauflow.risk;

import static io.tauflow.testing.TestRecords.control;
import static io.tauflow.testing.TestRecords.sideValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.schema.ControlCommand;
import io.tauflow.schema.ControlScope;
import io.tauflow.schema.ControlType;
import io.tauflow.schema.Emotion;
import io.tauflow.schema.Order;
import io.tauflow.schema.RejectReason;
import io.tauflow.schema.Rejection;
import io.tauflow.schema.RiskEstimate;
import io.tauflow.schema.Side;
import io.tauflow.sizing.OrderIntent;
import io.tauflow.testing.Harnesses;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RiskGateFunctionTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final Instant T3 = T0.plusSeconds(180);
    private static final Instant T4 = T0.plusSeconds(240);
    private static final Instant LAST_MS_OF_DAY = Instant.parse("2024-03-01T23:59:59.999Z");
    private static final Instant NEXT_DAY = Instant.parse("2024-03-02T00:00:00Z");

    private static final String ACCT = "acct-1";
    private static final String OTHER_ACCT = "acct-2";
    private static final double MAX_NOTIONAL = 1_000.0;
    private static final double DAILY_LOSS = 500.0;
    private static final double VAR_BUDGET = 10.0;
    private static final RiskLimits LIMITS =
            RiskLimits.builder()
                    .maxOrderNotional(MAX_NOTIONAL)
                    .dailyLossLimit(DAILY_LOSS)
                    .varBudget(VAR_BUDGET)
                    .positionCap(MAX_NOTIONAL)
                    .priceCollar(0.5)
                    // the tests move prices by up to 25 % a bar: the last close is the reference
                    .collarReferenceBars(1)
                    .killSwitchAllowsClosing(true)
                    .build();

    private KeyedBroadcastOperatorTestHarness<String, RiskEvent, ControlCommand, Order> harness;

    /** Fails open and never rejects on the level: the estimate rules have their own tests. */
    private static final RiskModel OPEN = RiskModel.defaults().failingOpen().withRejectLevel(null);

    private void start(RiskLimits limits) throws Exception {
        start(limits, OPEN);
    }

    /** The gate in its operator, as the job runs it (accounts written back at checkpoints). */
    private void start(RiskLimits limits, RiskModel model) throws Exception {
        harness = harness(limits, model);
        harness.open();
    }

    private static KeyedBroadcastOperatorTestHarness<String, RiskEvent, ControlCommand, Order>
            harness(RiskLimits limits, RiskModel model) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new RiskGateOperator(new RiskGateFunction(limits, model)),
                e -> e.account,
                Types.STRING,
                1,
                1,
                0);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    // --- record builders ---

    private static OrderIntent open(
            String account, String symbol, Instant t, double notional, double price) {
        OrderIntent i = new OrderIntent();
        i.account = account;
        i.symbol = symbol;
        i.side = Side.BUY;
        i.closing = false;
        i.notional = notional;
        i.price = price;
        i.eventTimeMs = t.toEpochMilli();
        i.confidence = 0.9;
        i.emotion = Emotion.NEUTRAL;
        i.clientOrderId = OrderIntent.clientOrderId(account, symbol, i.eventTimeMs, Side.BUY);
        return i;
    }

    private static OrderIntent close(String account, String symbol, Instant t, double price) {
        OrderIntent i = open(account, symbol, t, 0.0, price);
        i.side = Side.SELL;
        i.closing = true;
        i.clientOrderId = OrderIntent.clientOrderId(account, symbol, i.eventTimeMs, Side.SELL);
        return i;
    }

    private static VarEstimate var(String symbol, Instant windowEnd, double var99) {
        VarEstimate v = new VarEstimate();
        v.symbol = symbol;
        v.windowEndMs = windowEnd.toEpochMilli();
        v.returns = 60;
        v.var95 = var99 / 2;
        v.var99 = var99;
        v.cvar95 = var99;
        v.cvar99 = var99;
        return v;
    }

    /** Zero-mean returns of AAA and BBB, 1 % volatility each, with correlation rho. */
    private static PortfolioRisk portfolio(String account, Instant windowEnd, double rho) {
        PortfolioRisk p = new PortfolioRisk();
        p.account = account;
        p.windowEndMs = windowEnd.toEpochMilli();
        p.symbols = new String[] {"AAA", "BBB"};
        p.observations = 60;
        p.means = new double[] {0.0, 0.0};
        p.covariance = new double[] {1e-4, rho * 1e-4, rho * 1e-4, 1e-4};
        return p;
    }

    // --- driving the gate ---

    // The operator sorts its risk input: an event reaches the gate once the watermark passes it.
    // Events are sent in time order; the watermark moves to the latest time sent before a kill
    // switch and before anything is read back, so several events may share a time.

    private long sentUpTo = Long.MIN_VALUE;
    private long watermark = Long.MIN_VALUE;

    private void process(RiskEvent e) throws Exception {
        harness.processElement(e, e.eventTimeMs());
        sentUpTo = Math.max(sentUpTo, e.eventTimeMs());
    }

    /** The intent, after a tick at its own price (as the job sends each bar's close first). */
    private void send(OrderIntent i) throws Exception {
        price(i.account, i.symbol, Instant.ofEpochMilli(i.eventTimeMs), i.price);
        process(RiskEvent.of(i));
    }

    private void sendWithoutTick(OrderIntent i) throws Exception {
        process(RiskEvent.of(i));
    }

    private void price(String account, String symbol, Instant t, double price) throws Exception {
        process(RiskEvent.of(account, PriceTick.of(symbol, t.toEpochMilli(), price)));
    }

    private void send(String account, VarEstimate v) throws Exception {
        process(RiskEvent.of(account, v));
    }

    /** A bar close with its return. */
    private void bar(String account, String symbol, Instant t, double price, double r)
            throws Exception {
        process(
                RiskEvent.of(
                        account, PriceTick.of(symbol, t.toEpochMilli(), price, r, 60_000L, null)));
    }

    private void killSwitch(ControlType type, ControlScope scope, String target, Instant t)
            throws Exception {
        release();
        harness.processBroadcastElement(
                control("cmd-" + t.toEpochMilli(), t, type, scope, target), t.toEpochMilli());
    }

    private void advanceTo(long t) throws Exception {
        harness.processWatermark(t);
        harness.processBroadcastWatermark(t);
        watermark = Math.max(watermark, t);
    }

    /** Lets the gate see every event sent so far. */
    private void release() throws Exception {
        if (sentUpTo > watermark) {
            advanceTo(sentUpTo);
        }
    }

    private List<Order> orders() throws Exception {
        release();
        return harness.extractOutputValues();
    }

    private List<Rejection> rejections() throws Exception {
        release();
        return sideValues(harness, RiskGateFunction.REJECTIONS);
    }

    /** The account as the next checkpoint holds it (the operator writes it back first). */
    private AccountRisk account(String id) throws Exception {
        release();
        harness.snapshot(0L, 0L);
        return Harnesses.valueState(harness, id, RiskGateFunction.accountDescriptor());
    }

    /** Keyed state entries once the operator has written the accounts back (a checkpoint). */
    private int stateEntries() throws Exception {
        release();
        harness.snapshot(0L, 0L);
        return Harnesses.numKeyedStateEntries(harness);
    }

    private List<RiskEstimate> estimates() throws Exception {
        release();
        return sideValues(harness, RiskGateFunction.ESTIMATES);
    }

    private PositionState position(String account, String symbol) throws Exception {
        return account(account).symbols.get(symbol);
    }

    // --- tests ---

    @Test
    void approvesAnOpeningOrderThenItsClose() throws Exception {
        start(LIMITS);

        send(open(ACCT, "AAA", T0, 200.0, 100.0));

        assertThat(orders()).hasSize(1);
        Order opened = orders().get(0);
        assertThat(opened.getSide()).isEqualTo(Side.BUY);
        assertThat(opened.getQuantity()).isCloseTo(2.0, within(1e-12));
        assertThat(opened.getClosing()).isFalse();
        assertThat(opened.getClientOrderId()).isEqualTo(ACCT + ":AAA:" + T0.toEpochMilli() + ":B");
        // one value per account holds everything
        assertThat(stateEntries()).isEqualTo(1);
        assertThat(position(ACCT, "AAA").quantity).isCloseTo(2.0, within(1e-12));

        send(close(ACCT, "AAA", T1, 110.0));

        assertThat(orders()).hasSize(2);
        Order closed = orders().get(1);
        assertThat(closed.getSide()).isEqualTo(Side.SELL);
        assertThat(closed.getClosing()).isTrue();
        assertThat(closed.getQuantity()).isCloseTo(2.0, within(1e-12));
        assertThat(closed.getLimitPrice()).isEqualTo(110.0);
        assertThat(rejections()).isEmpty();
        AccountRisk a = account(ACCT);
        assertThat(a.symbols.get("AAA").quantity).isZero();
        assertThat(a.symbols.get("AAA").lastPrice).isEqualTo(110.0);
        assertThat(a.approved).isEqualTo(2);
        assertThat(a.rejected).isZero();
        assertThat(a.symbols.get("AAA").dayRealizedPnl).isCloseTo(20.0, within(1e-9));
        assertThat(a.peakEquity).isCloseTo(LIMITS.startingCapital() + 20.0, within(1e-9));
        assertThat(a.recentIds).contains(opened.getClientOrderId(), closed.getClientOrderId());
        assertThat(stateEntries()).isEqualTo(1);
    }

    @Test
    void anOrderBeforeAnyPriceHasNoReference() throws Exception {
        start(LIMITS);

        sendWithoutTick(open(ACCT, "AAA", T0, 200.0, 100.0));

        assertThat(orders()).isEmpty();
        assertThat(rejections())
                .extracting(Rejection::getReason)
                .containsExactly(RejectReason.NO_REFERENCE_PRICE);
    }

    @Test
    void anAccountKillSwitchBlocksTheNextOpenButNotClosing() throws Exception {
        start(LIMITS);
        send(open(ACCT, "AAA", T0, 200.0, 100.0));

        killSwitch(ControlType.KILL_SWITCH_ON, ControlScope.ACCOUNT, ACCT, T1);

        assertThat(
                        harness.getBroadcastState(RiskGateFunction.KILL_SWITCHES)
                                .contains("ACCOUNT:" + ACCT))
                .isTrue();

        send(open(ACCT, "BBB", T1, 100.0, 50.0));
        send(open(OTHER_ACCT, "BBB", T1, 100.0, 50.0));
        send(close(ACCT, "AAA", T2, 101.0));

        assertThat(rejections()).hasSize(1);
        Rejection r = rejections().get(0);
        assertThat(r.getReason()).isEqualTo(RejectReason.KILL_SWITCH_ACCOUNT);
        assertThat(r.getAccount()).isEqualTo(ACCT);
        assertThat(r.getSymbol()).isEqualTo("BBB");
        assertThat(r.getLimit()).isZero();
        assertThat(r.getObserved()).isEqualTo(1.0);
        assertThat(r.getClientOrderId()).isEqualTo(ACCT + ":BBB:" + T1.toEpochMilli() + ":B");
        // the other account opened; the killed account could still close
        assertThat(orders())
                .extracting(Order::getAccount, Order::getSymbol, Order::getClosing)
                .containsExactly(
                        tuple(ACCT, "AAA", false),
                        tuple(OTHER_ACCT, "BBB", false),
                        tuple(ACCT, "AAA", true));

        killSwitch(ControlType.KILL_SWITCH_OFF, ControlScope.ACCOUNT, ACCT, T3);
        send(open(ACCT, "BBB", T3, 100.0, 50.0));

        assertThat(
                        harness.getBroadcastState(RiskGateFunction.KILL_SWITCHES)
                                .contains("ACCOUNT:" + ACCT))
                .isFalse();
        assertThat(orders()).hasSize(4);
        assertThat(orders().get(3).getSymbol()).isEqualTo("BBB");
        assertThat(account(ACCT).rejected).isEqualTo(1);
        assertThat(account(ACCT).approved).isEqualTo(3);
        // two accounts, one value each
        assertThat(stateEntries()).isEqualTo(2);
    }

    @Test
    void aSymbolKillSwitchBlocksThatSymbolInEveryAccount() throws Exception {
        start(LIMITS);

        killSwitch(ControlType.KILL_SWITCH_ON, ControlScope.SYMBOL, "AAA", T0);
        send(open(ACCT, "AAA", T0, 100.0, 10.0));
        send(open(OTHER_ACCT, "AAA", T0, 100.0, 10.0));
        send(open(ACCT, "BBB", T0, 100.0, 10.0));

        assertThat(rejections())
                .extracting(Rejection::getAccount, Rejection::getReason)
                .containsExactly(
                        tuple(ACCT, RejectReason.KILL_SWITCH_SYMBOL),
                        tuple(OTHER_ACCT, RejectReason.KILL_SWITCH_SYMBOL));
        assertThat(orders()).extracting(Order::getSymbol).containsExactly("BBB");

        killSwitch(ControlType.KILL_SWITCH_OFF, ControlScope.SYMBOL, "AAA", T1);
        send(open(ACCT, "AAA", T1, 100.0, 10.0));

        assertThat(orders()).extracting(Order::getSymbol).containsExactly("BBB", "AAA");
        assertThat(stateEntries()).isEqualTo(2);
    }

    @Test
    void withoutTheClosingExemptionAKillSwitchAlsoBlocksClosing() throws Exception {
        start(LIMITS.toBuilder().killSwitchAllowsClosing(false).build());
        send(open(ACCT, "AAA", T0, 200.0, 100.0));

        killSwitch(ControlType.KILL_SWITCH_ON, ControlScope.SYMBOL, "AAA", T1);
        send(close(ACCT, "AAA", T1, 100.0));

        assertThat(rejections())
                .extracting(Rejection::getReason)
                .containsExactly(RejectReason.KILL_SWITCH_SYMBOL);
        assertThat(rejections().get(0).getQuantity()).isCloseTo(2.0, within(1e-12));
        assertThat(position(ACCT, "AAA").quantity).isCloseTo(2.0, within(1e-12));

        killSwitch(ControlType.KILL_SWITCH_OFF, ControlScope.SYMBOL, "AAA", T2);
        send(close(ACCT, "AAA", T2, 100.0));

        assertThat(orders()).extracting(Order::getClosing).containsExactly(false, true);
        assertThat(position(ACCT, "AAA").quantity).isZero();
    }

    @Test
    void theDailyLossLimitPausesTheAgentUntilTheNextUtcDay() throws Exception {
        start(LIMITS);
        // two round trips of 10 units from 100 down to 75: -250 each, -500 in all
        send(open(ACCT, "AAA", T0, 1_000.0, 100.0));
        send(close(ACCT, "AAA", T1, 75.0));
        send(open(ACCT, "AAA", T2, 1_000.0, 100.0));
        send(close(ACCT, "AAA", T3, 75.0));

        assertThat(position(ACCT, "AAA").dayRealizedPnl).isEqualTo(-DAILY_LOSS);
        assertThat(orders()).hasSize(4);

        send(open(ACCT, "AAA", T4, 100.0, 10.0));
        send(open(ACCT, "BBB", T4, 100.0, 10.0));
        send(open(ACCT, "AAA", LAST_MS_OF_DAY, 100.0, 10.0));

        assertThat(rejections())
                .extracting(Rejection::getSymbol, Rejection::getReason)
                .containsExactly(
                        tuple("AAA", RejectReason.DAILY_LOSS_LIMIT),
                        tuple("AAA", RejectReason.DAILY_LOSS_LIMIT));
        Rejection r = rejections().get(0);
        assertThat(r.getLimit()).isEqualTo(-DAILY_LOSS);
        assertThat(r.getObserved()).isEqualTo(-DAILY_LOSS);
        // the other agent (BBB) of the account was not paused
        assertThat(orders()).extracting(Order::getSymbol).last().isEqualTo("BBB");

        send(open(ACCT, "AAA", NEXT_DAY, 100.0, 10.0));

        assertThat(orders()).hasSize(6);
        assertThat(orders().get(5).getEventTimeMs()).isEqualTo(NEXT_DAY.toEpochMilli());
        AccountRisk a = account(ACCT);
        assertThat(a.day).isEqualTo(NEXT_DAY.toEpochMilli() / RiskGate.DAY_MS);
        assertThat(a.symbols.get("AAA").dayRealizedPnl).isZero();
        assertThat(a.totalRealizedPnl).isEqualTo(-DAILY_LOSS);
        assertThat(a.rejected).isEqualTo(2);
    }

    @Test
    void theVarBudgetUsesTheSymbolsLatestEstimate() throws Exception {
        start(LIMITS);
        double var99 = 1.0 / 64; // exact in binary: 640 x 1/64 = 10, the budget

        send(ACCT, var("AAA", T0, var99));
        send(open(ACCT, "AAA", T1, 641.0, 10.0));
        send(open(ACCT, "BBB", T1.plusSeconds(2), 641.0, 10.0));

        assertThat(rejections()).hasSize(1);
        Rejection r = rejections().get(0);
        assertThat(r.getReason()).isEqualTo(RejectReason.VAR_BUDGET);
        assertThat(r.getSymbol()).isEqualTo("AAA");
        assertThat(r.getLimit()).isEqualTo(VAR_BUDGET);
        assertThat(r.getObserved()).isEqualTo(641.0 * var99);
        assertThat(orders()).extracting(Order::getSymbol).containsExactly("BBB");
        assertThat(account(ACCT).symbols.get("AAA").measure(VarMeasure.HISTORICAL_VAR_99))
                .isEqualTo(var99);

        send(ACCT, var("AAA", T2, var99 / 2));
        send(open(ACCT, "AAA", T3, 641.0, 10.0));

        assertThat(rejections()).hasSize(1);
        assertThat(orders()).hasSize(2);
        assertThat(account(ACCT).symbols.get("AAA").measure(VarMeasure.HISTORICAL_VAR_99))
                .isEqualTo(var99 / 2);
        assertThat(stateEntries()).isEqualTo(1);
    }

    /** 30 one-minute bars from T0 for AAA and BBB with these returns (BBB = sign x AAA's). */
    private void bars(String account, double[] r, double sign) throws Exception {
        double a = 10.0;
        double b = 10.0;
        for (int k = 0; k < r.length; k++) {
            Instant t = T0.plusSeconds(60L * k);
            a *= Math.exp(r[k]);
            b *= Math.exp(sign * r[k]);
            bar(account, "AAA", t, a, r[k]);
            bar(account, "BBB", t, b, sign * r[k]);
            advanceTo(t.toEpochMilli());
        }
    }

    private static double[] returns(int n) {
        double[] r = new double[n];
        for (int k = 0; k < n; k++) {
            r[k] = 0.02 * Math.sin(1.7 * k + 0.3); // about 2 % a bar, both signs
        }
        return r;
    }

    @Test
    void theVarBudgetUsesTheJointReturnsOfTheAccountsSymbols() throws Exception {
        start(LIMITS);
        double[] r = returns(30);
        bars(ACCT, r, 1.0); // AAA and BBB move together
        bars(OTHER_ACCT, r, -1.0); // AAA and BBB move against each other
        // T0 + 30 min is a window end + 1: the first event there computes the window's figures
        Instant t = T0.plusSeconds(30 * 60);
        for (String acct : List.of(ACCT, OTHER_ACCT)) {
            bar(acct, "AAA", t, 10.0, 0.0);
            bar(acct, "BBB", t, 10.0, 0.0);
            send(open(acct, "BBB", t.plusSeconds(1), 400.0, 10.0));
            send(open(acct, "AAA", t.plusSeconds(2), 400.0, 10.0));
        }
        double[] sorted = r.clone();
        java.util.Arrays.sort(sorted);
        double var99 = HistoricalVar.var(sorted, 0.99);
        assertThat(800.0 * var99).isGreaterThan(VAR_BUDGET);
        assertThat(400.0 * var99).isLessThan(VAR_BUDGET);

        // together: 800 long at the same bars' losses breaks the budget; opposed: no loss at all
        assertThat(rejections())
                .extracting(Rejection::getAccount, Rejection::getSymbol, Rejection::getReason)
                .containsExactly(tuple(ACCT, "AAA", RejectReason.VAR_BUDGET));
        assertThat(rejections().get(0).getObserved()).isCloseTo(800.0 * var99, within(1e-9));
        assertThat(orders())
                .extracting(Order::getAccount, Order::getSymbol)
                .containsExactly(
                        tuple(ACCT, "BBB"), tuple(OTHER_ACCT, "BBB"), tuple(OTHER_ACCT, "AAA"));
        AccountRisk a = account(ACCT);
        assertThat(a.portfolio.symbols).containsExactly("AAA", "BBB");
        assertThat(a.portfolio.observations).isEqualTo(30);
        assertThat(a.portfolio.windowEndMs).isEqualTo(t.toEpochMilli() - 1);
        // the account's one value holds it all
        assertThat(stateEntries()).isEqualTo(2);
    }

    @Test
    void eachWindowEndPublishesTheAccountsFiguresAlsoWhenNoLaterEventComes() throws Exception {
        start(LIMITS);
        double[] r = returns(30);
        bars(ACCT, r, 1.0);
        send(open(ACCT, "AAA", T0.plusSeconds(29 * 60 + 1), 400.0, 10.0));
        assertThat(orders()).hasSize(1);

        // the window ending at T0 + 30 min - 1 ms has no later event: the risk input's watermark
        // passing its end computes it, though the control input (no watermarks in the job) never
        // moves the operator's combined watermark
        long end = T0.plusSeconds(30 * 60).toEpochMilli() - 1;
        harness.processWatermark(end);
        List<RiskEstimate> published =
                estimates().stream().filter(e -> e.getWindowEndMs() == end).toList();
        assertThat(published).hasSize(1);
        RiskEstimate e = published.get(0);
        assertThat(e.getScope()).isEqualTo(io.tauflow.schema.RiskScope.ACCOUNT);
        assertThat(e.getAccount()).isEqualTo(ACCT);
        assertThat(e.getDiversified()).isTrue();
        assertThat(e.getObservations()).isEqualTo(30);
        double value = position(ACCT, "AAA").value();
        assertThat(e.getGrossExposure()).isCloseTo(value, within(1e-9));
        double[] sorted = r.clone();
        java.util.Arrays.sort(sorted);
        assertThat(e.getHistoricalVar99())
                .isCloseTo(value * HistoricalVar.var(sorted, 0.99), within(1e-9));
        // every earlier window end that saw data published one too, in order
        assertThat(estimates())
                .extracting(RiskEstimate::getWindowEndMs)
                .isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void theGateSeesItsInputInEventTimeOrderAndSendsLateEventsAside() throws Exception {
        start(LIMITS);
        send(open(ACCT, "BBB", T1, 100.0, 50.0));
        send(open(ACCT, "AAA", T0, 200.0, 100.0)); // arrives later, happened earlier
        assertThat(((RiskGateOperator) harness.getOperator()).heldCount()).isEqualTo(4);

        assertThat(orders())
                .extracting(Order::getSymbol, Order::getEventTimeMs)
                .containsExactly(tuple("AAA", T0.toEpochMilli()), tuple("BBB", T1.toEpochMilli()));

        // the watermark is at T1 now: an event at or before it is late, and never gated
        sendWithoutTick(open(ACCT, "CCC", T1, 100.0, 10.0));
        sendWithoutTick(open(ACCT, "CCC", T0, 100.0, 10.0));
        assertThat(sideValues(harness, RiskGateOperator.LATE))
                .extracting(RiskEvent::eventTimeMs)
                .containsExactly(T1.toEpochMilli(), T0.toEpochMilli());
        assertThat(orders()).hasSize(2);
        assertThat(rejections()).isEmpty();
        assertThat(((RiskGateOperator) harness.getOperator()).heldCount()).isZero();
    }

    @Test
    void theAccountsSurviveACheckpointAndRestore() throws Exception {
        start(LIMITS);
        send(open(ACCT, "AAA", T0, 200.0, 100.0));
        assertThat(orders()).hasSize(1);
        // not yet passed by the watermark when the checkpoint is taken: held, and in it
        send(open(ACCT, "BBB", T1, 100.0, 50.0));
        assertThat(((RiskGateOperator) harness.getOperator()).heldCount()).isEqualTo(2);
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot =
                harness.snapshot(1L, T1.toEpochMilli());
        harness.close();

        harness = harness(LIMITS, OPEN);
        harness.initializeState(snapshot);
        harness.open();
        assertThat(((RiskGateOperator) harness.getOperator()).heldCount()).isEqualTo(2);
        send(close(ACCT, "AAA", T2, 110.0));

        assertThat(orders())
                .extracting(Order::getSymbol, Order::getSide, Order::getQuantity)
                .containsExactly(tuple("BBB", Side.BUY, 2.0), tuple("AAA", Side.SELL, 2.0));
        assertThat(account(ACCT).totalRealizedPnl).isCloseTo(20.0, within(1e-9));
        assertThat(((RiskGateOperator) harness.getOperator()).heldCount()).isZero();
    }

    @Test
    void withoutAnEstimateOpeningsAreRejectedUntilTheFirstOne() throws Exception {
        start(LIMITS, RiskModel.defaults());
        send(open(ACCT, "AAA", T0, 200.0, 100.0));
        send(ACCT, var("AAA", T1, 0.001));
        send(open(ACCT, "AAA", T2, 200.0, 100.0));

        assertThat(rejections())
                .extracting(Rejection::getReason)
                .containsExactly(RejectReason.NO_RISK_ESTIMATE);
        assertThat(orders()).extracting(Order::getEventTimeMs).containsExactly(T2.toEpochMilli());
    }

    @Test
    void aCloseAfterARejectedOpenIsANoOpAndTheNextOpenIsJudgedAfresh() throws Exception {
        start(LIMITS);

        // the sizer opened, the gate refused, the sizer then closes what it thinks it holds
        send(open(ACCT, "AAA", T0, MAX_NOTIONAL + 1, 100.0));
        send(close(ACCT, "AAA", T1, 100.0));
        send(open(ACCT, "AAA", T2, 500.0, 100.0));

        assertThat(rejections())
                .extracting(Rejection::getReason, Rejection::getQuantity)
                .containsExactly(
                        tuple(RejectReason.MAX_ORDER_NOTIONAL, (MAX_NOTIONAL + 1) / 100.0),
                        tuple(RejectReason.NO_POSITION, 0.0));
        assertThat(orders()).extracting(Order::getEventTimeMs).containsExactly(T2.toEpochMilli());
        AccountRisk a = account(ACCT);
        assertThat(a.rejected).isEqualTo(2);
        assertThat(a.approved).isEqualTo(1);
        assertThat(a.totalRealizedPnl).isZero();
        assertThat(stateEntries()).isEqualTo(1);
    }

    @Test
    void aDuplicateIntentIsRejectedOnce() throws Exception {
        start(LIMITS);
        OrderIntent i = open(ACCT, "AAA", T0, 200.0, 100.0);

        send(i);
        sendWithoutTick(i);

        assertThat(orders()).hasSize(1);
        assertThat(rejections())
                .extracting(Rejection::getReason)
                .containsExactly(RejectReason.DUPLICATE_CLIENT_ORDER_ID);
        assertThat(position(ACCT, "AAA").quantity).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void aPriceTickThatBreaksTheMarginGuardLiquidatesTheAccount() throws Exception {
        start(
                LIMITS.toBuilder()
                        .startingCapital(100.0)
                        .marginRate(0.10)
                        .marginGuard(0.05)
                        .maxDrawdown(1.0)
                        .build());
        send(open(ACCT, "AAA", T0, 900.0, 100.0)); // equity 100, gross 900: free 0.1

        price(ACCT, "AAA", T1, 99.0); // equity 91, gross 891: free 0.0209 < 0.05
        advanceTo(T1.toEpochMilli());

        assertThat(orders())
                .extracting(Order::getSide, Order::getClosing, Order::getClientOrderId)
                .containsExactly(
                        tuple(Side.BUY, false, ACCT + ":AAA:" + T0.toEpochMilli() + ":B"),
                        tuple(Side.SELL, true, ACCT + ":AAA:" + T1.toEpochMilli() + ":L"));
        assertThat(orders().get(1).getLimitPrice()).isEqualTo(99.0);
        assertThat(position(ACCT, "AAA").quantity).isZero();
        assertThat(account(ACCT).totalRealizedPnl).isCloseTo(-9.0, within(1e-9));
        assertThat(rejections()).isEmpty();
    }
}
