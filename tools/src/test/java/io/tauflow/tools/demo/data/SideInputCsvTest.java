package io.tauflow.tools.demo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.SentimentScore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SideInputCsvTest {

    @TempDir Path dir;

    @Test
    void sentimentRowsAreScoredReadings() throws Exception {
        Path f =
                Files.writeString(
                        dir.resolve("s.csv"),
                        "time,symbol,score,text\n"
                                + "2024-02-01T00:01:00Z,ALGOUSDT,0.5,good\n"
                                + "2024-02-01T00:00:00Z,BTCUSDT,-0.25,\n");
        List<SentimentScore> s = SideInputCsv.readSentiment(f);
        assertThat(s).extracting(SentimentScore::getSymbol).containsExactly("BTCUSDT", "ALGOUSDT");
        assertThat(s.get(1).getScore()).isEqualTo(0.5);
        assertThat(s.get(1).getSource()).isEqualTo("file");
        assertThat(s.get(1).getText()).isEqualTo("good");
        assertThat(s.get(0).getText()).isNull();

        Path bad = Files.writeString(dir.resolve("bad.csv"), "time_ms,symbol,score\n");
        assertThatThrownBy(() -> SideInputCsv.readSentiment(bad))
                .hasMessageContaining("no time column");
        Path out =
                Files.writeString(dir.resolve("out.csv"), "open_time_ms,symbol,score\n0,A,1.5\n");
        assertThatThrownBy(() -> SideInputCsv.readSentiment(out))
                .hasMessageContaining(
                        "out.csv: line 2, column 'score': score 1.5 is outside [-1, 1]");
    }

    @Test
    void orderBookRowsOfOneSymbolAndTimeMakeASnapshot() throws Exception {
        Path f =
                Files.writeString(
                        dir.resolve("b.csv"),
                        "open_time_ms,symbol,side,price,quantity\n"
                                + "0,A,bid,9.9,1\n"
                                + "0,A,ask,10.1,2\n"
                                + "0,A,bid,10.0,3\n"
                                + "60000,A,ask,10.2,1\n");
        List<OrderBookSnapshot> b = SideInputCsv.readOrderBooks(f);
        assertThat(b).hasSize(2);
        assertThat(b.get(0).getBids()).extracting(l -> l.getPrice()).containsExactly(10.0, 9.9);
        assertThat(b.get(0).getAsks()).extracting(l -> l.getQuantity()).containsExactly(2.0);
        assertThat(b.get(1).getBids()).isEmpty();

        // Rows of two symbols interleaved at one time: still one snapshot per symbol and time.
        Path mixed =
                Files.writeString(
                        dir.resolve("m.csv"),
                        "open_time_ms,symbol,side,price,quantity\n"
                                + "0,A,bid,1,1\n0,B,bid,2,1\n0,A,ask,1.1,1\n0,B,ask,2.1,1\n");
        List<OrderBookSnapshot> m = SideInputCsv.readOrderBooks(mixed);
        assertThat(m).hasSize(2);
        assertThat(m).allMatch(s -> s.getBids().size() == 1 && s.getAsks().size() == 1);

        Path side =
                Files.writeString(
                        dir.resolve("side.csv"),
                        "open_time_ms,symbol,side,price,quantity\n0,A,mid,1,1\n");
        assertThatThrownBy(() -> SideInputCsv.readOrderBooks(side))
                .hasMessageContaining("line 2, column 'side': expected bid or ask, got 'mid'");
        Path unsorted =
                Files.writeString(
                        dir.resolve("u.csv"),
                        "open_time_ms,symbol,side,price,quantity\n60000,A,bid,1,1\n0,A,bid,1,1\n");
        assertThatThrownBy(() -> SideInputCsv.readOrderBooks(unsorted))
                .hasMessageContaining("line 3, column 'open_time_ms': unsorted time");
    }
}
