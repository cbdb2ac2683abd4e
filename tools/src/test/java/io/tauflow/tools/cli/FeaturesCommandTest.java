package io.tauflow.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.features.FeatureCalculator;
import io.tauflow.features.FeatureConfig;
import io.tauflow.features.FeatureState;
import io.tauflow.features.FeatureVector;
import io.tauflow.regime.RegimeConfig;
import io.tauflow.schema.Candle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesCommandTest {

    private static final long T0 = Instant.parse("2024-02-01T00:00:00Z").toEpochMilli();
    private static final int BARS = 90;

    @TempDir Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Binance-style rows of two symbols, with taker-buy volume. */
    private final List<Candle> candles = new ArrayList<>();

    private String binanceCsv;

    @BeforeEach
    void data() {
        Random r = new Random(3);
        StringBuilder csv =
                new StringBuilder(
                        "symbol,open_time_ms,open,high,low,close,volume,quote_volume,trades,"
                                + "taker_buy_volume,taker_buy_quote_volume\n");
        double[] price = {4.255, 1.370};
        String[] symbols = {"FILUSDT", "NEARUSDT"};
        for (int i = 0; i < BARS; i++) {
            for (int k = 0; k < 2; k++) {
                double open = price[k];
                double close = Math.round(open * (1 + 0.002 * r.nextGaussian()) * 1000) / 1000.0;
                double high = Math.max(open, close) + 0.001 * r.nextInt(3);
                double low = Math.min(open, close) - 0.001 * r.nextInt(3);
                double volume = 1000 + r.nextInt(9000);
                double takerBuy = Math.floor(volume * r.nextDouble());
                price[k] = close;
                long t = T0 + i * 60_000L;
                csv.append(
                        String.join(
                                ",",
                                symbols[k],
                                Long.toString(t),
                                Double.toString(open),
                                Double.toString(high),
                                Double.toString(low),
                                Double.toString(close),
                                Double.toString(volume),
                                "0",
                                "10",
                                Double.toString(takerBuy),
                                "0"));
                csv.append('\n');
                candles.add(
                        Candle.newBuilder()
                                .setVenue("CSV")
                                .setSymbol(symbols[k])
                                .setOpenTimeMs(t)
                                .setIntervalMs(60_000L)
                                .setOpen(open)
                                .setHigh(high)
                                .setLow(low)
                                .setClose(close)
                                .setVolume(volume)
                                .setTrades(10L)
                                .setTakerBuyVolume(takerBuy)
                                .build());
            }
        }
        binanceCsv = csv.toString();
    }

    private int run(String... args) {
        return FeaturesCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** What the job's calculator gives for one symbol's candles, computed directly. */
    private List<FeatureVector> expected(String symbol, FeatureCalculator calc) {
        FeatureState s = new FeatureState();
        List<FeatureVector> v = new ArrayList<>();
        for (Candle c : candles) {
            if (c.getSymbol().equals(symbol)) {
                v.add(calc.onCandle(s, c));
            }
        }
        return v;
    }

    private static String field(String[] header, String[] row, String column) {
        int i = Arrays.asList(header).indexOf(column);
        assertThat(i).as("column %s", column).isNotNegative();
        return row[i];
    }

    @Test
    void printsAHeaderAndOneRowPerBarWithTheCalculatorsValues() throws IOException {
        Path csv = write("candles.csv", binanceCsv);

        assertThat(run("--input", csv.toString())).isZero();

        List<String> lines = lines();
        assertThat(lines).hasSize(1 + 2 * BARS);
        String[] header = lines.get(0).split(",");
        assertThat(header)
                .containsExactly(FeaturesCommand.COLUMN_NAMES.toArray(String[]::new))
                .contains("time", "open_time_ms", "symbol", "close", "rsi", "adx", "macd")
                .contains("bollinger_percent_b", "vpin", "regime", "warm");
        assertThat(errors()).isEmpty();

        FeatureCalculator calc = new FeatureCalculator(FeatureConfig.defaults());
        List<FeatureVector> near = expected("NEARUSDT", calc);
        List<String[]> nearRows =
                lines.subList(1, lines.size()).stream()
                        .map(l -> l.split(",", -1))
                        .filter(f -> field(header, f, "symbol").equals("NEARUSDT"))
                        .toList();
        assertThat(nearRows).hasSize(BARS);
        for (int i : new int[] {0, 1, 30, FeatureConfig.defaults().warmUpBars(), BARS - 1}) {
            String[] row = nearRows.get(i);
            FeatureVector v = near.get(i);
            assertThat(row).hasSize(header.length);
            assertThat(field(header, row, "time"))
                    .isEqualTo(Instant.ofEpochMilli(T0 + i * 60_000L).toString());
            assertThat(Long.parseLong(field(header, row, "open_time_ms"))).isEqualTo(v.eventTimeMs);
            assertThat(Double.parseDouble(field(header, row, "close"))).isEqualTo(v.close);
            assertThat(Double.parseDouble(field(header, row, "rsi"))).isEqualTo(v.rsi);
            assertThat(Double.parseDouble(field(header, row, "adx"))).isEqualTo(v.adx);
            assertThat(Double.parseDouble(field(header, row, "macd_histogram")))
                    .isEqualTo(v.macdHistogram);
            assertThat(Double.parseDouble(field(header, row, "bollinger_bandwidth")))
                    .isEqualTo(v.bollingerBandwidth);
            assertThat(Double.parseDouble(field(header, row, "vpin"))).isEqualTo(v.vpin);
            assertThat(field(header, row, "regime")).isEqualTo(v.regime.name());
            assertThat(Boolean.parseBoolean(field(header, row, "warm"))).isEqualTo(v.warm);
        }
        assertThat(Boolean.parseBoolean(field(header, nearRows.get(BARS - 1), "warm"))).isTrue();
        // the taker-buy column is used: VPIN of the first bar is |2 * taker - volume| / volume
        Candle first = candles.get(1);
        assertThat(Double.parseDouble(field(header, nearRows.get(0), "vpin")))
                .isEqualTo(
                        Math.abs(2 * first.getTakerBuyVolume() - first.getVolume())
                                / first.getVolume());
    }

    @Test
    void symbolFiltersAndGzippedInputIsRead() throws IOException {
        Path gz = dir.resolve("candles.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(binanceCsv.getBytes(StandardCharsets.UTF_8));
        }

        assertThat(run("--input=" + gz, "--symbol", "FILUSDT")).isZero();

        List<String> lines = lines();
        assertThat(lines).hasSize(1 + BARS);
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.contains(",FILUSDT,"));
    }

    @Test
    void aFileWithoutSymbolsTakesTheGivenOneAndAnIsoTimeColumn() throws IOException {
        Path csv =
                write(
                        "spy.csv",
                        "time,open,high,low,close,volume\n"
                                + "2013-10-07T13:30:00Z,168.5,168.7,168.4,168.6,1000\n"
                                + "2013-10-07T13:31:00Z,168.6,168.8,168.5,168.7,1200\n");

        assertThat(run("--input", csv.toString(), "--symbol", "SPY")).isZero();

        List<String> lines = lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("2013-10-07T13:30:00Z,1381152600000,SPY,60000,");
        assertThat(lines.get(2)).contains(",true,");
    }

    @Test
    void periodsAndThresholdsAreTheJobsOptions() throws IOException {
        Path csv = write("candles.csv", binanceCsv);

        assertThat(
                        run(
                                "--input",
                                csv.toString(),
                                "--symbol",
                                "FILUSDT",
                                "--tauflow.features.rsi-period=5",
                                "--tauflow.regime.adx-trending",
                                "30"))
                .isZero();

        FeatureCalculator calc =
                new FeatureCalculator(
                        FeatureConfig.builder().rsiPeriod(5).build(),
                        new RegimeConfig(30, 20, 1.5, 1.5));
        List<FeatureVector> fil = expected("FILUSDT", calc);
        String[] header = lines().get(0).split(",");
        String[] row = lines().get(10).split(",", -1);
        assertThat(Double.parseDouble(field(header, row, "rsi"))).isEqualTo(fil.get(9).rsi);
        assertThat(fil.get(9).rsi)
                .isNotEqualTo(
                        expected("FILUSDT", new FeatureCalculator(FeatureConfig.defaults()))
                                .get(9)
                                .rsi);
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--input=FILE", "--symbol=S", "--conf-dir=DIR");
    }

    @Test
    void errorsExitWithTwoAndNameTheProblem() throws IOException {
        assertThat(run()).isEqualTo(2);
        assertThat(errors()).contains("Missing required option: '--input=FILE'");

        err.reset();
        assertThat(run("--input", dir.resolve("missing.csv").toString())).isEqualTo(2);
        assertThat(errors()).contains("no such file: ").contains("missing.csv");

        err.reset();
        Path noClose =
                write("no-close.csv", "symbol,open_time_ms,open,high,low,volume\nX,0,1,1,1,1\n");
        assertThat(run("--input", noClose.toString())).isEqualTo(2);
        assertThat(errors()).contains("no-close.csv").contains("missing required column 'close'");

        err.reset();
        Path noTime = write("no-time.csv", "symbol,open,high,low,close,volume\nX,1,1,1,1,1\n");
        assertThat(run("--input", noTime.toString())).isEqualTo(2);
        assertThat(errors()).contains("no time column");

        err.reset();
        Path bad =
                write(
                        "bad.csv",
                        "symbol,open_time_ms,open,high,low,close,volume\n"
                                + "X,0,1,1,1,1,1\n"
                                + "X,60000,1,high?,1,1,1\n");
        assertThat(run("--input", bad.toString())).isEqualTo(2);
        assertThat(errors()).contains("line 3, column 'high': not a number: 'high?'");

        err.reset();
        Path csv = write("candles.csv", binanceCsv);
        assertThat(run("--input", csv.toString(), "--symbol", "BTCUSDT")).isEqualTo(2);
        assertThat(errors()).contains("no rows for symbol BTCUSDT").contains("FILUSDT, NEARUSDT");

        err.reset();
        assertThat(run("--input", csv.toString(), "--tauflow.features.atr-period=1")).isEqualTo(2);
        assertThat(errors()).contains("tauflow.features").contains("ATR period must be >= 2");

        err.reset();
        assertThat(run("--input", csv.toString(), "--symbol")).isEqualTo(2);
        assertThat(errors()).contains("Missing required parameter for option '--symbol'");
        assertThat(out.size()).as("nothing printed on errors").isZero();
    }
}
