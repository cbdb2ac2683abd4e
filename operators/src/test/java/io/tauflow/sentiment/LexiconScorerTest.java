package io.tauflow.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class LexiconScorerTest {

    private static final String LEXICON =
            "term,score\n"
                    + "good,3\n"
                    + "bad,-3\n"
                    + "not good,-2\n"
                    + "does not work,-3\n"
                    + "work,1\n"
                    + "well-being,2\n"
                    + "don't,-1\n"
                    + "shares,0\n"
                    + "beat,2\n"
                    + "\n"
                    + "\"sell off\",-2\n";

    private static final LexiconScorer SCORER = LexiconScorer.load(new StringReader(LEXICON));

    @Test
    void loadsTermsIncludingMultiWordAndQuoted() {
        assertThat(SCORER.size()).isEqualTo(10);
        assertThat(SCORER.terms())
                .containsEntry("not good", -2)
                .containsEntry("well being", 2)
                .containsEntry("sell off", -2);
    }

    @Test
    void singleWordsAreSummedAndDoubled() {
        // good(+3) + beat(+2) = 5 -> 2 * 5 = 10
        assertThat(SCORER.valence("Good quarter: $XYZ beat estimates")).isEqualTo(5);
        assertThat(SCORER.score("Good quarter: $XYZ beat estimates")).isEqualTo(10.0);
        // bad(-3) -> -6; case-insensitive
        assertThat(SCORER.score("BAD news for shares")).isEqualTo(-6.0);
        // no known term
        assertThat(SCORER.score("Flat open, volume light")).isEqualTo(0.0);
        assertThat(SCORER.score("")).isEqualTo(0.0);
        assertThat(SCORER.score(null)).isEqualTo(0.0);
    }

    @Test
    void longestMultiWordTermWinsAndConsumesItsWords() {
        // "not good"(-2), not good(+3): -2 -> -4
        assertThat(SCORER.score("Guidance is not good.")).isEqualTo(-4.0);
        // "does not work"(-3) beats "work"(+1): -3 -> -6
        assertThat(SCORER.score("The new chip does not work")).isEqualTo(-6.0);
        // "work"(+1) alone, "does" and "not" are unknown: +1 -> 2
        assertThat(SCORER.score("Does it work? Not yet")).isEqualTo(2.0);
        // hyphenated term matches both spellings: well-being(+2) twice = 4 -> 8
        assertThat(SCORER.score("Employee well-being, well being")).isEqualTo(8.0);
        // "sell-off"(-2) + "sell off"(-2) = -4 -> -8
        assertThat(SCORER.score("A sell-off, then another sell off")).isEqualTo(-8.0);
    }

    @Test
    void apostrophesStayInsideTokens() {
        // "don't"(-1); quoted 'good'(+3) with its quotes dropped: 2 -> 4
        assertThat(SCORER.score("I don't think it's 'good'")).isEqualTo(4.0);
        // "dont" is not "don't"
        assertThat(SCORER.score("dont")).isEqualTo(0.0);
    }

    @Test
    void scoreIsClampedToPlusMinusTen() {
        // 4 * good(+3) = 12 -> 24 -> 10
        assertThat(SCORER.valence("good good good good")).isEqualTo(12);
        assertThat(SCORER.score("good good good good")).isEqualTo(10.0);
        // 3 * bad(-3) = -9 -> -18 -> -10
        assertThat(SCORER.score("bad, bad, bad")).isEqualTo(-10.0);
    }

    @Test
    void laterDuplicateWinsAndMalformedLinesAreRejected() {
        LexiconScorer dup = LexiconScorer.load(new StringReader("up,1\nup,2\n"));
        assertThat(dup.score("up")).isEqualTo(4.0);

        assertThatThrownBy(() -> LexiconScorer.load(new StringReader("term,score\ngood,x\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> LexiconScorer.load(new StringReader("term,score\ngood\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> LexiconScorer.load(new StringReader("term,score\n--,1\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void isSerializable() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(SCORER);
        }
        LexiconScorer copy;
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (LexiconScorer) in.readObject();
        }
        assertThat(copy.score("Guidance is not good.")).isEqualTo(-4.0);
    }
}
