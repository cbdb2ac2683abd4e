package io.tauflow.tools.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.schema.Candle;
import io.tauflow.tools.backtest.Ledger.Costs;
import io.tauflow.tools.backtest.Ledger.Fill;
import io.tauflow.tools.backtest.Ledger.Order;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ledger against a series worked by hand: four bars of X (open, close) = (100, 100), (102,
 * 104), (103, 101), (99, 98); a fee of 10 bps and a slippage of 5 bps per side.
 */
class LedgerTest {

    private static Candle bar(long t, double open, double close) {
        return new Candle(
                "T",
                "X",
                t,
                60_000L,
                open,
                Math.max(open, close),
                Math.min(open, close),
                close,
                1.0,
                null,
                null);
    }

    private static final List<Candle> X =
            List.of(
                    bar(0, 100, 100),
                    bar(60_000, 102, 104),
                    bar(120_000, 103, 101),
                    bar(180_000, 99, 98));

    private static final Costs COSTS = new Costs(10, 5, Fill.NEXT_OPEN);

    @Test
    void aRoundTripFillsAtTheNextOpensWithFeesAndSlippage() {
        Ledger.Book book =
                new Ledger(COSTS)
                        .run(
                                Map.of("X", X),
                                List.of(
                                        new Order("X", 0, true, 2, "NEUTRAL", "q"),
                                        new Order("X", 60_000, false, 2, "HAPPY", "q")));

        // Buy 2 at the open of bar 1: 102 x 1.0005 = 102.051, fee 0.1 % of 204.102 = 0.204102.
        // Sell 2 at the open of bar 2: 103 x 0.9995 = 102.9485, fee 0.1 % of 205.897 = 0.205897.
        assertThat(book.trades()).hasSize(1);
        Trade t = book.trades().get(0);
        assertThat(t.entryTimeMs()).isEqualTo(60_000);
        assertThat(t.exitTimeMs()).isEqualTo(120_000);
        assertThat(t.entryPrice()).isCloseTo(102.051, within(1e-9));
        assertThat(t.exitPrice()).isCloseTo(102.9485, within(1e-9));
        assertThat(t.quantity()).isEqualTo(2.0);
        assertThat(t.fees()).isCloseTo(0.204102 + 0.205897, within(1e-9));
        assertThat(t.pnl()).isCloseTo(205.897 - 204.102 - 0.409999, within(1e-9));
        assertThat(t.exitReason()).isEqualTo("SELL q");
        assertThat(t.emotionAtEntry()).isEqualTo("NEUTRAL");
        assertThat(book.capitalAtRisk()).isCloseTo(204.102, within(1e-9));

        // P&L marked at each close: flat; 2 x 104 - 204.306102; the trade's; the trade's.
        assertThat(book.pnl()[0]).isEqualTo(0.0);
        assertThat(book.pnl()[1]).isCloseTo(208 - 204.306102, within(1e-9));
        assertThat(book.pnl()[2]).isCloseTo(1.385001, within(1e-9));
        assertThat(book.pnl()[3]).isCloseTo(1.385001, within(1e-9));
        assertThat(book.positionValue()).containsExactly(0.0, 208.0, 0.0, 0.0);
        assertThat(book.inMarket()).containsExactly(false, true, false, false);

        Ledger.SymbolBook x = book.symbols().get("X");
        // slippage: (102.051 - 102) x 2 + (103 - 102.9485) x 2 = 0.205
        assertThat(x.costs()).isCloseTo(0.409999 + 0.205, within(1e-9));
        assertThat(x.traded()).isCloseTo(204.102 + 205.897, within(1e-9));
        assertThat(x.capitalAtRisk()).isCloseTo(204.102, within(1e-9));
        assertThat(x.barsInMarket()).isEqualTo(1);
        assertThat(x.unfilled()).isZero();
    }

