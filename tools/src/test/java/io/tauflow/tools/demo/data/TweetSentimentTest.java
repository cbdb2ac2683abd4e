package io.tauflow.tools.demo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tauflow.schema.Candle;
import io.tauflow.schema.SentimentScore;
import io.tauflow.sentiment.LexiconScorer;
import java.io.Reader;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TweetSentimentTest {

    private static final LexiconScorer SCORER =
            LexiconScorer.load(new StringReader("term,score\ngood,2\nbad,-3\nstrong,1\n"));

    @Test
    void spreadsTweetsEvenlyOverTheRangeAndKeepsTextUnchanged() {
        String csv =
                "row_id,text,label,label_name,cashtags\n"
                        + "0,\"$AAA good, really \"\"good\"\"\",1,bullish,AAA\n"
                        + "1,$ZZZ bad,0,bearish,ZZZ\n"
                        + "2,\"$AAA $BBB bad\nnews\",0,bearish,AAA;BBB\n"
                        + "3,$AAA strong,1,bullish,AAA\n"
                        + "4,no tags,2,neutral,\n";
        Map<String, long[]> ranges = new HashMap<>();
        ranges.put("AAA", new long[] {1000, 2000});
        ranges.put("BBB", new long[] {0, 10});

        List<SentimentScore> scores = TweetSentiment.read(new StringReader(csv), SCORER, ranges);

        // AAA has 3 tweets in [1000, 2000]: 1000 + k * 1000 / 4 for k = 1, 2, 3.
        // BBB has 1 tweet in [0, 10]: 0 + 1 * 10 / 2 = 5. ZZZ is not requested.
        assertThat(scores)
                .extracting(
                        SentimentScore::getEventTimeMs,
                        SentimentScore::getSymbol,
                        SentimentScore::getScore)
                .containsExactly(
                        tuple(5L, "BBB", -6.0),
                        tuple(1250L, "AAA", 8.0),
                        tuple(1500L, "AAA", -6.0),
                        tuple(1750L, "AAA", 2.0));
        assertThat(scores.get(1).getText()).isEqualTo("$AAA good, really \"good\"");
        assertThat(scores.get(0).getText()).isEqualTo("$AAA $BBB bad\nnews");
        assertThat(scores)
                .extracting(SentimentScore::getSource)
                .containsOnly("lexicon:afinn165-fin");
    }

    @Test
    void rejectsBadRangesAndMissingColumns() {
        assertThatThrownBy(
                        () ->
                                TweetSentiment.read(
                                        new StringReader("text,cashtags\n"),
                                        SCORER,
                                        Map.of("AAA", new long[] {5, 4})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AAA");
        assertThatThrownBy(
                        () ->
                                TweetSentiment.read(
                                        new StringReader("row_id,text\n0,hi\n"),
                                        SCORER,
                                        Map.of("AAA", new long[] {0, 1})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cashtags'");
    }

    @Test
    void scoresBundledTweetsInsideTheBundledCandleRange() throws Exception {
        List<Candle> candles = CandleCsv.readResource(DataResources.LEAN_US_EQUITY_1M, "LEAN");
        Map<String, long[]> ranges = new HashMap<>();
        for (Candle c : candles) {
            ranges.merge(
                    c.getSymbol(),
                    new long[] {c.getOpenTimeMs(), c.getOpenTimeMs()},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        LexiconScorer lexicon;
        try (Reader r = DataResources.open(DataResources.AFINN165_FINANCIAL_LEXICON)) {
            lexicon = LexiconScorer.load(r);
        }
        assertThat(lexicon.size()).isEqualTo(3555);

        List<SentimentScore> scores;
        try (Reader r = DataResources.open(DataResources.TWEETS_LEAN_SYMBOLS)) {
            scores = TweetSentiment.read(r, lexicon, ranges);
        }

        // 28 tweets; one mentions both SPY and BAC. No tweet in the extract mentions $AIG.
        assertThat(
                        scores.stream()
                                .collect(
                                        Collectors.groupingBy(
                                                SentimentScore::getSymbol, Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(Map.of("SPY", 25L, "IBM", 3L, "BAC", 1L));
        for (SentimentScore s : scores) {
            long[] range = ranges.get(s.getSymbol());
            assertThat(s.getEventTimeMs()).isStrictlyBetween(range[0], range[1]);
            assertThat(s.getScore()).isBetween(-10.0, 10.0);
        }
        for (int i = 1; i < scores.size(); i++) {
            assertThat(scores.get(i).getEventTimeMs())
                    .isGreaterThanOrEqualTo(scores.get(i - 1).getEventTimeMs());
        }
        // Hand-checked: "strong"(+2) "above"(+1) "high"(+1) "higher"(+1) = 5 -> clamp(10) = 10.
        assertThat(scores)
                .filteredOn(s -> s.getText().startsWith("$SPY strong breakout"))
                .extracting(SentimentScore::getScore)
                .containsExactly(10.0);
        // "big"(+1) "no"(-1) "disappoint"(-2) = -2 -> -4.
        assertThat(scores)
                .filteredOn(s -> s.getText().startsWith("The Big Picture"))
                .extracting(SentimentScore::getScore)
                .containsExactly(-4.0);
    }
}
