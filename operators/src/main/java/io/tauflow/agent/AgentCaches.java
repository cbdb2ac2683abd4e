package io.tauflow.agent;

import io.tauflow.config.OptionReader;
import java.io.Serializable;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Sizes of the symbol agent operator's two in-memory caches in front of its keyed state ({@code
 * docs/AGENT.md}, "State access per candle"); 0 turns a cache off.
 *
 * @param symbolSlots slots of the {@link SymbolStateCache}: each symbol's {@link SymbolState}
 *     object as last written, so that a candle reads no state (on backends that keep no reference
 *     to a written object, such as RocksDB)
 * @param rowSlots slots of the {@link QRowCache}: Q-table rows as last read or written
 */
public record AgentCaches(int symbolSlots, int rowSlots) implements Serializable {

    /** 1,024 symbols (about 2.5 KB each) and 65,536 Q-table rows (about 40 bytes each). */
    public static final AgentCaches DEFAULTS = new AgentCaches(1 << 10, 1 << 16);

    /** No cache: every read goes to the state backend. */
    public static final AgentCaches OFF = new AgentCaches(0, 0);

    public AgentCaches {
        if (symbolSlots < 0 || symbolSlots > 1 << 30) {
            throw new IllegalArgumentException(
                    "symbol cache slots must be in 0..2^30, got " + symbolSlots);
        }
        if (rowSlots < 0 || rowSlots > 1 << 30) {
            throw new IllegalArgumentException(
                    "row cache slots must be in 0..2^30, got " + rowSlots);
        }
    }

    /** The {@code tauflow.agent.*-cache-slots} options ({@link AgentOptions}). */
    public static AgentCaches from(ReadableConfig conf) {
        return new AgentCaches(
                OptionReader.range(conf, AgentOptions.SYMBOL_CACHE_SLOTS, 0, 1 << 30),
                OptionReader.range(conf, AgentOptions.ROW_CACHE_SLOTS, 0, 1 << 30));
    }
}
