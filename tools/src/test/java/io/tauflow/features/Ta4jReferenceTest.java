package io.tauflow.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.schema.Candle;
import io.tauflow.tools.demo.data.CandleCsv;
import io.tauflow.tools.demo.data.DataResources;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.adx.MinusDIIndicator;
import org.ta4j.core.indicators.adx.PlusDIIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandWidthIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.bollinger.PercentBIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.VolumeIndicator;
import org.ta4j.core.indicators.statistics.SigmaIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.Num;

/**
 * Every indicator of {@link FeatureCalculator} against ta4j 0.17 on the bundled real data (LEAN
 * 1-minute bars of SPY, IBM, BAC and AIG, all bars including pre- and post-market), with ta4j in
 * {@link DecimalNum} (32 significant digits) as the reference.
 *
 * <p>Tolerance: {@code |tauflow - ta4j| <= 1e-9 * max(|ta4j|, scale)}, a relative error of 1e-9.
 * {@code scale} keeps the test meaningful where a value crosses zero: it is the bar's close for the
 * MACD line, signal and histogram (differences of price-sized EMAs, whose rounding is relative to
 * the price), 1 for the bounded oscillators and the z-score, and 0 (purely relative) for ATR, the
 * trend SMA and the bandwidth.
 *
 * <p>Where the definitions differ, and how the test deals with it:
 *
 * <ul>
 *   <li>Seeding. ta4j starts every Wilder average (its MMA: RSI, ATR, +DM, -DM, ADX) and every EMA
 *       (MACD) from the first input; Tauflow from the simple mean of the first n (Wilder's and
 *       TA-Lib's way). The difference decays as {@code (1-alpha)^t} (ADX: as {@code t(1-alpha)^t});
 *       it is below 1e-9 by bar 400 and below 1e-12 by bar {@value #COMPARE_FROM} on this data, so
 *       values are compared from bar index {@value #COMPARE_FROM} of each symbol on.
 *   <li>Bollinger bandwidth: ta4j reports percent, Tauflow a fraction; compared as {@code 100 *
 *       tauflow}. Both use the population standard deviation.
 *   <li>Zero-width bands and flat volume: ta4j divides by zero (NaN); Tauflow's %b is 0.5 and its
 *       z-score 0, which the test checks on those bars instead.
 *   <li>RSI with neither gains nor losses: ta4j 0, Tauflow 50. It does not occur after warm-up on
 *       this data (the Wilder averages never return to exactly 0).
 * </ul>
 */
class Ta4jReferenceTest {

    /** First bar index (per symbol) compared: ta4j's first-value seeds have decayed by then. */
    static final int COMPARE_FROM = 500;

    static final double TOLERANCE = 1e-9;

    private static final FeatureConfig CONFIG = FeatureConfig.defaults();

    private static final Map<String, BarSeries> SERIES = new LinkedHashMap<>();
    private static final Map<String, List<FeatureVector>> FEATURES = new LinkedHashMap<>();

    @BeforeAll
    static void computeBoth() {
        Map<String, List<Candle>> bySymbol = new LinkedHashMap<>();
        for (Candle c : CandleCsv.readResource(DataResources.LEAN_US_EQUITY_1M, "LEAN")) {
            bySymbol.computeIfAbsent(c.getSymbol(), k -> new ArrayList<>()).add(c);
        }
        bySymbol.forEach(
                (symbol, candles) -> {
                    BarSeries series =
                            new BaseBarSeriesBuilder()
                                    .withName(symbol)
                                    .withNumTypeOf(DecimalNum.class)
                                    .build();
                    FeatureCalculator calc = new FeatureCalculator(CONFIG);
                    FeatureState state = new FeatureState();
                    List<FeatureVector> out = new ArrayList<>();
                    for (Candle c : candles) {
                        Instant end = Instant.ofEpochMilli(c.getOpenTimeMs() + c.getIntervalMs());
                        series.addBar(
                                Duration.ofMillis(c.getIntervalMs()),
                                ZonedDateTime.ofInstant(end, ZoneOffset.UTC),
                                c.getOpen(),
                                c.getHigh(),
                                c.getLow(),
                                c.getClose(),
                                c.getVolume());
                        out.add(calc.onCandle(state, c));
                    }
                    SERIES.put(symbol, series);
                    FEATURES.put(symbol, out);
                });
    }

    /** A Tauflow feature, its ta4j counterpart and how they are compared. */
    record Case(
            String name,
            Function<BarSeries, Indicator<Num>> reference,
            ToDoubleFunction<FeatureVector> tauflow,
            Scale scale,
            double whenReferenceIsNaN) {
        @Override
        public String toString() {
            return name;
        }
    }

    enum Scale {
        RELATIVE,
        UNIT,
        CLOSE
    }

