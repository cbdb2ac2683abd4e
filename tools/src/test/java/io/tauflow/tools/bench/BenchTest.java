package io.tauflow.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.schema.Candle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BenchTest {

    private static List<Candle> series(String symbol, int n, long t0) {
        List<Candle> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double p = 100 + i;
            out.add(
                    Candle.newBuilder()
                            .setSymbol(symbol)
                            .setVenue("TEST")
                            .setOpenTimeMs(t0 + i * 60_000L)
                            .setIntervalMs(60_000L)
                            .setOpen(p)
                            .setHigh(p + 1)
                            .setLow(p - 1)
                            .setClose(p + 0.5)
                            .setVolume(10.0)
                            .build());
        }
        return out;
    }

    @Test
    void spreadingGivesEachSymbolAContiguousStretchOfOneRealSeriesOnACommonClock() {
        List<Candle> base = new ArrayList<>(series("AAA", 1_000, 1_000_000L));
        base.addAll(series("BBB", 800, 5_000_000L));

        List<Candle> out = Bench.spread(base, 1_000, 10);

        assertThat(out).hasSize(1_000);
        Map<String, List<Candle>> bySymbol =
                out.stream().collect(Collectors.groupingBy(Candle::getSymbol));
        assertThat(bySymbol).hasSize(10).containsKeys("AAA-000", "BBB-001", "AAA-008", "BBB-009");
        for (List<Candle> s : bySymbol.values()) {
            assertThat(s).hasSize(100);
            assertThat(s.get(0).getOpenTimeMs()).isEqualTo(1_000_000L);
            for (int i = 1; i < s.size(); i++) {
                // one interval apart, and the prices of consecutive real bars
                assertThat(s.get(i).getOpenTimeMs() - s.get(i - 1).getOpenTimeMs())
                        .isEqualTo(60_000L);
                assertThat(s.get(i).getOpen() - s.get(i - 1).getOpen()).isEqualTo(1.0);
            }
        }
        // later symbols of a series start further into it
        assertThat(bySymbol.get("AAA-002").get(0).getOpen())
                .isGreaterThan(bySymbol.get("AAA-000").get(0).getOpen());
        // sorted by time, then symbol
        for (int i = 1; i < out.size(); i++) {
            Candle a = out.get(i - 1);
            Candle b = out.get(i);
            assertThat(
                            a.getOpenTimeMs() < b.getOpenTimeMs()
                                    || a.getOpenTimeMs() == b.getOpenTimeMs()
                                            && a.getSymbol().compareTo(b.getSymbol()) < 0)
                    .isTrue();
        }
    }
}
