package io.tauflow.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.agent.PerformanceMetrics;
import io.tauflow.agent.TradingCalendar;
import io.tauflow.schema.Decision;
import io.tauflow.schema.Order;
import io.tauflow.schema.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolLedgerTest {

    private static final long MINUTE = 60_000L;
    private static final double[] PRICES = {100, 110, 99, 121};

    private static SymbolLedger ledger(TradingCalendar calendar) {
        SymbolLedger l = new SymbolLedger("AAA", 1_000, calendar);
        l.setIntervalMs(MINUTE);
        for (int i = 0; i < PRICES.length; i++) {
            Decision d = new Decision();
            d.setSymbol("AAA");
            d.setEventTimeMs(i * MINUTE);
            d.setPrice(PRICES[i]);
            d.setStateIndex(i % 2);
            l.onDecision(d);
        }
        l.onOrder(order(Side.BUY, 1, 100, 0));
        l.onOrder(order(Side.SELL, 1, 110, 1));
        l.onOrder(order(Side.BUY, 2, 99, 2));
        return l;
    }

    private static Order order(Side side, double qty, double price, int bar) {
        Order o = new Order();
        o.setSymbol("AAA");
        o.setSide(side);
        o.setQuantity(qty);
        o.setLimitPrice(price);
        o.setEventTimeMs(bar * MINUTE);
        return o;
    }

    @Test
    void equityTradesAndFiguresOfAPaperRun() {
        SymbolLedger l = ledger(TradingCalendar.US_EQUITIES);

        // capital 1000; bar 0: bought 1 @100 -> 1000; bar 1: sold @110 -> 1010; bar 2: bought
        // 2 @99 -> 1010; bar 3: 2 x 121 - 188 cash -> 1054
        assertThat(l.equityCurve().values())
                .containsExactly(1000.0, 1000.0, 1010.0, 1010.0, 1054.0);
        assertThat(l.tradePnls()).containsExactly(10.0);
        assertThat(l.visitedStates()).isEqualTo(2);
        // one-minute bars, 252 days x 390 minutes
        assertThat(l.periodsPerYear()).isCloseTo(98_280, within(1e-9));

        SymbolLedger.Summary s = l.summary();
        double[] returns = {0, 0.01, 0, 1054.0 / 1010 - 1};
        assertThat(s.pnl()).isCloseTo(54, within(1e-9));
        assertThat(s.sharpe())
                .isCloseTo(PerformanceMetrics.sharpe(returns, 98_280), within(1e-9))
                .isPositive();
        assertThat(s.maxDrawdown()).isZero();
        assertThat(s.winRate()).isEqualTo(1.0);
        assertThat(s.profitFactor()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s.trades()).isEqualTo(1);
    }

    @Test
    void theCalendarAnnualises() {
        double us = ledger(TradingCalendar.US_EQUITIES).summary().sharpe();
        double crypto = ledger(TradingCalendar.CRYPTO).summary().sharpe();

        // same returns; sqrt(525,600 / 98,280) more periods per year
        assertThat(crypto / us).isCloseTo(Math.sqrt(525_600.0 / 98_280), within(1e-9));
    }

    @Test
    void undefinedFiguresPrintAsADash() {
        assertThat(Demo.figure(Double.NaN, 1, "")).isEqualTo("-");
        assertThat(Demo.figure(Double.POSITIVE_INFINITY, 1, "")).isEqualTo("inf");
        assertThat(Demo.figure(-0.0215, 100, "%")).isEqualTo("-2.15%");
        assertThat(List.of(Demo.figure(1.234, 1, ""))).containsExactly("1.23");
    }
}
