package io.tauflow.emotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.schema.Action;
import io.tauflow.schema.Emotion;
import org.junit.jupiter.api.Test;

/**
 * The protocol against the seed's own strings, written as code points so an editor cannot change
 * them: HOLD is U+23F8 followed by the emoji variation selector U+FE0F; the bar cells are U+2588
 * and U+2591.
 */
class EmojiProtocolSeedTest {

    @Test
    void emotionsAreTheSeedsCodePoints() {
        assertThat(EmojiProtocol.emotion(Emotion.HAPPY)).isEqualTo("\uD83D\uDE0A"); // U+1F60A
        assertThat(EmojiProtocol.emotion(Emotion.NEUTRAL)).isEqualTo("\uD83D\uDE10"); // U+1F610
        assertThat(EmojiProtocol.emotion(Emotion.WORRIED)).isEqualTo("\uD83D\uDE1F"); // U+1F61F
        assertThat(EmojiProtocol.emotion(Emotion.SCARED)).isEqualTo("\uD83D\uDE30"); // U+1F630
        assertThat(EmojiProtocol.emotion(Emotion.EXCITED)).isEqualTo("\uD83E\uDD29"); // U+1F929
    }

    @Test
    void actionsAreTheSeedsCodePoints() {
        assertThat(EmojiProtocol.action(Action.BUY)).isEqualTo("\uD83D\uDFE2"); // U+1F7E2
        assertThat(EmojiProtocol.action(Action.SELL)).isEqualTo("\uD83D\uDD34"); // U+1F534
        assertThat(EmojiProtocol.action(Action.HOLD)).isEqualTo("\u23F8\uFE0F");
        assertThat(EmojiProtocol.action(Action.HOLD).codePoints()).containsExactly(0x23F8, 0xFE0F);
        assertThat(EmojiProtocol.action(Action.WAIT)).isEqualTo("\u23F3");
    }

    @Test
    void confidenceBarsAreTheSeedsStrings() {
        assertThat(EmojiProtocol.confidenceBar(1.0))
                .isEqualTo("[\u2588\u2588\u2588\u2588\u2588] 100%");
        assertThat(EmojiProtocol.confidenceBar(0.6))
                .isEqualTo("[\u2588\u2588\u2588\u2591\u2591] 60%");
        assertThat(EmojiProtocol.confidenceBar(0.2))
                .isEqualTo("[\u2588\u2591\u2591\u2591\u2591] 20%");
    }

    @Test
    void indicatorsAreTheSeedsCodePointsInItsOrder() {
        // every indicator at once is impossible (a streak is hot or cold), so two messages:
        // hot streak, in profit, high greed, good reward
        String hot = EmojiProtocol.render(Emotion.EXCITED, Action.BUY, 1.0, 4, true, 1.0);
        assertThat(hot)
                .isEqualTo(
                        "\uD83E\uDD29 \uD83D\uDFE2 [\u2588\u2588\u2588\u2588\u2588] 100% "
                                + "\uD83D\uDD25" // U+1F525 hot streak
                                + "\uD83D\uDCB0" // U+1F4B0 in profit
                                + "\uD83D\uDC8E" // U+1F48E high greed
                                + "\uD83D\uDCC8"); // U+1F4C8 good reward
        // cold streak, high fear, bad reward
        String cold = EmojiProtocol.render(Emotion.SCARED, Action.WAIT, 0.2, -4, false, -1.0);
        assertThat(cold)
                .isEqualTo(
                        "\uD83D\uDE30 \u23F3 [\u2588\u2591\u2591\u2591\u2591] 20% "
                                + "\uD83D\uDC80" // U+1F480 cold streak
                                + "\uD83D\uDEA8" // U+1F6A8 high fear
                                + "\uD83D\uDCC9"); // U+1F4C9 bad reward
    }
}
