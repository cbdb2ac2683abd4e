package io.tauflow.jobs;

import io.tauflow.agent.AgentState;
import io.tauflow.agent.QAgent;
import io.tauflow.agent.QRow;
import io.tauflow.agent.QTable;
import io.tauflow.agent.TradeOutcome;
import io.tauflow.emotion.EmotionSignal;
import io.tauflow.features.FeatureCalculator;
import io.tauflow.features.FeatureState;
import io.tauflow.features.FeatureVector;
import io.tauflow.regime.MarketRegimes;
import io.tauflow.risk.AccountRisk;
import io.tauflow.risk.PriceTick;
import io.tauflow.risk.RiskEvent;
import io.tauflow.risk.RiskGate;
import io.tauflow.risk.VarWindow;
import io.tauflow.schema.Candle;
import io.tauflow.schema.Order;
import io.tauflow.schema.Regime;
import io.tauflow.sizing.OrderIntent;
import io.tauflow.sizing.Sizer;
import io.tauflow.sizing.SizerState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * The trading pipeline replayed sequentially in one thread with plain collections: what the
 * streaming job must produce whatever its parallelism, state backend and delivery. Covers candles
 * only (no sentiment/book) and no kill switches. The per-symbol risk estimates are those of Flink's
 * sliding windows, computed here window by window with the job's {@link VarWindow}; the gate sees
 * each bar's close (with its return) as the last trade price, before that bar's intents, and moves
 * the account's window before each event as in the job.
 */
final class SequentialReference {

    private SequentialReference() {}

    static List<Order> orders(List<Candle> candles, JobSettings s) throws Exception {
        Map<String, List<Candle>> bySymbol = new TreeMap<>();
        for (Candle c : candles) {
            bySymbol.computeIfAbsent(c.getSymbol(), k -> new ArrayList<>()).add(c);
        }
        // Features per symbol, then the market regime of the reference symbol stamped on all.
        Map<String, List<FeatureVector>> vectors = new TreeMap<>();
        List<RiskEvent> riskIn = new ArrayList<>();
        for (List<Candle> series : bySymbol.values()) {
            series.sort(Comparator.comparingLong(Candle::getOpenTimeMs));
            FeatureCalculator features = new FeatureCalculator(s.features, s.regime);
            FeatureState fs = new FeatureState();
            List<FeatureVector> out = new ArrayList<>();
            for (Candle c : series) {
                out.add(features.onCandle(fs, c));
            }
            vectors.put(series.get(0).getSymbol(), out);
        }
        if (!s.market.referenceSymbol().isEmpty()) {
            Map<Long, Regime> marks = new HashMap<>();
            for (FeatureVector v : vectors.getOrDefault(s.market.referenceSymbol(), List.of())) {
                if (v.warm) {
                    marks.put(v.eventTimeMs, v.regime);
                }
            }
            for (List<FeatureVector> series : vectors.values()) {
                for (FeatureVector v : series) {
                    v.marketRegime =
                            MarketRegimes.regimeAt(
                                    marks.entrySet(), v.eventTimeMs, s.market.maxAge().toMillis());
                }
            }
        }
        riskIn.addAll(symbolEstimates(vectors, s));
        for (List<FeatureVector> series : vectors.values()) {
            QAgent agent = new QAgent(s.agent, s.encoder);
            AgentState as = new AgentState();
            Map<Integer, QRow> rows = new HashMap<>();
            QTable table =
                    new QTable() {
                        @Override
                        public QRow get(int state) {
                            QRow r = rows.get(state);
                            return r == null ? null : new QRow(r.values.clone());
                        }

                        @Override
                        public void put(int state, QRow row) {
                            rows.put(state, new QRow(row.values.clone()));
                        }
                    };
            Sizer sizer = new Sizer(s.sizing, s.accounts);
            SizerState ss = new SizerState();
            int run = 0;
            for (FeatureVector v : series) {
                riskIn.add(
                        RiskEvent.of(
                                s.accounts.accountOf(v.symbol),
                                v.hasPrevious
                                        ? PriceTick.of(
                                                v.symbol,
                                                v.eventTimeMs,
                                                v.close,
                                                v.logReturn,
                                                v.intervalMs,
                                                v.regime)
                                        : PriceTick.of(v.symbol, v.eventTimeMs, v.close)));
                QAgent.Step step = agent.step(as, v, table);
                Sizer.Sized sized = sizer.onDecision(ss, step.decision);
                if (sized.intent != null) {
                    riskIn.add(RiskEvent.of(sized.intent));
                }
                TradeOutcome t = step.outcome;
                if (t != null) {
                    sizer.onSignal(
                            ss,
                            EmotionSignal.of(
                                    t.symbol,
                                    t.exitTimeMs,
                                    t.win() ? EmotionSignal.Kind.WIN : EmotionSignal.Kind.LOSS));
                    // CEP with skip-past-last-event: a signal at every 4th trade of a run.
                    run = t.win() ? (run > 0 ? run + 1 : 1) : (run < 0 ? run - 1 : -1);
                    if (run == 4 || run > 4 && run % 4 == 0) {
                        sizer.onSignal(
                                ss,
                                EmotionSignal.of(
                                        t.symbol, t.exitTimeMs, EmotionSignal.Kind.WIN_STREAK));
                    } else if (run == -4 || run < -4 && run % 4 == 0) {
                        sizer.onSignal(
                                ss,
                                EmotionSignal.of(
                                        t.symbol, t.exitTimeMs, EmotionSignal.Kind.LOSS_STREAK));
                    }
                }
            }
        }
        riskIn.sort(
                Comparator.comparing((RiskEvent e) -> e.account)
                        .thenComparingLong(RiskEvent::eventTimeMs)
                        .thenComparing(RiskEvent::compareAtEqualTime));
        RiskGate gate = new RiskGate(s.risk, s.riskModel);
        Map<String, AccountRisk> accounts = new HashMap<>();
        List<Order> orders = new ArrayList<>();
        for (RiskEvent e : riskIn) {
            AccountRisk acct = accounts.computeIfAbsent(e.account, a -> new AccountRisk());
            gate.roll(acct, e.account, e.eventTimeMs());
            if (e.var != null) {
                gate.onVar(acct, e.var);
                continue;
            }
            List<OrderIntent> intents =
                    e.intent != null ? List.of(e.intent) : gate.onPrice(acct, e.account, e.price);
            for (OrderIntent i : intents) {
                RiskGate.Verdict v = gate.onIntent(acct, i, false, false);
                if (v.approved()) {
                    orders.add(v.order);
                }
            }
        }
        return orders;
    }

