package io.tauflow.tools.demo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tauflow.schema.Candle;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandleCsvTest {

    @Test
    void readsEpochMillisWithOptionalColumnsAndSortsByTimeThenSymbol() {
        String csv =
                "symbol,open_time_ms,open,high,low,close,volume,trades,taker_buy_volume\n"
                        + "BBB,120000,10,11,9,10.5,100,7,40.5\n"
                        + "AAA,120000,1,2,0.5,1.5,3,,\n"
                        + "BBB,0,9,10,8,9.5,50,3,20\n"
                        + "AAA,0,1,1,1,1,1,1,1\n"
                        + "BBB,60000,9.5,10,9,10,60,4,30\n"
                        + "CCC,5,1,1,1,1,1,1,1\n";

        List<Candle> candles = CandleCsv.read(new StringReader(csv), "TEST");

        assertThat(candles)
                .extracting(Candle::getOpenTimeMs, Candle::getSymbol)
                .containsExactly(
                        tuple(0L, "AAA"),
                        tuple(0L, "BBB"),
                        tuple(5L, "CCC"),
                        tuple(60000L, "BBB"),
                        tuple(120000L, "AAA"),
                        tuple(120000L, "BBB"));
        // AAA: one gap of 120000; BBB: two gaps of 60000; CCC: a single row -> default.
        assertThat(intervals(candles))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("AAA", 120000L, "BBB", 60000L, "CCC", 60000L));

        Candle b = candles.get(5);
        assertThat(b.getVenue()).isEqualTo("TEST");
        assertThat(b.getOpen()).isEqualTo(10.0);
        assertThat(b.getHigh()).isEqualTo(11.0);
        assertThat(b.getLow()).isEqualTo(9.0);
        assertThat(b.getClose()).isEqualTo(10.5);
        assertThat(b.getVolume()).isEqualTo(100.0);
        assertThat(b.getTrades()).isEqualTo(7L);
        assertThat(b.getTakerBuyVolume()).isEqualTo(40.5);
        Candle blanks = candles.get(4);
        assertThat(blanks.getTrades()).isNull();
        assertThat(blanks.getTakerBuyVolume()).isNull();
    }

    @Test
    void mostCommonGapWinsOverOccasionalMissingBars() {
        String csv =
                "symbol,open_time_ms,open,high,low,close,volume\n"
                        + "X,0,1,1,1,1,1\n"
                        + "X,300000,1,1,1,1,1\n"
                        + "X,360000,1,1,1,1,1\n"
                        + "X,420000,1,1,1,1,1\n"
                        + "X,420000,1,1,1,1,1\n";

        List<Candle> candles = CandleCsv.read(new StringReader(csv), "TEST");

        assertThat(candles).extracting(Candle::getIntervalMs).containsOnly(60000L);
    }

    @Test
    void readsIsoInstantsAndPlainDatesWithDefaultSymbol() {
        String dates =
                "date,open,high,low,close,volume\n"
                        + "2014-12-02,379.25,384.0,377.86,381.65,2.5\n"
                        + "2014-12-01,370.0,379.99,365.0,379.25,3.5\n";

        List<Candle> daily = CandleCsv.read(new StringReader(dates), "LEAN", "BTCUSD");

        assertThat(daily).extracting(Candle::getSymbol).containsOnly("BTCUSD");
        assertThat(daily)
                .extracting(Candle::getOpenTimeMs)
                .containsExactly(
                        Instant.parse("2014-12-01T00:00:00Z").toEpochMilli(),
                        Instant.parse("2014-12-02T00:00:00Z").toEpochMilli());
        assertThat(daily).extracting(Candle::getIntervalMs).containsOnly(86_400_000L);

        String instants =
                "symbol,time_utc,open,high,low,close,volume\n"
                        + "USDCHF,1996-03-31T22:30:00Z,1,1,1,1,0\n"
                        + ",1996-03-31T22:00:00Z,1,1,1,1,0\n";
        List<Candle> fx = CandleCsv.read(new StringReader(instants), "FX", "DEFAULT");
        assertThat(fx)
                .extracting(Candle::getSymbol, Candle::getOpenTimeMs, Candle::getIntervalMs)
                .containsExactly(
                        tuple(
                                "DEFAULT",
                                Instant.parse("1996-03-31T22:00:00Z").toEpochMilli(),
                                60000L),
                        tuple(
                                "USDCHF",
                                Instant.parse("1996-03-31T22:30:00Z").toEpochMilli(),
                                60000L));
    }

    @Test
    void prefersOpenTimeMsOverIsoColumn() {
        String csv =
                "symbol,open_time_utc,open_time_ms,open,high,low,close,volume\n"
                        + "S,this-is-ignored,1000,1,1,1,1,1\n";

        assertThat(CandleCsv.read(new StringReader(csv), "V"))
                .extracting(Candle::getOpenTimeMs)
                .containsExactly(1000L);
    }

    @Test
    void malformedRowNamesLineAndColumn() {
        String csv =
                "symbol,open_time_ms,open,high,low,close,volume\n"
                        + "S,0,1,1,1,1,1\n"
                        + "S,60000,1,oops,1,1,1\n";

        assertThatThrownBy(() -> CandleCsv.read(new StringReader(csv), "V"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("'high'")
                .hasMessageContaining("oops");
    }

    @Test
    void badTimeAndShortRowNameLineAndColumn() {
        String badTime =
                "symbol,open_time_utc,open,high,low,close,volume\n"
                        + "S,2013-10-04 08:06,1,1,1,1,1\n";
        assertThatThrownBy(() -> CandleCsv.read(new StringReader(badTime), "V"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("'open_time_utc'");

        String shortRow = "symbol,open_time_ms,open,high,low,close,volume\n\n" + "S,0,1,1,1\n";
        assertThatThrownBy(() -> CandleCsv.read(new StringReader(shortRow), "V"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("'close'");
    }

    @Test
    void missingColumnsAreRejected() {
        assertThatThrownBy(
                        () ->
                                CandleCsv.read(
                                        new StringReader(
                                                "open_time_ms,open,high,low,close,volume\n"),
                                        "V"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'symbol'");
        assertThatThrownBy(
                        () ->
                                CandleCsv.read(
                                        new StringReader("symbol,open,high,low,close,volume\n"),
                                        "V"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("open_time_ms");
        assertThatThrownBy(
                        () ->
                                CandleCsv.read(
                                        new StringReader(
                                                "symbol,open_time_ms,open,high,low,close\n"),
                                        "V"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'volume'");
    }

    @Test
    void readsBundledLeanMinuteBars() {
        List<Candle> candles = CandleCsv.readResource(DataResources.LEAN_US_EQUITY_1M, "LEAN");

        assertThat(candles).hasSize(13_429);
        assertThat(candles).extracting(Candle::getSymbol).containsOnly("SPY", "IBM", "BAC", "AIG");
        assertThat(intervals(candles))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("SPY", 60000L, "IBM", 60000L, "BAC", 60000L, "AIG", 60000L));
        assertThat(
                        candles.stream()
                                .collect(
                                        Collectors.groupingBy(
                                                Candle::getSymbol, Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("SPY", 4839L, "BAC", 3466L, "IBM", 2566L, "AIG", 2558L));

        Candle firstSpy =
                candles.stream().filter(c -> c.getSymbol().equals("SPY")).findFirst().get();
        assertThat(Instant.ofEpochMilli(firstSpy.getOpenTimeMs()))
                .isEqualTo(Instant.parse("2013-10-04T08:06:00Z"));
        assertThat(firstSpy.getOpen()).isEqualTo(167.65);
        assertThat(firstSpy.getVolume()).isEqualTo(20000.0);
        assertThat(firstSpy.getVenue()).isEqualTo("LEAN");
        assertThat(firstSpy.getTrades()).isNull();
        assertThat(firstSpy.getTakerBuyVolume()).isNull();

        assertThat(candles.get(candles.size() - 1).getOpenTimeMs())
                .isEqualTo(Instant.parse("2013-10-11T23:59:00Z").toEpochMilli());
        for (int i = 1; i < candles.size(); i++) {
            Candle a = candles.get(i - 1);
            Candle b = candles.get(i);
            assertThat(
                            a.getOpenTimeMs() < b.getOpenTimeMs()
                                    || (a.getOpenTimeMs() == b.getOpenTimeMs()
                                            && a.getSymbol().compareTo(b.getSymbol()) < 0))
                    .as("ordered at %d", i)
                    .isTrue();
            assertThat(b.getLow()).isLessThanOrEqualTo(Math.min(b.getOpen(), b.getClose()));
            assertThat(b.getHigh()).isGreaterThanOrEqualTo(Math.max(b.getOpen(), b.getClose()));
        }
    }

    @Test
    void strictReadingRefusesBrokenAndUnorderedBarsNamingFileLineAndColumn(@TempDir Path dir)
            throws Exception {
        String header = "symbol,open_time_ms,open,high,low,close,volume\n";
        Path brokenBar = dir.resolve("broken.csv");
        Files.writeString(brokenBar, header + "A,0,1,1,1,1,1\nA,60000,1,0.9,1.1,1,1\n");
        assertThatThrownBy(() -> CandleCsv.readFile(brokenBar, "T", null, true))
                .hasMessageContaining(
                        "broken.csv: line 3, column 'high': high 0.9 is below low 1.1");

        Path duplicate = dir.resolve("duplicate.csv");
        Files.writeString(duplicate, header + "A,0,1,1,1,1,1\nB,0,1,1,1,1,1\nA,0,1,1,1,1,1\n");
        assertThatThrownBy(() -> CandleCsv.readFile(duplicate, "T", null, true))
                .hasMessageContaining(
                        "duplicate.csv: line 4, column 'open_time_ms': duplicate time")
                .hasMessageContaining("of A: not after the bar at line 2");

        Path unsorted = dir.resolve("unsorted.csv");
        Files.writeString(unsorted, header + "A,60000,1,1,1,1,1\nA,0,1,1,1,1,1\n");
        assertThatThrownBy(() -> CandleCsv.readFile(unsorted, "T", null, true))
                .hasMessageContaining("line 3, column 'open_time_ms': unsorted time");

        // Not strict (features, risk): read and sorted as before.
        assertThat(CandleCsv.readFile(unsorted, "T", null, false)).hasSize(2);
    }

    private static Map<String, Long> intervals(List<Candle> candles) {
        return candles.stream()
                .collect(
                        Collectors.toMap(
                                Candle::getSymbol,
                                Candle::getIntervalMs,
                                (a, b) -> {
                                    assertThat(a).isEqualTo(b);
                                    return a;
                                }));
    }
}
