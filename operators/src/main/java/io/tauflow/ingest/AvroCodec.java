package io.tauflow.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Plain Avro binary encoding of one specific record (no container header, no registry framing): the
 * format of every Tauflow topic. Decoding is strict: bytes left over after the record are an error,
 * so random bytes that happen to parse as a prefix are still rejected.
 */
public final class AvroCodec<T extends SpecificRecordBase> implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    static {
        AvroCoders.enable();
    }

    private final Class<T> type;
    private transient SpecificDatumReader<T> reader;
    private transient SpecificDatumWriter<T> writer;
    private transient BinaryDecoder decoder;
    private transient BinaryEncoder encoder;

    public AvroCodec(Class<T> type) {
        this.type = type;
    }

    public static <T extends SpecificRecordBase> AvroCodec<T> of(Class<T> type) {
        return new AvroCodec<>(type);
    }

    public Class<T> type() {
        return type;
    }

    /** Decodes one record; throws {@link IOException} or a runtime exception on bad bytes. */
    public T decode(byte[] bytes) throws IOException {
        if (bytes == null) {
            throw new IOException("null value (tombstone)");
        }
        if (reader == null) {
            reader = new SpecificDatumReader<>(type);
        }
        decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
        BoundedDecoder bounded = new BoundedDecoder(decoder, bytes.length);
        T value = reader.read(null, bounded);
        if (!bounded.isEnd()) {
            throw new IOException("trailing bytes after a " + type.getSimpleName() + " record");
        }
        return value;
    }

    public byte[] encode(T value) {
        if (writer == null) {
            writer = new SpecificDatumWriter<>(type);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        try {
            writer.write(value, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
