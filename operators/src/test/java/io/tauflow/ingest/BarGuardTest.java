package io.tauflow.ingest;

import static io.tauflow.testing.TestRecords.candle;
import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.schema.Candle;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BarGuardTest {

    private static final Instant T0 = Instant.parse("2013-10-04T14:04:00Z");

    /** Jumps of more than 10x refused until 3 bars agree. */
    private final BarGuard guard = new BarGuard(InputLimits.DEFAULTS);

    private static Candle bar(int minute, double close) {
        return candle("SPY", T0.plusSeconds(60L * minute), close);
    }

    @Test
    void pricesUpToTheFactorAwayPassBothWaysAndBeyondItDoNot() {
        BarGuard.State s = new BarGuard.State();
        assertThat(guard.admit(s, bar(0, 100.0))).isNull();
        assertThat(guard.admit(s, bar(1, 1000.0))).as("exactly 10x up").isNull();
        assertThat(guard.admit(s, bar(2, 100.0))).as("exactly 10x down").isNull();
        assertThat(guard.admit(s, bar(3, Math.nextUp(1000.0))))
                .startsWith("price jump: 1000.0000000000001 is more than 10.0 times away")
                .contains("last accepted close 100.0");
        assertThat(guard.admit(s, bar(4, Math.nextDown(10.0)))).startsWith("price jump");
        assertThat(s.lastClose).isEqualTo(100.0);
    }

    @Test
    void oneBadBarNeverMovesTheReference() {
        BarGuard.State s = new BarGuard.State();
        guard.admit(s, bar(0, 14.03));
        // a bar at a price the collar once compared with itself, and one that corrupted an agent
        assertThat(guard.admit(s, bar(1, 1e300)))
                .endsWith("(bar 1 of the 3 that must agree on a new level)");
        assertThat(guard.admit(s, bar(2, 14.04))).isNull();
        assertThat(guard.admit(s, bar(3, 1e-6))).startsWith("price jump");
        assertThat(guard.admit(s, bar(4, 14.05))).isNull();
        assertThat(s.lastClose).isEqualTo(14.05);
        assertThat(s.jump.hasSuspect()).isFalse();
    }

    @Test
    void aNewLevelIsAcceptedOnTheThirdAgreeingBar() {
        BarGuard.State s = new BarGuard.State();
        guard.admit(s, bar(0, 500.0));
        // an unadjusted 1:20 split
        assertThat(guard.admit(s, bar(1, 25.0)))
                .endsWith("(bar 1 of the 3 that must agree on a new level)");
        assertThat(guard.admit(s, bar(2, 25.2)))
                .endsWith("(bar 2 of the 3 that must agree on a new level)");
        assertThat(guard.admit(s, bar(3, 24.9))).isNull();
        assertThat(s.lastClose).isEqualTo(24.9);
        assertThat(guard.admit(s, bar(4, 25.0))).isNull();
    }

    @Test
    void aHighMoreThanTheFactorAboveTheLowIsABrokenBar() {
        BarGuard.State s = new BarGuard.State();
        assertThat(guard.admit(s, candle("SPY", T0, 10.0, 100.0, 10.0, 100.0))).isNull();
        assertThat(guard.admit(s, candle("SPY", T0.plusSeconds(60), 99.0, 101.0, 9.0, 99.0)))
                .isEqualTo("bar range: high 101.0 is more than 10.0 times low 9.0");
        assertThat(s.lastClose).isEqualTo(100.0);
    }

    @Test
    void aBarAtOrBeforeTheLastAcceptedTimeIsADuplicate() {
        BarGuard.State s = new BarGuard.State();
        guard.admit(s, bar(5, 100.0));
        assertThat(guard.admit(s, bar(5, 100.5)))
                .isEqualTo(
                        "duplicate bar: open time "
                                + T0.plusSeconds(300).toEpochMilli()
                                + " is not after the last accepted bar's "
                                + T0.plusSeconds(300).toEpochMilli());
        assertThat(guard.admit(s, bar(4, 100.5))).startsWith("duplicate bar");
        assertThat(guard.admit(s, bar(6, 100.5))).isNull();
    }

    @Test
    void aBarOpeningBeforeTheLastOneClosedOverlapsIt() {
        BarGuard.State s = new BarGuard.State();
        guard.admit(s, bar(0, 100.0));
        Candle inside = bar(0, 100.1);
        inside.setOpenTimeMs(inside.getOpenTimeMs() + 59_999);
        assertThat(guard.admit(s, inside))
                .isEqualTo(
                        "overlapping bar: open time "
                                + inside.getOpenTimeMs()
                                + " is inside the last accepted bar ("
                                + T0.toEpochMilli()
                                + " + 60000 ms)");
        assertThat(guard.admit(s, bar(1, 100.1))).as("exactly one interval later").isNull();
    }

    @Test
    void anotherIntervalIsAcceptedOnceThreeBarsAgree() {
        BarGuard.State s = new BarGuard.State();
        guard.admit(s, bar(0, 100.0));
        Candle[] hourly = new Candle[3];
        for (int i = 0; i < 3; i++) {
            hourly[i] = bar(60 * (i + 1), 100.0 + i);
            hourly[i].setIntervalMs(3_600_000L);
        }
        assertThat(guard.admit(s, hourly[0]))
                .isEqualTo(
                        "interval change: 3600000 ms after bars of 60000 ms (bar 1 of the 3 that"
                                + " must agree on a new interval)");
        // a one-minute bar in between breaks the run and is accepted as before
        assertThat(guard.admit(s, bar(61, 100.0))).isNull();
        assertThat(guard.admit(s, hourly[1])).contains("bar 1 of the 3");
        Candle more = bar(150, 101.0);
        more.setIntervalMs(3_600_000L);
        assertThat(guard.admit(s, more)).contains("bar 2 of the 3");
        assertThat(guard.admit(s, hourly[2])).isNull();
        assertThat(s.lastIntervalMs).isEqualTo(3_600_000L);
    }

    @Test
    void withTheCheckOffAnyFinitePriceInBoundsPasses() {
        BarGuard off = new BarGuard(new InputLimits(1e-12, 1e12, 1e15, 0, 0, 0, 3, 0));
        BarGuard.State s = new BarGuard.State();
        assertThat(off.admit(s, bar(0, 1.0))).isNull();
        assertThat(off.admit(s, bar(1, 1e9))).isNull();
    }
}
