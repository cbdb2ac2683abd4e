package io.tauflow.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tauflow.agent.QRowCache.Lookup;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QRowCacheTest {

    private static QRow row(double... values) {
        return new QRow(values);
    }

    @Test
    void knowsNothingUntilFilledThenTheRowOrItsAbsence() {
        QRowCache cache = new QRowCache(64, 4);
        assertThat(cache.lookup("SPY", 7)).isEqualTo(Lookup.MISS);

        cache.fill("SPY", 7, row(1, 2, 3, 4));
        cache.fill("SPY", 8, null);
        assertThat(cache.lookup("SPY", 7)).isEqualTo(Lookup.ROW);
        assertThat(cache.row("SPY", 7).values).containsExactly(1, 2, 3, 4);
        assertThat(cache.lookup("SPY", 8)).isEqualTo(Lookup.ABSENT);
        // another key, or another state of the key, is not known
        assertThat(cache.lookup("IBM", 7)).isEqualTo(Lookup.MISS);
        assertThat(cache.lookup("SPY", 9)).isEqualTo(Lookup.MISS);
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(3);
    }

    @Test
    void keysMatchByEqualityNotIdentity() {
        QRowCache cache = new QRowCache(64, 4);
        cache.fill(new String("SPY"), 3, row(1, 1, 1, 1));
        assertThat(cache.lookup(new String("SPY"), 3)).isEqualTo(Lookup.ROW);
    }

    @Test
    void rowsGoInAndComeOutAsCopies() {
        QRowCache cache = new QRowCache(64, 4);
        QRow written = row(1, 2, 3, 4);
        cache.fill("SPY", 1, written);
        written.values[0] = 99;
        QRow read = cache.row("SPY", 1);
        assertThat(read.values).containsExactly(1, 2, 3, 4);
        read.values[1] = 99;
        assertThat(cache.row("SPY", 1).values).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aLaterFillReplacesTheRowAndAbsenceBecomesARow() {
        QRowCache cache = new QRowCache(64, 4);
        cache.fill("SPY", 1, null);
        cache.fill("SPY", 1, row(5, 6, 7, 8));
        assertThat(cache.lookup("SPY", 1)).isEqualTo(Lookup.ROW);
        assertThat(cache.row("SPY", 1).values).containsExactly(5, 6, 7, 8);
    }

    @Test
    void aSingleSlotHoldsOnlyTheLastFill() {
        QRowCache cache = new QRowCache(1, 4);
        cache.fill("SPY", 1, row(1, 1, 1, 1));
        cache.fill("IBM", 1, row(2, 2, 2, 2));
        assertThat(cache.lookup("SPY", 1)).isEqualTo(Lookup.MISS);
        assertThat(cache.lookup("IBM", 1)).isEqualTo(Lookup.ROW);
        assertThat(cache.row("IBM", 1).values).containsExactly(2, 2, 2, 2);
    }

    /**
     * Against a map as the table: random reads and writes over a few keys and states, every read
     * through the cache as the operator does it. What a read returns must always be the table's.
     */
    @Test
    void readThroughAlwaysAgreesWithTheTableItFronts() {
        QRowCache cache = new QRowCache(16, 4);
        Map<String, QRow> table = new HashMap<>();
        String[] keys = {"SPY", "IBM", "BAC"};
        Random random = new Random(11);
        int hits = 0;
        for (int i = 0; i < 20_000; i++) {
            String key = keys[random.nextInt(keys.length)];
            int state = random.nextInt(12);
            String id = key + "/" + state;
            if (random.nextInt(3) == 0) {
                QRow r = row(random.nextDouble(), random.nextDouble(), i, -i);
                table.put(id, new QRow(r.values.clone()));
                cache.fill(key, state, r);
            } else {
                QRow read;
                switch (cache.lookup(key, state)) {
                    case ROW:
                        read = cache.row(key, state);
                        hits++;
                        break;
                    case ABSENT:
                        read = null;
                        hits++;
                        break;
                    default:
                        read = table.get(id);
                        cache.fill(key, state, read);
                }
                assertThat(read).as("read %d of %s", i, id).isEqualTo(table.get(id));
            }
        }
        assertThat(hits).isPositive();
    }

    @Test
    void clearForgetsEverything() {
        QRowCache cache = new QRowCache(64, 4);
        cache.fill("SPY", 1, row(1, 2, 3, 4));
        cache.fill("SPY", 2, null);
        cache.clear();
        assertThat(cache.lookup("SPY", 1)).isEqualTo(Lookup.MISS);
        assertThat(cache.lookup("SPY", 2)).isEqualTo(Lookup.MISS);
    }

    @Test
    void roundsSlotsUpToAPowerOfTwoAndRejectsNonsense() {
        assertThat(new QRowCache(1, 4).slots()).isEqualTo(1);
        assertThat(new QRowCache(1000, 4).slots()).isEqualTo(1024);
        assertThat(new QRowCache(1024, 4).slots()).isEqualTo(1024);
        assertThatThrownBy(() -> new QRowCache(0, 4)).hasMessageContaining("slots");
        assertThatThrownBy(() -> new QRowCache(8, 0)).hasMessageContaining("width");
        QRowCache cache = new QRowCache(8, 4);
        assertThatThrownBy(() -> cache.fill("SPY", 1, row(1, 2))).hasMessageContaining("2 values");
    }
}
