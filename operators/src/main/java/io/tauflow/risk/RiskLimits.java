package io.tauflow.risk;

import io.tauflow.agent.AgentOptions;
import io.tauflow.config.OptionReader;
import java.io.Serializable;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The limits the risk gate enforces, per account (the daily loss limit per agent, i.e. per symbol
 * of the account). Every amount is in the quote currency; fractions are plain (0.05 = 5 %). See
 * docs/RISK.md for the order in which they are checked.
 *
 * @param maxOrderQuantity largest quantity of one opening order
 * @param maxOrderNotional largest notional of one opening order
 * @param priceCollar largest |order price / collar reference - 1| of any order
 * @param collarReferenceBars how many of a symbol's latest closes the collar's reference is the
 *     median of (1 = the last close alone); from 3 on, one bad bar cannot move it
 * @param positionCap largest notional of one symbol's position after an opening order
 * @param maxGrossExposure largest sum of |position value| over the account after an opening order
 * @param maxNetExposure largest |sum of signed position values| after an opening order
 * @param varBudget largest sum over the account's positions of value x that symbol's latest one-bar
 *     99 % VaR after an opening order (undiversified)
 * @param dailyLossLimit realised loss of one agent (symbol) in one day, a positive amount, at which
 *     that agent stops opening until the next day boundary
 * @param dayZone where days start (UTC by default), in event time
 * @param maxDrawdown fall of the account's equity from its peak (fraction) at which opening stops
 * @param throttleOrders most orders one account may send within {@code throttleWindowMs}
 * @param throttleWindowMs the throttle's rolling window in event time (1 s)
 * @param duplicateMemory how many of the account's latest client order ids the gate remembers
 * @param startingCapital the account's equity before any trade
 * @param marginRate margin required per unit of gross exposure (0.1 = 10x leverage)
 * @param marginGuard smallest free-margin ratio (equity - required margin) / equity an opening
 *     order may leave
 * @param liquidateBelowGuard whether the gate closes all positions of an account whose free-margin
 *     ratio falls below the guard on a price move
 * @param killSwitchAllowsClosing whether closing orders pass an active kill switch
 */
