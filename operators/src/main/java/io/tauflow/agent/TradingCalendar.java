package io.tauflow.agent;

import io.tauflow.config.OptionReader;
import java.io.Serializable;
import org.apache.flink.configuration.ReadableConfig;

/**
 * How many bars a year has, for annualising Sharpe and Sortino: trading days per year and the
 * length of one trading session.
 *
 * @param tradingDaysPerYear e.g. 252 for US equities, 365 for crypto
 * @param sessionHours hours of trading per day, e.g. 6.5 for US equities, 24 for crypto
 */
public record TradingCalendar(double tradingDaysPerYear, double sessionHours)
        implements Serializable {

    /** NYSE/Nasdaq regular hours: 252 days of 6.5 hours. */
    public static final TradingCalendar US_EQUITIES = new TradingCalendar(252, 6.5);

    /** Round the clock: 365 days of 24 hours. */
    public static final TradingCalendar CRYPTO = new TradingCalendar(365, 24);

    private static final double DAY_MS = 24 * 3600 * 1000.0;

    public TradingCalendar {
        if (!(tradingDaysPerYear > 0 && tradingDaysPerYear <= 366)) {
            throw new IllegalArgumentException(
                    "trading days per year must be in (0,366], got " + tradingDaysPerYear);
        }
        if (!(sessionHours > 0 && sessionHours <= 24)) {
            throw new IllegalArgumentException(
                    "session hours must be in (0,24], got " + sessionHours);
        }
    }

    /**
     * Bars per year for bars of {@code intervalMs}:
     *
     * <ul>
     *   <li>shorter than a session: days x session / interval (US equities, 1 min: 252 x 390 =
     *       98,280);
     *   <li>from a session up to a calendar day: one bar per trading day (daily bars: 252);
     *   <li>longer than a day: calendar days per year x day / interval (weekly: 365 / 7 = 52.1).
     * </ul>
     */
    /** Trading time in one year: days x session length (US equities 1,638 h, crypto 365 days). */
    public long tradingTimePerYearMs() {
        return Math.round(tradingDaysPerYear * sessionHours * 3_600_000);
    }

    public double periodsPerYear(long intervalMs) {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("bar interval must be > 0 ms, got " + intervalMs);
        }
        double sessionMs = sessionHours * 3600 * 1000;
        if (intervalMs < sessionMs) {
            return tradingDaysPerYear * sessionMs / intervalMs;
        }
        if (intervalMs <= DAY_MS) {
            return tradingDaysPerYear;
        }
        return 365 * DAY_MS / intervalMs;
    }

    /** The calendar of {@code tauflow.metrics.calendar} ({@link AgentOptions#METRICS_CALENDAR}). */
    public static TradingCalendar from(ReadableConfig conf) {
        return OptionReader.get(conf, AgentOptions.METRICS_CALENDAR) == AgentOptions.Calendar.CRYPTO
                ? CRYPTO
                : US_EQUITIES;
    }
}
