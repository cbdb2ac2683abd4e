package io.tauflow.regime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.schema.Regime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MarketRegimesTest {

    private static final long MINUTE = 60_000L;
    private static final long T0 = Instant.parse("2013-10-07T13:30:00Z").toEpochMilli();
    private static final long T1 = T0 + MINUTE;
    private static final long T2 = T0 + 2 * MINUTE;
    private static final long MAX_AGE = 15 * MINUTE;

    @Test
    void regimeAtPicksTheLatestMarkNotAfterTheTime() {
        List<Map.Entry<Long, Regime>> marks =
                List.of(
                        Map.entry(T2, Regime.BEAR_TRENDING),
                        Map.entry(T0, Regime.BULL_TRENDING),
                        Map.entry(T1, Regime.RANGE_BOUND));
        assertThat(MarketRegimes.regimeAt(marks, T1, MAX_AGE)).isEqualTo(Regime.RANGE_BOUND);
        assertThat(MarketRegimes.regimeAt(marks, T0 - 1, MAX_AGE)).isNull();
        assertThat(MarketRegimes.regimeAt(marks, T2 + MAX_AGE, MAX_AGE))
                .isEqualTo(Regime.BEAR_TRENDING);
        assertThat(MarketRegimes.regimeAt(marks, T2 + MAX_AGE + 1, MAX_AGE)).isNull();
    }

    @Test
    void pruneKeepsOnlyMarksWithinTheMaxAgeOfTheWatermark() {
        Map<Long, Regime> marks = new TreeMap<>();
        for (int i = 0; i < 40; i++) {
            marks.put(T0 + i * MINUTE, Regime.RANGE_BOUND);
        }
        MarketRegimes.prune(marks.entrySet().iterator(), Long.MIN_VALUE, MAX_AGE);
        assertThat(marks).hasSize(40);

        long watermark = T0 + 39 * MINUTE - 1;
        MarketRegimes.prune(marks.entrySet().iterator(), watermark, MAX_AGE);
        assertThat(marks.keySet()).allMatch(t -> t >= watermark - MAX_AGE);
        // T0 + 24 min .. T0 + 39 min: a bar just after the watermark can still use each of them
        assertThat(marks).hasSize(16).containsKey(T0 + 24 * MINUTE);
    }
}
