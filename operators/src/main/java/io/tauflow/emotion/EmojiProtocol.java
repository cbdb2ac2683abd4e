package io.tauflow.emotion;

import io.tauflow.schema.Action;
import io.tauflow.schema.Emotion;

/**
 * Renders a decision in the seed's emoji protocol: {@code [Emotion] [Action] [Confidence bar]
 * [Indicators]}, e.g. {@code 😰 ⏳ [█░░░░] 20% 💀🚨}. The bar has five cells, one per 20 %
 * (rounded); indicators follow in the seed's order: 🔥 win streak above 3, 💀 loss streak above 3,
 * 💰 in profit, 🚨 fear at or above 0.7, 💎 greed at or above 0.7, 📈 positive reward, 📉 negative.
 */
public final class EmojiProtocol {

    private EmojiProtocol() {}

    public static String emotion(Emotion e) {
        switch (e) {
            case HAPPY:
                return "😊";
            case EXCITED:
                return "🤩";
            case CAUTIOUS:
            case WORRIED:
                return "😟";
            case SCARED:
                return "😰";
            default:
                return "😐";
        }
    }

    public static String action(Action a) {
        switch (a) {
            case BUY:
                return "🟢";
            case SELL:
                return "🔴";
            case HOLD:
                return "⏸️";
            default:
                return "⏳";
        }
    }

    public static String confidenceBar(double confidence) {
        double c = Math.max(0, Math.min(1, confidence));
        int filled = (int) Math.round(c * 5);
        return "[" + "█".repeat(filled) + "░".repeat(5 - filled) + "] " + Math.round(c * 100) + "%";
    }

    /**
     * @param streak consecutive closed trades, positive wins and negative losses
     * @param inProfit whether the open position (or the last close) is in profit
     * @param reward the reward of the step just finished
     */
    public static String render(
            Emotion emotion,
            Action action,
            double confidence,
            int streak,
            boolean inProfit,
            double reward) {
        EmotionProfile p = EmotionProfile.of(emotion);
        StringBuilder ind = new StringBuilder();
        if (streak > 3) {
            ind.append("🔥");
        }
        if (streak < -3) {
            ind.append("💀");
        }
        if (inProfit) {
            ind.append("💰");
        }
        if (p.fear >= 0.7) {
            ind.append("🚨");
        }
        if (p.greed >= 0.7) {
            ind.append("💎");
        }
        if (reward > 0) {
            ind.append("📈");
        } else if (reward < 0) {
            ind.append("📉");
        }
        String head = emotion(emotion) + " " + action(action) + " " + confidenceBar(confidence);
        return ind.length() == 0 ? head : head + " " + ind;
    }
}
