package io.tauflow.tools.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.agent.TradingCalendar;
import io.tauflow.schema.Candle;
import io.tauflow.tools.demo.data.CandleCsv;
import io.tauflow.tools.demo.data.DataResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AnalysisTest {

    private static Map<String, List<Candle>> bySymbol(List<Candle> candles) {
        Map<String, List<Candle>> m = new TreeMap<>();
        candles.forEach(c -> m.computeIfAbsent(c.getSymbol(), k -> new ArrayList<>()).add(c));
        return m;
    }

    private static List<Candle> every(long stepMs, int n, long startMs) {
        List<Candle> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(
                    new Candle(
                            "T",
                            "X",
                            startMs + i * stepMs,
                            stepMs,
                            1.0,
                            1.0,
                            1.0,
                            1.0,
                            1.0,
                            null,
                            null));
        }
        return out;
    }

    @Test
    void theCalendarIsDetectedFromTheBars() {
        // LEAN US equity minute bars, extended hours included: equities.
        assertThat(
                        Analysis.detectCalendar(
                                bySymbol(
                                        CandleCsv.readResource(
                                                DataResources.LEAN_US_EQUITY_1M, "LEAN"))))
                .isEqualTo(TradingCalendar.US_EQUITIES);
        // Minute bars round the clock for two days (no weekend): crypto by the night bars.
        long thursday = 1_380_758_400_000L; // 2013-10-03T00:00Z
        assertThat(Analysis.detectCalendar(Map.of("X", every(60_000, 2880, thursday))))
                .isEqualTo(TradingCalendar.CRYPTO);
        // Equity minute bars of a European exchange over two weeks, weekdays 08:00-16:30 UTC:
        // an exchange's sessions, whatever the hours.
        List<Candle> europe = new ArrayList<>();
        for (int day = 0; day < 14; day++) {
            long midnight = thursday + day * 86_400_000L;
            java.time.DayOfWeek d =
                    java.time.Instant.ofEpochMilli(midnight)
                            .atZone(java.time.ZoneOffset.UTC)
                            .getDayOfWeek();
            if (d == java.time.DayOfWeek.SATURDAY || d == java.time.DayOfWeek.SUNDAY) {
                continue;
            }
            europe.addAll(every(60_000, 510, midnight + 8 * 3_600_000L));
        }
        assertThat(Analysis.detectCalendar(Map.of("X", europe)))
                .isEqualTo(TradingCalendar.US_EQUITIES);
        // Daily bars every day for a month: crypto by the weekends.
        assertThat(Analysis.detectCalendar(Map.of("X", every(86_400_000, 30, thursday))))
                .isEqualTo(TradingCalendar.CRYPTO);
    }

    @Test
    void theSmaBaselineGoesLongWhenTheFastAverageCrossesAbove() {
        List<Candle> bars = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            // falls for 60 bars, then rises
            double p = i < 60 ? 100 - i * 0.5 : 70 + (i - 60) * 1.0;
            bars.add(new Candle("T", "X", i * 60_000L, 60_000L, p, p, p, p, 1.0, null, null));
        }
        List<Ledger.Order> orders = Analysis.smaCrossover(Map.of("X", bars), 1000, 20, 50);
        assertThat(orders).isNotEmpty();
        assertThat(orders.get(0).buy()).isTrue();
        assertThat(orders.get(0).decisionTimeMs()).isGreaterThan(60 * 60_000L);
        assertThat(orders.get(0).budget()).isEqualTo(1000.0);
    }

    @Test
    void eachAccountStartsWithTheCapitalAndTheTotalWithAllOfThem() {
        List<Candle> a = every(60_000, 100, 0);
        List<Candle> b = new ArrayList<>();
        for (Candle c : a) {
            b.add(
                    new Candle(
                            "T",
                            "Y",
                            c.getOpenTimeMs(),
                            60_000L,
                            2.0,
                            2.0,
                            2.0,
                            2.0,
                            1.0,
                            null,
                            null));
        }
        BacktestResult r =
                Analysis.analyse(
                        Map.of("X", a, "Y", b),
                        List.of(),
                        List.of(),
                        new Ledger.Costs(0, 0, Ledger.Fill.NEXT_OPEN),
                        1000,
                        2,
                        TradingCalendar.CRYPTO,
                        100,
                        new java.util.LinkedHashMap<>(),
                        List.of());
        assertThat(r.equity().get(0).agents()).isEqualTo(2000.0);
        assertThat(r.equity().get(0).buyAndHold()).isEqualTo(2000.0);
        // buy-and-hold puts half of the 2000 in each symbol: turnover = 2000 bought + 2000 sold
        // at the end (flat prices, no costs) over 2000
        assertThat(r.benchmarks().get(0).turnover())
                .isEqualTo(2.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(r.symbols()).extracting(Metrics::trades).containsExactly(0, 0);
        assertThat(r.total().pnl()).isZero();
    }

    @Test
    void periodsPerYearAreTheBarsPerTradingDayTimesTheCalendarsDays() {
        long[] twoDays = new long[2 * 800];
        for (int i = 0; i < twoDays.length; i++) {
            // 800 bars on each of two days, e.g. a session with extended hours
            twoDays[i] = (i / 800) * 86_400_000L + (i % 800) * 60_000L;
        }
        assertThat(Analysis.periodsPerYear(twoDays, TradingCalendar.US_EQUITIES))
                .isEqualTo(800.0 * 252);
        assertThat(Analysis.periodsPerYear(twoDays, TradingCalendar.CRYPTO)).isEqualTo(800.0 * 365);
    }
}
