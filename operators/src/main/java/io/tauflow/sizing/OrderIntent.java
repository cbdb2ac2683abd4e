package io.tauflow.sizing;

import io.tauflow.schema.Emotion;
import io.tauflow.schema.Side;
import java.util.Objects;

/**
 * An order the sizer wants, before the risk gate has seen it. Opening intents carry a notional;
 * closing intents close whatever position the gate holds for the symbol. A POJO.
 */
public class OrderIntent {
    public String clientOrderId;
    public String account;
    public String symbol;
    public Side side;
    public boolean closing;
    public double notional;
    public double price;
    public long eventTimeMs;
    public double confidence;

    /**
     * Wall-clock arrival (epoch ms) at the source of the candle this intent was decided on; 0 if
     * unknown. Measures the decision latency only.
     */
    public long arrivalMs;

    public Emotion emotion;

    /** Why a closing intent closes; null for opening intents. */
    public ExitReason exit;

    public OrderIntent() {}

    /**
     * Deterministic id {@code account:symbol:eventTimeMs:B|S}: one decision per symbol and bar, so
     * account, symbol, time and side name it, and a replay of the same input repeats it.
     */
    public static String clientOrderId(String account, String symbol, long eventTimeMs, Side side) {
        return account + ":" + symbol + ":" + eventTimeMs + ":" + (side == Side.BUY ? "B" : "S");
    }

    /**
     * Id of a closing order the risk gate itself sends when the account's margin falls below the
     * guard: {@code account:symbol:eventTimeMs:L}.
     */
    public static String liquidationOrderId(String account, String symbol, long eventTimeMs) {
        return account + ":" + symbol + ":" + eventTimeMs + ":L";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrderIntent
                && Objects.equals(clientOrderId, ((OrderIntent) o).clientOrderId)
                && notional == ((OrderIntent) o).notional;
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientOrderId);
    }

    @Override
    public String toString() {
        return clientOrderId
                + " "
                + (closing ? "close" + (exit != null ? "(" + exit + ")" : "") : "open")
                + " notional="
                + notional
                + " @"
                + price;
    }
}
