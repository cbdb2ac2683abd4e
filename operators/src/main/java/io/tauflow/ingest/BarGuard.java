package io.tauflow.ingest;

import io.tauflow.schema.Candle;

/**
 * Checks each candle of a symbol, in event-time order, against the symbol's history before any
 * feature, agent state or order sees it: a bar at or before the last accepted bar's open time is a
 * duplicate; a bar whose high is more than {@link InputLimits#maxPriceJump()} times its low is
 * broken; a bar with any price more than that factor away from the last accepted close is a jump,
 * accepted only once {@link InputLimits#jumpConfirmations()} consecutive bars agree on the new
 * level ({@link JumpGuard}). One bad bar therefore never reaches the agents nor moves the
 * reference, while a real step (unadjusted split, long gap) costs that many bars less one. Plain
 * logic over a {@link State} the Flink function keeps per symbol.
 */
public final class BarGuard {

    /** A symbol's guard: its last accepted bar and any run of jumping bars. A POJO. */
    public static class State {
        /** Close of the last accepted bar; NaN before the first. */
        public double lastClose = Double.NaN;

        /** Open time of the last accepted bar; Long.MIN_VALUE before the first. */
        public long lastOpenTimeMs = Long.MIN_VALUE;

        /** Interval of the last accepted bar; 0 before the first. */
        public long lastIntervalMs;

        public JumpGuard jump = new JumpGuard();

        /** A run of bars with another interval than the symbol's. */
        public JumpGuard intervalJump = new JumpGuard();

        public State() {}
    }

    private final InputLimits limits;

    public BarGuard(InputLimits limits) {
        this.limits = limits;
    }

    /**
     * Checks {@code c} against {@code s}; when accepted, records it in {@code s} and returns null,
     * else returns the reason (and {@code s} changes only by counting a jumping bar).
     */
    public String admit(State s, Candle c) {
        if (s.lastOpenTimeMs != Long.MIN_VALUE && c.getOpenTimeMs() <= s.lastOpenTimeMs) {
            return "duplicate bar: open time "
                    + c.getOpenTimeMs()
                    + " is not after the last accepted bar's "
                    + s.lastOpenTimeMs;
        }
        if (s.lastOpenTimeMs != Long.MIN_VALUE
                && c.getOpenTimeMs() - s.lastOpenTimeMs < s.lastIntervalMs) {
            return "overlapping bar: open time "
                    + c.getOpenTimeMs()
                    + " is inside the last accepted bar ("
                    + s.lastOpenTimeMs
                    + " + "
                    + s.lastIntervalMs
                    + " ms)";
        }
        if (limits.jumps(c.getLow(), c.getHigh())) {
            return "bar range: high "
                    + c.getHigh()
                    + " is more than "
                    + limits.maxPriceJump()
                    + " times low "
                    + c.getLow();
        }
        if (s.lastIntervalMs != 0 && c.getIntervalMs() != s.lastIntervalMs) {
            boolean agrees =
                    s.intervalJump.hasSuspect() && s.intervalJump.suspect == c.getIntervalMs();
            int seen = agrees ? s.intervalJump.agreeing + 1 : 1;
            if (!s.intervalJump.confirm(c.getIntervalMs(), agrees, limits.jumpConfirmations())) {
                return "interval change: "
                        + c.getIntervalMs()
                        + " ms after bars of "
                        + s.lastIntervalMs
                        + " ms (bar "
                        + seen
                        + " of the "
                        + limits.jumpConfirmations()
                        + " that must agree on a new interval)";
            }
        }
        if (!Double.isNaN(s.lastClose)) {
            double ref = s.lastClose;
            double worst = farthest(ref, c);
            if (limits.jumps(ref, worst)) {
                boolean agrees = s.jump.hasSuspect() && !limits.jumps(s.jump.suspect, c.getClose());
                int seen = agrees ? s.jump.agreeing + 1 : 1;
                if (!s.jump.confirm(c.getClose(), agrees, limits.jumpConfirmations())) {
                    return "price jump: "
                            + worst
                            + " is more than "
                            + limits.maxPriceJump()
                            + " times away from the last accepted close "
                            + ref
                            + " (bar "
                            + seen
                            + " of the "
                            + limits.jumpConfirmations()
                            + " that must agree on a new level)";
                }
            }
        }
        s.lastClose = c.getClose();
        s.lastOpenTimeMs = c.getOpenTimeMs();
        s.lastIntervalMs = c.getIntervalMs();
        s.jump.clear();
        s.intervalJump.clear();
        return null;
    }

    /** The price of {@code c} farthest from {@code ref} in ratio. */
    private static double farthest(double ref, Candle c) {
        double up = c.getHigh() / ref;
        double down = ref / c.getLow();
        return up >= down ? c.getHigh() : c.getLow();
    }
}
