package io.tauflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LateWarningsTest {

    @Test
    void warnsAtTheFirstLateRecordThenAtMostOncePerIntervalWithTheCount() {
        LateWarnings w = new LateWarnings(60_000);
        assertThat(w.late("md.candles", 0)).startsWith("a record of md.candles was behind");
        assertThat(w.late("md.candles", 1_000)).isNull();
        assertThat(w.late("md.candles", 59_999)).isNull();
        assertThat(w.late("md.candles", 60_000))
                .startsWith("3 more records of md.candles were behind")
                .contains("Appending older data to a running job");
        assertThat(w.late("md.candles", 61_000)).isNull();
        // each source on its own
        assertThat(w.late("md.sentiment", 61_000)).startsWith("a record of md.sentiment");
    }
}
