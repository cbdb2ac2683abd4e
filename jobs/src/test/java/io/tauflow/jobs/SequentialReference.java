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
import io.tauflow.regime.MarketRegimeFunction;
import io.tauflow.risk.AccountRisk;
import io.tauflow.risk.PositionState;
import io.tauflow.risk.RiskGate;
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

/**
 * The trading pipeline replayed sequentially in one thread with plain collections: what the
 * streaming job must produce whatever its parallelism, state backend and delivery. Covers candles
 * only (no sentiment/book), no kill switches and a VaR budget too large to bind.
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
        if (!s.marketReference.isEmpty()) {
            Map<Long, Regime> marks = new HashMap<>();
            for (FeatureVector v : vectors.getOrDefault(s.marketReference, List.of())) {
                if (v.warm) {
                    marks.put(v.eventTimeMs, v.regime);
                }
            }
            for (List<FeatureVector> series : vectors.values()) {
                for (FeatureVector v : series) {
                    v.marketRegime =
                            MarketRegimeFunction.regimeAt(
                                    marks.entrySet(),
                                    v.eventTimeMs,
                                    s.marketRegimeMaxAge.toMillis());
                }
            }
        }
        List<OrderIntent> intents = new ArrayList<>();
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
                QAgent.Step step = agent.step(as, v, table);
                Sizer.Sized sized = sizer.onDecision(ss, step.decision);
                if (sized.intent != null) {
                    intents.add(sized.intent);
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
        intents.sort(
                Comparator.comparing((OrderIntent i) -> i.account)
                        .thenComparingLong(i -> i.eventTimeMs)
                        .thenComparing(i -> i.symbol)
                        .thenComparing(i -> i.side));
        RiskGate gate = new RiskGate(s.risk);
        Map<String, AccountRisk> accounts = new HashMap<>();
        Map<String, PositionState> positions = new HashMap<>();
        List<Order> orders = new ArrayList<>();
        for (OrderIntent i : intents) {
            AccountRisk acct = accounts.computeIfAbsent(i.account, a -> new AccountRisk());
            RiskGate.rollDay(acct, i.eventTimeMs);
            PositionState pos =
                    positions.computeIfAbsent(i.account + "/" + i.symbol, k -> new PositionState());
            RiskGate.Verdict v = gate.check(i, pos, acct, null, false, false);
            if (v.approved()) {
                RiskGate.fill(v.order, pos, acct);
                orders.add(v.order);
            }
        }
        return orders;
    }
}
