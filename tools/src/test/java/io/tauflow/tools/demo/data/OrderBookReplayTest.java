package io.tauflow.tools.demo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.schema.PriceLevel;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OrderBookReplayTest {

    private static final String SNAPSHOTS =
            "exchange,symbol,recv_time_ms,side,level,price,size\n"
                    + "coinbase,X-USD,1000,bid,1,100.0,1\n"
                    + "coinbase,X-USD,1000,bid,2,99.5,2\n"
                    + "coinbase,X-USD,1000,bid,3,99.0,3\n"
                    + "coinbase,X-USD,1000,ask,1,101.0,1\n"
                    + "coinbase,X-USD,1000,ask,2,101.5,2\n"
                    + "coinbase,X-USD,1000,ask,3,102.0,3\n"
                    + "coinbase,Y-USD,1005,bid,1,10,1\n"
                    + "coinbase,Y-USD,1005,ask,1,11,1\n";

    private static final String UPDATES =
            "exchange,symbol,time_utc,recv_time_ms,side,price,size\n"
                    // remove the best bid; 1200 < 1000 + 500: no emission
                    + "coinbase,X-USD,1970-01-01T00:00:01.200000Z,1201,bid,100.0,0.00\n"
                    // replace a size (absolute, not a delta)
                    + "coinbase,X-USD,1970-01-01T00:00:01.300500Z,1301,ask,101.5,7.5\n"
                    // new best ask at 1500 >= 1000 + 500: emitted at 1500 (µs truncated)
                    + "coinbase,X-USD,1970-01-01T00:00:01.500999Z,1501,ask,100.5,0.25\n"
                    // Y: applied, but 1400 < 1005 + 500
                    + "coinbase,Y-USD,1970-01-01T00:00:01.400000Z,1401,sell,10.5,2\n"
                    // X: 1600 < 1500 + 500, applied silently
                    + "coinbase,X-USD,1970-01-01T00:00:01.600000Z,1601,bid,99.0,0\n"
                    + "coinbase,Y-USD,1970-01-01T00:00:02.505000Z,2506,buy,10.2,4\n";

    @Test
    void rebuildsBooksAndSamplesAtMostOncePerInterval() {
        List<OrderBookSnapshot> out =
                OrderBookReplay.read(
                        new StringReader(SNAPSHOTS), new StringReader(UPDATES), 2, 500);

        assertThat(out)
                .extracting(OrderBookSnapshot::getEventTimeMs, OrderBookSnapshot::getSymbol)
                .containsExactly(
                        tuple(1000L, "X-USD"),
                        tuple(1005L, "Y-USD"),
                        tuple(1500L, "X-USD"),
                        tuple(2505L, "Y-USD"));
        assertThat(out).extracting(OrderBookSnapshot::getVenue).containsOnly("COINBASE");

        assertLevels(out.get(0).getBids(), 100.0, 1.0, 99.5, 2.0);
        assertLevels(out.get(0).getAsks(), 101.0, 1.0, 101.5, 2.0);
        assertLevels(out.get(1).getBids(), 10.0, 1.0);
        assertLevels(out.get(1).getAsks(), 11.0, 1.0);
        // 100.0 bid removed; 101.5 ask replaced by 7.5 but pushed to level 3 by the new 100.5.
        assertLevels(out.get(2).getBids(), 99.5, 2.0, 99.0, 3.0);
        assertLevels(out.get(2).getAsks(), 100.5, 0.25, 101.0, 1.0);
        assertLevels(out.get(3).getBids(), 10.2, 4.0, 10.0, 1.0);
        assertLevels(out.get(3).getAsks(), 10.5, 2.0, 11.0, 1.0);
    }

    @Test
    void replacedSizeShowsWhenInsideDepth() {
        List<OrderBookSnapshot> out =
                OrderBookReplay.read(new StringReader(SNAPSHOTS), new StringReader(UPDATES), 3, 0);

        OrderBookSnapshot x =
                out.stream()
                        .filter(s -> s.getSymbol().equals("X-USD"))
                        .filter(s -> s.getEventTimeMs() == 1300L)
                        .findFirst()
                        .orElseThrow();
        assertLevels(x.getBids(), 99.5, 2.0, 99.0, 3.0);
        assertLevels(x.getAsks(), 101.0, 1.0, 101.5, 7.5, 102.0, 3.0);
        // intervalMs 0: the snapshot plus one record per update.
        assertThat(out).hasSize(2 + 6);
    }

    @Test
    void rejectsUpdatesWithoutSnapshotAndBadRows() {
        String unknown =
                "exchange,symbol,time_utc,recv_time_ms,side,price,size\n"
                        + "coinbase,Z-USD,1970-01-01T00:00:01Z,1,bid,1,1\n";
        assertThatThrownBy(
                        () ->
                                OrderBookReplay.read(
                                        new StringReader(SNAPSHOTS),
                                        new StringReader(unknown),
                                        5,
                                        0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("Z-USD");

        String badSide =
                "exchange,symbol,time_utc,recv_time_ms,side,price,size\n"
                        + "coinbase,X-USD,1970-01-01T00:00:01Z,1,bid,1,1\n"
                        + "coinbase,X-USD,1970-01-01T00:00:01Z,1,middle,1,1\n";
        assertThatThrownBy(
                        () ->
                                OrderBookReplay.read(
                                        new StringReader(SNAPSHOTS),
                                        new StringReader(badSide),
                                        5,
                                        0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("'side'");

        String twoSnapshots = SNAPSHOTS + "coinbase,X-USD,2000,bid,1,100.0,1\n";
        assertThatThrownBy(
                        () ->
                                OrderBookReplay.read(
                                        new StringReader(twoSnapshots),
                                        new StringReader(UPDATES),
                                        5,
                                        0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 10");
    }

    @Test
    void bundledCoinbaseBooksAreNeverCrossed() {
        List<OrderBookSnapshot> sampled =
                OrderBookReplay.readResources(
                        DataResources.COINBASE_L2_SNAPSHOTS,
                        DataResources.COINBASE_L2_UPDATES,
                        10,
                        1000);

        assertThat(sampled).hasSize(166);
        assertThat(
                        sampled.stream()
                                .collect(
                                        Collectors.groupingBy(
                                                OrderBookSnapshot::getSymbol,
                                                Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "DASH-BTC", 31L,
                                "SKL-USD", 31L,
                                "BAND-BTC", 29L,
                                "YFI-BTC", 28L,
                                "CRV-EUR", 25L,
                                "NMR-EUR", 22L));
        OrderBookSnapshot first = sampled.get(0);
        assertThat(first.getSymbol()).isEqualTo("YFI-BTC");
        assertThat(first.getEventTimeMs()).isEqualTo(1618677817098L);
        assertThat(first.getBids().get(0).getPrice()).isEqualTo(0.82613);
        assertThat(first.getAsks().get(0).getPrice()).isEqualTo(0.82727);
        assertSaneAndUncrossed(sampled, 10);

        // Every intermediate state, not only the sampled ones.
        List<OrderBookSnapshot> all =
                OrderBookReplay.readResources(
                        DataResources.COINBASE_L2_SNAPSHOTS,
                        DataResources.COINBASE_L2_UPDATES,
                        1,
                        0);
        assertThat(all).hasSize(7332);
        assertSaneAndUncrossed(all, 1);
    }

    private static void assertSaneAndUncrossed(List<OrderBookSnapshot> books, int depth) {
        long previous = Long.MIN_VALUE;
        for (OrderBookSnapshot b : books) {
            assertThat(b.getEventTimeMs()).isGreaterThanOrEqualTo(previous);
            previous = b.getEventTimeMs();
            assertThat(b.getBids()).isNotEmpty().hasSizeLessThanOrEqualTo(depth);
            assertThat(b.getAsks()).isNotEmpty().hasSizeLessThanOrEqualTo(depth);
            assertThat(b.getBids().get(0).getPrice())
                    .as("%s at %d", b.getSymbol(), b.getEventTimeMs())
                    .isLessThan(b.getAsks().get(0).getPrice());
            for (int i = 1; i < b.getBids().size(); i++) {
                assertThat(b.getBids().get(i).getPrice())
                        .isLessThan(b.getBids().get(i - 1).getPrice());
            }
            for (int i = 1; i < b.getAsks().size(); i++) {
                assertThat(b.getAsks().get(i).getPrice())
                        .isGreaterThan(b.getAsks().get(i - 1).getPrice());
            }
            assertThat(b.getBids()).allSatisfy(l -> assertThat(l.getQuantity()).isPositive());
            assertThat(b.getAsks()).allSatisfy(l -> assertThat(l.getQuantity()).isPositive());
        }
    }

    private static void assertLevels(List<PriceLevel> levels, double... priceThenQty) {
        assertThat(levels).hasSize(priceThenQty.length / 2);
        for (int i = 0; i < levels.size(); i++) {
            assertThat(levels.get(i).getPrice()).as("price %d", i).isEqualTo(priceThenQty[2 * i]);
            assertThat(levels.get(i).getQuantity())
                    .as("quantity %d", i)
                    .isEqualTo(priceThenQty[2 * i + 1]);
        }
    }
}