    static Stream<Arguments> cases() {
        int p = CONFIG.bollingerPeriod();
        double k = CONFIG.bollingerK();
        return Stream.of(
                        new Case(
                                "ATR",
                                s -> new ATRIndicator(s, CONFIG.atrPeriod()),
                                v -> v.atr,
                                Scale.RELATIVE,
                                Double.NaN),
                        new Case(
                                "RSI",
                                s ->
                                        new RSIIndicator(
                                                new ClosePriceIndicator(s), CONFIG.rsiPeriod()),
                                v -> v.rsi,
                                Scale.UNIT,
                                Double.NaN),
                        new Case(
                                "ADX",
                                s -> new ADXIndicator(s, CONFIG.adxPeriod()),
                                v -> v.adx,
                                Scale.UNIT,
                                Double.NaN),
                        new Case(
                                "+DI",
                                s -> new PlusDIIndicator(s, CONFIG.adxPeriod()),
                                v -> v.plusDi,
                                Scale.UNIT,
                                Double.NaN),
                        new Case(
                                "-DI",
                                s -> new MinusDIIndicator(s, CONFIG.adxPeriod()),
                                v -> v.minusDi,
                                Scale.UNIT,
                                Double.NaN),
                        new Case("MACD line", s -> macd(s), v -> v.macd, Scale.CLOSE, Double.NaN),
                        new Case(
                                "MACD signal",
                                s -> macd(s).getSignalLine(CONFIG.macdSignal()),
                                v -> v.macdSignal,
                                Scale.CLOSE,
                                Double.NaN),
                        new Case(
                                "MACD histogram",
                                s -> macd(s).getHistogram(CONFIG.macdSignal()),
                                v -> v.macdHistogram,
                                Scale.CLOSE,
                                Double.NaN),
                        new Case(
                                "Bollinger %b",
                                s -> new PercentBIndicator(new ClosePriceIndicator(s), p, k),
                                v -> v.bollingerPercentB,
                                Scale.UNIT,
                                0.5),
                        new Case(
                                "Bollinger bandwidth (percent)",
                                s -> bandwidth(s, p, k),
                                v -> 100 * v.bollingerBandwidth,
                                Scale.RELATIVE,
                                Double.NaN),
                        new Case(
                                "trend SMA",
                                s ->
                                        new SMAIndicator(
                                                new ClosePriceIndicator(s), CONFIG.trendMaPeriod()),
                                v -> v.trendMa,
                                Scale.RELATIVE,
                                Double.NaN),
                        new Case(
                                "volume z-score",
                                s ->
                                        new SigmaIndicator(
                                                new VolumeIndicator(s), CONFIG.volumePeriod()),
                                v -> v.volumeZ,
                                Scale.UNIT,
                                0.0))
                .map(Arguments::of);
    }

    private static MACDIndicator macd(BarSeries s) {
        return new MACDIndicator(new ClosePriceIndicator(s), CONFIG.macdFast(), CONFIG.macdSlow());
    }

    private static Indicator<Num> bandwidth(BarSeries s, int period, double k) {
        ClosePriceIndicator close = new ClosePriceIndicator(s);
        BollingerBandsMiddleIndicator middle =
                new BollingerBandsMiddleIndicator(new SMAIndicator(close, period));
        StandardDeviationIndicator sd = new StandardDeviationIndicator(close, period);
        return new BollingerBandWidthIndicator(
                new BollingerBandsUpperIndicator(middle, sd, s.numOf(k)),
                middle,
                new BollingerBandsLowerIndicator(middle, sd, s.numOf(k)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithTa4jAfterTheSeedsHaveDecayed(Case c) {
        int compared = 0;
        int referenceNaN = 0;
        double smallest = Double.POSITIVE_INFINITY;
        double largest = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, BarSeries> e : SERIES.entrySet()) {
            String symbol = e.getKey();
            Indicator<Num> reference = c.reference().apply(e.getValue());
            List<FeatureVector> features = FEATURES.get(symbol);
            // ta4j's recursive indicators are evaluated in bar order, as they would be live
            for (int i = 0; i < features.size(); i++) {
                Num expected = reference.getValue(i);
                if (i < COMPARE_FROM) {
                    continue;
                }
                FeatureVector v = features.get(i);
                double actual = c.tauflow().applyAsDouble(v);
                assertThat(v.warm).as("%s %s bar %d warm", c, symbol, i).isTrue();
                if (expected.isNaN()) {
                    referenceNaN++;
                    assertThat(actual)
                            .as("%s %s bar %d where ta4j divides by zero", c, symbol, i)
                            .isEqualTo(c.whenReferenceIsNaN());
                    continue;
                }
                double want = expected.doubleValue();
                double scale =
                        switch (c.scale()) {
                            case RELATIVE -> 0.0;
                            case UNIT -> 1.0;
                            case CLOSE -> v.close;
                        };
                double allowed = TOLERANCE * Math.max(Math.abs(want), scale);
                assertThat(Math.abs(actual - want))
                        .as("%s %s bar %d: tauflow %s, ta4j %s", c, symbol, i, actual, want)
                        .isLessThanOrEqualTo(allowed);
                compared++;
                smallest = Math.min(smallest, want);
                largest = Math.max(largest, want);
            }
        }
        // the comparison covered the data and the indicator actually moved
        assertThat(compared).as("bars compared").isGreaterThan(10_000);
        assertThat(referenceNaN).as("bars where ta4j is NaN").isLessThan(compared / 100);
        assertThat(largest - smallest).as("range of %s", c).isGreaterThan(0.0);
    }

    @Test
    void theDataHasEveryBundledSymbolAndEnoughBarsForTheSeedsToDecay() {
        assertThat(FEATURES.keySet()).containsExactlyInAnyOrder("SPY", "IBM", "BAC", "AIG");
        FEATURES.values().forEach(v -> assertThat(v.size()).isGreaterThan(COMPARE_FROM + 2_000));
        assertThat(CONFIG.warmUpBars()).isLessThan(COMPARE_FROM);
    }
}