    @Test
    void atTheCloseAnOpenPositionEndsAtTheLastCloseAndALastBarOrderIsUnfilled() {
        Ledger.Book book =
                new Ledger(new Costs(10, 5, Fill.CLOSE))
                        .run(
                                Map.of("X", X),
                                List.of(new Order("X", 60_000, true, 1, "", "momentum")));
        // Buy 1 at the close of bar 1: 104 x 1.0005 = 104.052, fee 0.104052.
        // Still open after bar 3: sold at its close 98 x 0.9995 = 97.951, fee 0.097951.
        Trade t = book.trades().get(0);
        assertThat(t.entryPrice()).isCloseTo(104.052, within(1e-9));
        assertThat(t.exitPrice()).isCloseTo(97.951, within(1e-9));
        assertThat(t.exitReason()).isEqualTo("END");
        assertThat(t.pnl()).isCloseTo(97.951 - 104.052 - 0.104052 - 0.097951, within(1e-9));
        assertThat(book.pnl()[3]).isCloseTo(t.pnl(), within(1e-9));

        Ledger.Book late =
                new Ledger(COSTS)
                        .run(Map.of("X", X), List.of(new Order("X", 180_000, true, 1, "", "")));
        assertThat(late.trades()).isEmpty();
        assertThat(late.symbols().get("X").unfilled()).isEqualTo(1);
        assertThat(late.pnl()).containsOnly(0.0);

        // At the close, an order on the last bar could only be closed again at once: unfilled.
        Ledger.Book lastClose =
                new Ledger(new Costs(10, 5, Fill.CLOSE))
                        .run(Map.of("X", X), List.of(new Order("X", 180_000, true, 1, "", "")));
        assertThat(lastClose.trades()).isEmpty();
        assertThat(lastClose.symbols().get("X").unfilled()).isEqualTo(1);
    }

    @Test
    void aBudgetBuyInvestsTheSleevesCashAfterCostsAndNeverMore() {
        // 1000 at the open of bar 1: 102 x 1.0005 = 102.051 a unit, plus 0.1 % fee:
        // 1000 / (102.051 x 1.001) units; sold at bar 2's open, then rebought with what is left.
        Ledger.Book book =
                new Ledger(COSTS)
                        .run(
                                Map.of("X", X),
                                List.of(
                                        new Order("X", 0, true, 0, "", "b", 1000),
                                        new Order("X", 60_000, false, Double.MAX_VALUE, "", "b"),
                                        new Order("X", 120_000, true, 0, "", "b", 1000)));
        Trade first = book.trades().get(0);
        assertThat(first.quantity()).isCloseTo(1000 / (102.051 * 1.001), within(1e-9));
        assertThat(
                        first.quantity() * first.entryPrice()
                                + first.fees()
                                - first.exitPrice() * first.quantity() * 0.001)
                .isCloseTo(1000.0, within(1e-6));
        // The second buy has 1000 + the first trade's P&L to spend, not 1000 again.
        Trade second = book.trades().get(1);
        double sleeve = 1000 + first.pnl();
        assertThat(second.quantity()).isCloseTo(sleeve / (99 * 1.0005 * 1.001), within(1e-9));
    }

    @Test
    void aSellOfMoreThanIsHeldClosesWhatIsHeldAndPartialSellsMakeOneTrade() {
        Ledger.Book book =
                new Ledger(new Costs(0, 0, Fill.NEXT_OPEN))
                        .run(
                                Map.of("X", X),
                                List.of(
                                        new Order("X", 0, true, 3, "", ""),
                                        new Order("X", 60_000, false, 1, "", ""),
                                        new Order("X", 120_000, false, 5, "", "")));
        // Bought 3 at 102; sold 1 at 103 and 2 at 99.
        assertThat(book.trades()).hasSize(1);
        Trade t = book.trades().get(0);
        assertThat(t.quantity()).isEqualTo(3.0);
        assertThat(t.exitPrice()).isCloseTo((103 + 2 * 99) / 3.0, within(1e-9));
        assertThat(t.pnl()).isCloseTo(103 + 198 - 306, within(1e-9));
    }
}
