package io.tauflow.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The figures of a small series worked out by hand (in the comments), not by the code. */
class PerformanceMetricsTest {

    // returns +2 %, -2 %, +5 %, -1 % on 100: 102, 99.96, 104.958, 103.90842
    private static final double[] EQUITY = {100, 102, 99.96, 104.958, 103.90842};
    private static final List<Double> TRADES = List.of(30.0, -10.0, 20.0, -5.0, 0.0);
    private static final double DAILY = 252;

    @Test
    void returnsOfTheCurve() {
        assertThat(PerformanceMetrics.returns(EQUITY))
                .containsExactly(new double[] {0.02, -0.02, 0.05, -0.01}, within(1e-12));
        assertThat(PerformanceMetrics.returns(new double[] {100})).isEmpty();
    }

    @Test
    void sharpeIsMeanOverSampleDeviationAnnualised() {
        // mean = 0.04 / 4 = 0.01; deviations 0.01, -0.03, 0.04, -0.02; squares sum 0.003;
        // sample variance 0.003 / 3 = 0.001; sd = sqrt(0.001); mean / sd = 1 / sqrt(10);
        // x sqrt(252) = sqrt(25.2) = 5.019960159...
        double[] r = {0.02, -0.02, 0.05, -0.01};
        assertThat(PerformanceMetrics.sharpe(r, DAILY)).isCloseTo(5.019960159204453, within(1e-9));
        assertThat(PerformanceMetrics.sharpe(r, 1)).isCloseTo(0.316227766016838, within(1e-12));
    }

    @Test
    void sortinoUsesTheDownsideDeviationOverAllBars() {
        // downside squares 0.0004 + 0.0001 = 0.0005, / 4 bars = 0.000125, DD = 0.0111803...;
        // 0.01 / DD = 2 / sqrt(5) = 0.894427191; x sqrt(252) = sqrt(201.6) = 14.198591479...
        double[] r = {0.02, -0.02, 0.05, -0.01};
        assertThat(PerformanceMetrics.sortino(r, DAILY)).isCloseTo(14.19859147943908, within(1e-9));
    }

    @Test
    void maxDrawdownIsTheWorstFallFromAPeak() {
        // 102 -> 99.96 is -2 %; 104.958 -> 103.90842 is -1 %
        assertThat(PerformanceMetrics.maxDrawdown(EQUITY)).isCloseTo(-0.02, within(1e-12));
        assertThat(PerformanceMetrics.maxDrawdown(new double[] {1, 2, 3})).isZero();
        // 120 -> 60 is -50 % even though 90 -> 60 comes later
        assertThat(PerformanceMetrics.maxDrawdown(new double[] {100, 120, 90, 110, 60, 130}))
                .isCloseTo(-0.5, within(1e-12));
    }

    @Test
    void winRateAndProfitFactor() {
        // wins 30 and 20 of 5 trades (0 is not a win): 0.4; 50 / |-15| = 3.333...
        assertThat(PerformanceMetrics.winRate(TRADES)).isCloseTo(0.4, within(1e-12));
        assertThat(PerformanceMetrics.profitFactor(TRADES)).isCloseTo(10.0 / 3, within(1e-12));
    }

    @Test
    void undefinedFiguresAreNanOrInfinite() {
        assertThat(PerformanceMetrics.profitFactor(List.of(5.0, 1.0)))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PerformanceMetrics.profitFactor(List.of(-5.0))).isZero();
        assertThat(PerformanceMetrics.profitFactor(List.of())).isNaN();
        assertThat(PerformanceMetrics.profitFactor(List.of(0.0, 0.0))).isNaN();
        assertThat(PerformanceMetrics.winRate(List.of())).isNaN();
        assertThat(PerformanceMetrics.sharpe(new double[] {0.01}, DAILY)).isNaN();
        assertThat(PerformanceMetrics.sharpe(new double[] {0.01, 0.01}, DAILY)).isNaN();
        assertThat(PerformanceMetrics.sortino(new double[] {0.01, 0.02}, DAILY))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PerformanceMetrics.sortino(new double[] {0.0, 0.0}, DAILY)).isNaN();
    }

    @Test
    void reportOfTheSeries() {
        PerformanceMetrics.Report r = PerformanceMetrics.report(EQUITY, TRADES, DAILY);

        assertThat(r.totalReturn()).isCloseTo(0.0390842, within(1e-12));
        assertThat(r.sharpe()).isCloseTo(5.019960159204453, within(1e-9));
        assertThat(r.sortino()).isCloseTo(14.19859147943908, within(1e-9));
        assertThat(r.maxDrawdown()).isCloseTo(-0.02, within(1e-12));
        assertThat(r.winRate()).isCloseTo(0.4, within(1e-12));
        assertThat(r.profitFactor()).isCloseTo(10.0 / 3, within(1e-12));
        assertThat(r.trades()).isEqualTo(5);
    }

    @Test
    void periodsPerYearFollowTheCalendarAndTheBar() {
        TradingCalendar us = TradingCalendar.US_EQUITIES;
        TradingCalendar crypto = TradingCalendar.CRYPTO;
        long minute = 60_000L;
        // 252 days x 6.5 h x 60 = 98,280 one-minute bars; 5 min: 19,656; 1 h: 1,638
        assertThat(us.periodsPerYear(minute)).isCloseTo(98_280, within(1e-9));
        assertThat(us.periodsPerYear(5 * minute)).isCloseTo(19_656, within(1e-9));
        assertThat(us.periodsPerYear(60 * minute)).isCloseTo(1_638, within(1e-9));
        // a daily bar is one per trading day; a weekly bar 365 / 7
        assertThat(us.periodsPerYear(24 * 60 * minute)).isEqualTo(252);
        assertThat(us.periodsPerYear(7 * 24 * 60 * minute)).isCloseTo(365 / 7.0, within(1e-9));
        // 365 x 24 x 60 = 525,600 one-minute bars
        assertThat(crypto.periodsPerYear(minute)).isCloseTo(525_600, within(1e-9));
        assertThat(crypto.periodsPerYear(24 * 60 * minute)).isEqualTo(365);
        assertThatThrownBy(() -> us.periodsPerYear(0)).hasMessageContaining("bar interval");
        assertThatThrownBy(() -> new TradingCalendar(252, 25)).hasMessageContaining("session");
    }

    @Test
    void coverageIsVisitedOverAllStates() {
        assertThat(PerformanceMetrics.stateCoverage(22, 2_187))
                .isCloseTo(22 / 2187.0, within(1e-15));
        assertThat(PerformanceMetrics.stateCoverage(7_203, 720_300)).isEqualTo(0.01);
        assertThatThrownBy(() -> PerformanceMetrics.stateCoverage(1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void combinedEquityAddsTheCurvesAtEveryTime() {
        NavigableMap<Long, Double> a = new TreeMap<>();
        a.put(1L, 100.0);
        a.put(3L, 110.0);
        NavigableMap<Long, Double> b = new TreeMap<>();
        b.put(2L, 50.0);
        b.put(3L, 45.0);
        b.put(4L, 60.0);

        // t1: 100 + 50 (b's first value); t2: 100 + 50; t3: 110 + 45; t4: 110 + 60
        assertThat(PerformanceMetrics.combine(List.of(a, b)))
                .containsExactly(
                        org.assertj.core.api.Assertions.entry(1L, 150.0),
                        org.assertj.core.api.Assertions.entry(2L, 150.0),
                        org.assertj.core.api.Assertions.entry(3L, 155.0),
                        org.assertj.core.api.Assertions.entry(4L, 170.0));
    }
}
