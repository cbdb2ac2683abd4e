package io.tauflow.benchmarks;

import io.tauflow.schema.Candle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recorded candles preloaded into an array and played in a loop, each with the index of its symbol,
 * so that a benchmark's per-candle work reads no file and can keep per-symbol state in arrays. The
 * loop goes on from the first candle after the last: the per-symbol state keeps evolving (one large
 * jump in price and time at each wrap).
 */
public final class CandleTape {

    private final Candle[] candles;
    private final int[] symbolIndex;
    private final String[] symbols;
    private int cursor;

    public CandleTape(List<Candle> recorded) {
        if (recorded.isEmpty()) {
            throw new IllegalArgumentException("no candles to play");
        }
        candles = recorded.toArray(new Candle[0]);
        symbolIndex = new int[candles.length];
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < candles.length; i++) {
            symbolIndex[i] = index.computeIfAbsent(candles[i].getSymbol(), s -> index.size());
        }
        symbols = new ArrayList<>(index.keySet()).toArray(new String[0]);
    }

    public int size() {
        return candles.length;
    }

    /** How many distinct symbols the tape holds; symbol indexes run from 0 to this, exclusive. */
    public int symbolCount() {
        return symbols.length;
    }

    public String symbol(int index) {
        return symbols[index];
    }

    /** Moves to the next candle (the first one after the last) and returns its position. */
    public int advance() {
        int i = cursor;
        cursor = i + 1 == candles.length ? 0 : i + 1;
        return i;
    }

    public Candle candle(int position) {
        return candles[position];
    }

    public int symbolIndex(int position) {
        return symbolIndex[position];
    }
}
