package io.baas.explorer;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Rows in PostgreSQL's binary COPY format: a signature, then per row its field count and each
 * field as a length and the type's binary form (big-endian integers, raw bytes, UTF-8 text,
 * microseconds since 2000-01-01 for timestamptz, one-dimensional arrays of text). Nothing is
 * escaped or hex-encoded, on either side: a block's payload goes as it is.
 */
final class CopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int TEXT_OID = 25;

    private byte[] buffer;
    private int size;
    private int rows;

    CopyRows() {
        this(64 * 1024);
    }

    /** With room for about {@code expectedBytes}, so that a batch's payloads are not copied again as the buffer grows. */
    CopyRows(int expectedBytes) {
        buffer = new byte[Math.max(1024, expectedBytes)];
        bytes(SIGNATURE);
        int32(0);
        int32(0);
    }

    CopyRows row(int fields) {
        int16(fields);
        rows++;
        return this;
    }

    CopyRows int8(long value) {
        int32(8);
        long64(value);
        return this;
    }

    CopyRows int4(int value) {
        int32(4);
        int32(value);
        return this;
    }

    CopyRows int2(int value) {
        int32(2);
        int16(value);
        return this;
    }

    CopyRows bool(boolean value) {
        int32(1);
        ensure(1);
        buffer[size++] = (byte) (value ? 1 : 0);
        return this;
    }

    CopyRows bytea(byte[] value) {
        if (value == null) {
            return nullField();
        }
        int32(value.length);
        bytes(value);
        return this;
    }

    CopyRows text(String value) {
        return value == null ? nullField() : bytea(value.getBytes(StandardCharsets.UTF_8));
    }

    CopyRows timestamptz(Instant value) {
        if (value == null) {
            return nullField();
        }
        int32(8);
        long64(Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1000) - POSTGRES_EPOCH_MICROS);
        return this;
    }

    /** A text[] of one dimension (lower bound 1), no nulls. */
    CopyRows textArray(List<String> values) {
        byte[][] elements = new byte[values.size()][];
        int length = values.isEmpty() ? 12 : 20;
        for (int i = 0; i < elements.length; i++) {
            elements[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
            length += 4 + elements[i].length;
        }
        int32(length);
        int32(values.isEmpty() ? 0 : 1);
        int32(0);
        int32(TEXT_OID);
        if (!values.isEmpty()) {
            int32(values.size());
            int32(1);
            for (byte[] element : elements) {
                int32(element.length);
                bytes(element);
            }
        }
        return this;
    }

    boolean isEmpty() {
        return rows == 0;
    }

    /** The rows and the trailer, to send as COPY ... FROM STDIN (FORMAT binary). */
    InputStream stream() {
        int16(-1);
        return new ByteArrayInputStream(buffer, 0, size);
    }

    private CopyRows nullField() {
        int32(-1);
        return this;
    }

    private void int16(int value) {
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
    }

    private void int32(int value) {
        ensure(4);
        buffer[size++] = (byte) (value >>> 24);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
    }

    private void long64(long value) {
        int32((int) (value >>> 32));
        int32((int) value);
    }

    private void bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
