package io.tauflow.ingest;

import static io.tauflow.testing.TestRecords.candle;
import static io.tauflow.testing.TestRecords.sentiment;
import static io.tauflow.testing.TestRecords.sideValues;
import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.schema.Candle;
import io.tauflow.schema.DeadLetter;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class BarGuardFunctionTest {

    private static final Instant T0 = Instant.parse("2013-10-04T14:04:00Z");

    private static InboundEvent bar(String symbol, int minute, double close, long offset) {
        Candle c = candle(symbol, T0.plusSeconds(60L * minute), close);
        return InboundEvent.candle(c).from("md.candles", 0, offset, 1L);
    }

    @Test
    void refusedBarsBecomeDeadLettersAndTheRestPassesInOrder() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, InboundEvent, InboundEvent> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new BarGuardFunction(InputLimits.DEFAULTS),
                        InboundEvent::symbol,
                        Types.STRING)) {
            InboundEvent a0 = bar("AAA", 0, 100.0, 1);
            InboundEvent b0 = bar("BBB", 0, 5.0, 2);
            InboundEvent bad = bar("AAA", 1, 1e6, 3);
            InboundEvent dup = bar("BBB", 0, 5.1, 4);
            InboundEvent news =
                    InboundEvent.sentiment(sentiment("AAA", T0.plusSeconds(60), 9.0))
                            .from("md.sentiment", 0, 5, 1L);
            InboundEvent a2 = bar("AAA", 2, 101.0, 6);
            for (InboundEvent e : new InboundEvent[] {a0, b0, bad, dup, news, a2}) {
                h.processElement(e, e.eventTimeMs());
            }

            assertThat(h.extractOutputValues()).containsExactly(a0, b0, news, a2);
            assertThat(sideValues(h, BarGuardFunction.REFUSED))
                    .extracting(DeadLetter::getOffset, d -> d.getReason().split(":")[1].trim())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(3L, "price jump"),
                            org.assertj.core.groups.Tuple.tuple(4L, "duplicate bar"));
            assertThat(h.numKeyedStateEntries()).isEqualTo(2);
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}