    /**
     * The symbols' risk estimates, as the job computes them: every return in each sliding
     * event-time window that contains it (Flink's assignment, offset 0), one estimate per symbol
     * and window with at least the minimum of returns, at the window's last millisecond.
     */
    static List<RiskEvent> symbolEstimates(
            Map<String, List<FeatureVector>> vectors, JobSettings s) {
        long size = s.varWindows.window().toMillis();
        long slide = s.varWindows.slide().toMillis();
        VarWindow var = new VarWindow(s.var);
        List<RiskEvent> out = new ArrayList<>();
        for (List<FeatureVector> series : vectors.values()) {
            Map<Long, List<FeatureVector>> byEnd = new TreeMap<>();
            for (FeatureVector v : series) {
                if (!v.hasPrevious) {
                    continue;
                }
                long last = TimeWindow.getWindowStartWithOffset(v.eventTimeMs, 0, slide);
                for (long start = last; start > v.eventTimeMs - size; start -= slide) {
                    byEnd.computeIfAbsent(start + size - 1, k -> new ArrayList<>()).add(v);
                }
            }
            for (Map.Entry<Long, List<FeatureVector>> w : byEnd.entrySet()) {
                List<FeatureVector> in = w.getValue();
                if (in.size() < s.varWindows.minReturns()) {
                    continue;
                }
                double[] r = new double[in.size()];
                long[] times = new long[in.size()];
                long declared = 0;
                for (int i = 0; i < r.length; i++) {
                    r[i] = in.get(i).logReturn;
                    times[i] = in.get(i).eventTimeMs;
                    declared = Math.max(declared, in.get(i).intervalMs);
                }
                FeatureVector latest = in.get(in.size() - 1);
                out.add(
                        RiskEvent.of(
                                s.accounts.accountOf(latest.symbol),
                                var.estimate(
                                        latest.symbol,
                                        w.getKey(),
                                        r,
                                        VarWindow.barInterval(
                                                declared, times, VarWindow.FALLBACK_INTERVAL_MS),
                                        latest.regime)));
            }
        }
        return out;
    }
}