public record RiskLimits(
        double maxOrderQuantity,
        double maxOrderNotional,
        double priceCollar,
        int collarReferenceBars,
        double positionCap,
        double maxGrossExposure,
        double maxNetExposure,
        double varBudget,
        double dailyLossLimit,
        ZoneId dayZone,
        double maxDrawdown,
        int throttleOrders,
        long throttleWindowMs,
        int duplicateMemory,
        double startingCapital,
        double marginRate,
        double marginGuard,
        boolean liquidateBelowGuard,
        boolean killSwitchAllowsClosing)
        implements Serializable {

    public static final long DAY_MS = 86_400_000L;

    public RiskLimits {
        positive("max order quantity", maxOrderQuantity);
        positive("max order notional", maxOrderNotional);
        positive("price collar", priceCollar);
        if (collarReferenceBars < 1 || collarReferenceBars > 100) {
            throw new IllegalArgumentException(
                    "collar reference must be the median of 1..100 closes, got "
                            + collarReferenceBars);
        }
        positive("position cap", positionCap);
        positive("max gross exposure", maxGrossExposure);
        positive("max net exposure", maxNetExposure);
        positive("VaR budget", varBudget);
        positive("daily loss limit (a positive amount of loss)", dailyLossLimit);
        if (dayZone == null) {
            throw new IllegalArgumentException("day zone must be set (e.g. UTC, +02:00)");
        }
        // "UTC" and other fixed zones become offsets, so that dayOf is plain arithmetic
        dayZone = dayZone.normalized();
        if (!(maxDrawdown > 0 && maxDrawdown <= 1)) {
            throw new IllegalArgumentException(
                    "max drawdown must be a fraction in (0,1], got " + maxDrawdown);
        }
        if (throttleOrders < 1) {
            throw new IllegalArgumentException(
                    "throttle must allow at least 1 order per window, got " + throttleOrders);
        }
        if (throttleWindowMs < 1) {
            throw new IllegalArgumentException(
                    "throttle window must be >= 1 ms, got " + throttleWindowMs);
        }
        if (duplicateMemory < 1) {
            throw new IllegalArgumentException(
                    "duplicate id memory must hold at least 1 id, got " + duplicateMemory);
        }
        positive("starting capital", startingCapital);
        if (!(marginRate > 0 && marginRate <= 1)) {
            throw new IllegalArgumentException(
                    "margin rate must be a fraction in (0,1], got " + marginRate);
        }
        if (!(marginGuard >= 0 && marginGuard < 1)) {
            throw new IllegalArgumentException(
                    "margin guard must be a fraction in [0,1), got " + marginGuard);
        }
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || Double.isNaN(v)) {
            throw new IllegalArgumentException(what + " must be > 0, got " + v);
        }
    }

    /** The defaults, with the position cap at 3 x the seed's $150 base. */
    public static RiskLimits defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        return new Builder()
                .maxOrderQuantity(maxOrderQuantity)
                .maxOrderNotional(maxOrderNotional)
                .priceCollar(priceCollar)
                .collarReferenceBars(collarReferenceBars)
                .positionCap(positionCap)
                .maxGrossExposure(maxGrossExposure)
                .maxNetExposure(maxNetExposure)
                .varBudget(varBudget)
                .dailyLossLimit(dailyLossLimit)
                .dayZone(dayZone)
                .maxDrawdown(maxDrawdown)
                .throttle(throttleOrders, throttleWindowMs)
                .duplicateMemory(duplicateMemory)
                .startingCapital(startingCapital)
                .marginRate(marginRate)
                .marginGuard(marginGuard)
                .liquidateBelowGuard(liquidateBelowGuard)
                .killSwitchAllowsClosing(killSwitchAllowsClosing);
    }

    /**
     * The day (days since the epoch in {@link #dayZone}) an event time belongs to. Fixed offsets
     * (UTC, +02:00) are plain arithmetic; region zones follow their daylight-saving rules.
     */
    public long dayOf(long eventTimeMs) {
        if (dayZone instanceof ZoneOffset offset) {
            return Math.floorDiv(eventTimeMs + offset.getTotalSeconds() * 1000L, DAY_MS);
        }
        return java.time.Instant.ofEpochMilli(eventTimeMs)
                .atZone(dayZone)
                .toLocalDate()
                .toEpochDay();
    }

    /** Fluent construction of {@link RiskLimits}; unset values keep their defaults. */
    public static final class Builder {
        private double maxOrderQuantity = 10_000.0;
        private double maxOrderNotional = 1_000.0;
        private double priceCollar = 0.05;
        private int collarReferenceBars = 5;
        private double positionCap = 450.0;
        private double maxGrossExposure = 5_000.0;
        private double maxNetExposure = 5_000.0;
        private double varBudget = 10.0;
        private double dailyLossLimit = 500.0;
        private ZoneId dayZone = ZoneOffset.UTC;
        private double maxDrawdown = 0.15;
        private int throttleOrders = 10;
        private long throttleWindowMs = 1_000L;
        private int duplicateMemory = 256;
        private double startingCapital = 10_000.0;
        private double marginRate = 0.10;
        private double marginGuard = 0.05;
        private boolean liquidateBelowGuard = true;
        private boolean killSwitchAllowsClosing = true;

        private Builder() {}

        public Builder maxOrderQuantity(double v) {
            maxOrderQuantity = v;
            return this;
        }

        public Builder maxOrderNotional(double v) {
            maxOrderNotional = v;
            return this;
        }

        public Builder priceCollar(double v) {
            priceCollar = v;
            return this;
        }

        public Builder collarReferenceBars(int v) {
            collarReferenceBars = v;
            return this;
        }

        public Builder positionCap(double v) {
            positionCap = v;
            return this;
        }

        public Builder maxGrossExposure(double v) {
            maxGrossExposure = v;
            return this;
        }

        public Builder maxNetExposure(double v) {
            maxNetExposure = v;
            return this;
        }

        public Builder varBudget(double v) {
            varBudget = v;
            return this;
        }

        public Builder dailyLossLimit(double v) {
            dailyLossLimit = v;
            return this;
        }

        public Builder dayZone(ZoneId v) {
            dayZone = v;
            return this;
        }

        public Builder maxDrawdown(double v) {
            maxDrawdown = v;
            return this;
        }

        public Builder throttle(int orders, long windowMs) {
            throttleOrders = orders;
            throttleWindowMs = windowMs;
            return this;
        }

        public Builder duplicateMemory(int v) {
            duplicateMemory = v;
            return this;
        }

        public Builder startingCapital(double v) {
            startingCapital = v;
            return this;
        }

        public Builder marginRate(double v) {
            marginRate = v;
            return this;
        }

        public Builder marginGuard(double v) {
            marginGuard = v;
            return this;
        }

        public Builder liquidateBelowGuard(boolean v) {
            liquidateBelowGuard = v;
            return this;
        }

        public Builder killSwitchAllowsClosing(boolean v) {
            killSwitchAllowsClosing = v;
            return this;
        }

        public RiskLimits build() {
            return new RiskLimits(
                    maxOrderQuantity,
                    maxOrderNotional,
                    priceCollar,
                    collarReferenceBars,
                    positionCap,
                    maxGrossExposure,
                    maxNetExposure,
                    varBudget,
                    dailyLossLimit,
                    dayZone,
                    maxDrawdown,
                    throttleOrders,
                    throttleWindowMs,
                    duplicateMemory,
                    startingCapital,
                    marginRate,
                    marginGuard,
                    liquidateBelowGuard,
                    killSwitchAllowsClosing);
        }
    }

    /**
     * The {@code tauflow.risk.*} options ({@link RiskOptions}), each checked with its name; the
     * position cap is a multiple of {@code tauflow.sizing.base-notional}.
     */
    public static RiskLimits from(ReadableConfig conf) {
        double baseNotional = OptionReader.get(conf, AgentOptions.BASE_NOTIONAL);
        java.time.ZoneId dayZone = OptionReader.zone(conf, RiskOptions.DAY_ZONE);
        long throttleWindowMs = OptionReader.positive(conf, RiskOptions.THROTTLE_WINDOW).toMillis();
        return OptionReader.attempt(
                RiskOptions.MAX_ORDER_NOTIONAL,
                () ->
                        builder()
                                .maxOrderQuantity(
                                        OptionReader.get(conf, RiskOptions.MAX_ORDER_QUANTITY))
                                .maxOrderNotional(
                                        OptionReader.get(conf, RiskOptions.MAX_ORDER_NOTIONAL))
                                .priceCollar(OptionReader.get(conf, RiskOptions.PRICE_COLLAR))
                                .collarReferenceBars(
                                        OptionReader.get(conf, RiskOptions.COLLAR_REFERENCE_BARS))
                                .positionCap(
                                        OptionReader.get(conf, RiskOptions.POSITION_CAP_MULTIPLE)
                                                * baseNotional)
                                .maxGrossExposure(
                                        OptionReader.get(conf, RiskOptions.MAX_GROSS_EXPOSURE))
                                .maxNetExposure(
                                        OptionReader.get(conf, RiskOptions.MAX_NET_EXPOSURE))
                                .varBudget(OptionReader.get(conf, RiskOptions.VAR_BUDGET))
                                .dailyLossLimit(
                                        OptionReader.get(conf, RiskOptions.DAILY_LOSS_LIMIT))
                                .dayZone(dayZone)
                                .maxDrawdown(OptionReader.get(conf, RiskOptions.MAX_DRAWDOWN))
                                .throttle(
                                        OptionReader.get(conf, RiskOptions.THROTTLE_ORDERS),
                                        throttleWindowMs)
                                .duplicateMemory(
                                        OptionReader.get(conf, RiskOptions.DUPLICATE_MEMORY))
                                .startingCapital(
                                        OptionReader.get(conf, RiskOptions.STARTING_CAPITAL))
                                .marginRate(OptionReader.get(conf, RiskOptions.MARGIN_RATE))
                                .marginGuard(OptionReader.get(conf, RiskOptions.MARGIN_GUARD))
                                .liquidateBelowGuard(
                                        OptionReader.get(conf, RiskOptions.LIQUIDATE_BELOW_GUARD))
                                .killSwitchAllowsClosing(
                                        OptionReader.get(
                                                conf, RiskOptions.KILL_SWITCH_ALLOWS_CLOSING))
                                .build());
    }
}
