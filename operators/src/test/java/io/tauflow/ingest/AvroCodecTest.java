package io.tauflow.ingest;

import static io.tauflow.testing.TestRecords.candle;
import static io.tauflow.testing.TestRecords.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tauflow.schema.Candle;
import io.tauflow.schema.OrderBookSnapshot;
import io.tauflow.testing.TestRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class AvroCodecTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private final AvroCodec<Candle> candles = AvroCodec.of(Candle.class);

    @Test
    void roundTripsACandle() throws IOException {
        Candle c = candle("BTCUSDT", T0, 100.0, 101.5, 99.25, 100.75);

        Candle back = candles.decode(candles.encode(c));

        assertThat(back).isEqualTo(c);
        assertThat(candles.type()).isEqualTo(Candle.class);
    }

    @Test
    void roundTripsARecordWithNestedArrays() throws IOException {
        AvroCodec<OrderBookSnapshot> books = AvroCodec.of(OrderBookSnapshot.class);
        OrderBookSnapshot b =
                TestRecords.book(
                        "ETHUSDT",
                        T0,
                        List.of(level(99.9, 1.0), level(99.8, 2.0)),
                        List.of(level(100.1, 3.0)));

        assertThat(books.decode(books.encode(b))).isEqualTo(b);
    }

    @Test
    void encodingIsPlainAvroWithoutHeader() {
        // Plain binary: the first field (venue "TEST") starts with its zig-zag length 4 -> 8.
        byte[] bytes = candles.encode(candle("X", T0, 1.0));

        assertThat(bytes[0]).isEqualTo((byte) 8);
        assertThat(new String(bytes, 1, 4, StandardCharsets.UTF_8)).isEqualTo("TEST");
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] valid = candles.encode(candle("BTCUSDT", T0, 100.0));
        byte[] withTrailer = Arrays.copyOf(valid, valid.length + 1);

        assertThatThrownBy(() -> candles.decode(withTrailer))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("trailing bytes")
                .hasMessageContaining("Candle");
    }

    @Test
    void rejectsBytesThatAreNotAvro() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> candles.decode(garbage)).isInstanceOf(Exception.class);
    }

    @Test
    void rejectsATombstone() {
        assertThatThrownBy(() -> candles.decode(null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("tombstone");
    }

    @Test
    void decodesAgainAfterAFailure() throws IOException {
        Candle c = candle("BTCUSDT", T0, 100.0);
        byte[] good = candles.encode(c);
        byte[] truncated = Arrays.copyOf(good, good.length - 3);

        assertThatThrownBy(() -> candles.decode(truncated)).isInstanceOf(Exception.class);
        assertThat(candles.decode(good)).isEqualTo(c);
    }

    @Test
    void survivesJavaSerialisationAsPartOfAFunction() throws Exception {
        Candle c = candle("BTCUSDT", T0, 100.0);
        candles.encode(c); // initialise the transient reader/writer first

        AvroCodec<Candle> copy = InstantiationUtil.clone(candles, AvroCodec.class.getClassLoader());

        assertThat(copy.decode(copy.encode(c))).isEqualTo(c);
    }
}
