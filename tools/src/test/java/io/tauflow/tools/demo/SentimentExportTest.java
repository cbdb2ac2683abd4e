package io.tauflow.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.schema.SentimentScore;
import io.tauflow.tools.demo.data.SideInputCsv;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentimentExportTest {

    @TempDir Path dir;

    @Test
    void theBundledTweetsReadBackAsTextsForTheJobToScore() throws Exception {
        List<SentimentScore> tweets = DemoData.load().sentiment();
        assertThat(tweets).isNotEmpty();
        Path file = dir.resolve("sentiment.csv");

        assertThat(SentimentExport.write(tweets, file)).isEqualTo(tweets.size());

        List<SentimentScore> back = SideInputCsv.readSentiment(file);
        assertThat(back).hasSameSizeAs(tweets);
        for (int i = 0; i < back.size(); i++) {
            assertThat(back.get(i).getEventTimeMs()).isEqualTo(tweets.get(i).getEventTimeMs());
            assertThat(back.get(i).getSymbol()).isEqualTo(tweets.get(i).getSymbol());
            // commas, quotes and line breaks of the texts survive the CSV
            assertThat(back.get(i).getText()).isEqualTo(tweets.get(i).getText().toString());
            assertThat(back.get(i).getScore()).isNaN();
        }
    }
}
