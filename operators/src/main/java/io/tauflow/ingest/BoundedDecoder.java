package io.tauflow.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * An Avro decoder over one record's bytes that refuses any string, bytes, array or map length
 * larger than the record itself before allocating anything. Plain Avro trusts length prefixes, so
 * five bytes of garbage could make it allocate gigabytes and fail the task with an {@link
 * OutOfMemoryError} on every restart; here they are an {@link IOException} and a dead letter.
 */
final class BoundedDecoder extends Decoder {

    private final BinaryDecoder in;
    private final long limit;

    BoundedDecoder(BinaryDecoder in, int recordLength) {
        this.in = in;
        this.limit = recordLength;
    }

    boolean isEnd() throws IOException {
        return in.isEnd();
    }

    private int length(long n, String what) throws IOException {
        if (n < 0 || n > limit) {
            throw new IOException(
                    what + " length " + n + " exceeds the record's " + limit + " bytes");
        }
        return (int) n;
    }

    private long count(long n, String what) throws IOException {
        if (n < 0 || n > limit) {
            throw new IOException(
                    what + " of " + n + " items cannot fit in a record of " + limit + " bytes");
        }
        return n;
    }

    private byte[] lengthPrefixed(String what) throws IOException {
        byte[] b = new byte[length(in.readLong(), what)];
        in.readFixed(b, 0, b.length);
        return b;
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        return new Utf8(lengthPrefixed("string"));
    }

    @Override
    public String readString() throws IOException {
        return new String(lengthPrefixed("string"), StandardCharsets.UTF_8);
    }

    @Override
    public void skipString() throws IOException {
        in.skipFixed(length(in.readLong(), "string"));
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        return ByteBuffer.wrap(lengthPrefixed("bytes"));
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipFixed(length(in.readLong(), "bytes"));
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long readArrayStart() throws IOException {
        return count(in.readArrayStart(), "array");
    }

    @Override
    public long arrayNext() throws IOException {
        return count(in.arrayNext(), "array block");
    }

    @Override
    public long skipArray() throws IOException {
        return count(in.skipArray(), "array");
    }

    @Override
    public long readMapStart() throws IOException {
        return count(in.readMapStart(), "map");
    }

    @Override
    public long mapNext() throws IOException {
        return count(in.mapNext(), "map block");
    }

    @Override
    public long skipMap() throws IOException {
        return count(in.skipMap(), "map");
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
