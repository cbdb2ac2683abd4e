package io.tauflow.emotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.schema.Action;
import io.tauflow.schema.Emotion;
import org.junit.jupiter.api.Test;

class EmojiProtocolTest {

    @Test
    void reproducesTheSeedsExample() {
        assertThat(EmojiProtocol.render(Emotion.SCARED, Action.WAIT, 0.2, -4, false, 0.0))
                .isEqualTo("😰 ⏳ [█░░░░] 20% 💀🚨");
    }

    @Test
    void reproducesTheSeedsConfidenceBars() {
        assertThat(EmojiProtocol.confidenceBar(1.0)).isEqualTo("[█████] 100%");
        assertThat(EmojiProtocol.confidenceBar(0.6)).isEqualTo("[███░░] 60%");
        assertThat(EmojiProtocol.confidenceBar(0.2)).isEqualTo("[█░░░░] 20%");
    }

    @Test
    void barCellsRoundToTheNearestFifthAndTheValueIsClamped() {
        assertThat(EmojiProtocol.confidenceBar(0.0)).isEqualTo("[░░░░░] 0%");
        assertThat(EmojiProtocol.confidenceBar(0.09)).isEqualTo("[░░░░░] 9%");
        assertThat(EmojiProtocol.confidenceBar(0.11)).isEqualTo("[█░░░░] 11%");
        assertThat(EmojiProtocol.confidenceBar(0.87)).isEqualTo("[████░] 87%");
        assertThat(EmojiProtocol.confidenceBar(0.91)).isEqualTo("[█████] 91%");
        assertThat(EmojiProtocol.confidenceBar(-0.5)).isEqualTo("[░░░░░] 0%");
        assertThat(EmojiProtocol.confidenceBar(1.5)).isEqualTo("[█████] 100%");
    }

    @Test
    void emotionsAndActionsUseTheSeedsSymbols() {
        assertThat(EmojiProtocol.emotion(Emotion.HAPPY)).isEqualTo("😊");
        assertThat(EmojiProtocol.emotion(Emotion.NEUTRAL)).isEqualTo("😐");
        assertThat(EmojiProtocol.emotion(Emotion.WORRIED)).isEqualTo("😟");
        assertThat(EmojiProtocol.emotion(Emotion.SCARED)).isEqualTo("😰");
        assertThat(EmojiProtocol.emotion(Emotion.EXCITED)).isEqualTo("🤩");
        // the seed lists "😟 Worried - Cautious": one symbol for both
        assertThat(EmojiProtocol.emotion(Emotion.CAUTIOUS)).isEqualTo("😟");
        assertThat(EmojiProtocol.action(Action.BUY)).isEqualTo("🟢");
        assertThat(EmojiProtocol.action(Action.SELL)).isEqualTo("🔴");
        assertThat(EmojiProtocol.action(Action.HOLD)).isEqualTo("⏸️");
        assertThat(EmojiProtocol.action(Action.WAIT)).isEqualTo("⏳");
    }

    @Test
    void noIndicatorsNoTrailingSpace() {
        assertThat(EmojiProtocol.render(Emotion.NEUTRAL, Action.BUY, 0.8, 0, false, 0.0))
                .isEqualTo("😐 🟢 [████░] 80%");
    }

    @Test
    void indicatorsFollowTheSeedsOrder() {
        // hot streak, in profit, high greed (EXCITED greed 0.8), good reward
        assertThat(EmojiProtocol.render(Emotion.EXCITED, Action.HOLD, 1.0, 4, true, 12.5))
                .isEqualTo("🤩 ⏸️ [█████] 100% 🔥💰💎📈");
        // cold streak, high fear (WORRIED fear 0.7, at the threshold), bad reward
        assertThat(EmojiProtocol.render(Emotion.WORRIED, Action.SELL, 0.6, -5, false, -3.0))
                .isEqualTo("😟 🔴 [███░░] 60% 💀🚨📉");
    }

    @Test
    void streaksOfThreeAndModerateEmotionsShowNothing() {
        assertThat(EmojiProtocol.render(Emotion.HAPPY, Action.WAIT, 0.4, 3, false, 0.0))
                .isEqualTo("😊 ⏳ [██░░░] 40%");
        assertThat(EmojiProtocol.render(Emotion.CAUTIOUS, Action.WAIT, 0.4, -3, false, 0.0))
                .isEqualTo("😟 ⏳ [██░░░] 40%");
    }
}
