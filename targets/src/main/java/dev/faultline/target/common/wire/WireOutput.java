package dev.faultline.target.common.wire;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A growable big-endian byte buffer with the few primitives our codecs need. Not thread-safe;
 * reuse one per thread with {@link #reset()}.
 *
 * <p>Why hand-written rather than Jackson or Java serialization: messages cross the simulator and
 * the transport tens of thousands of times a second, the bytes must be deterministic (the
 * simulator's trace and checksums depend on them), and history values must come back in the
 * canonical types of {@link dev.faultline.history.Values} without a conversion pass. A codec per
 * message type is a dozen lines with these primitives.
 */
public final class WireOutput {
    private byte[] bytes;
    private int size;

    public WireOutput(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    public WireOutput() {
        this(256);
    }

    public void reset() {
        size = 0;
    }

    public int size() {
        return size;
    }

    /** The backing array; only the first {@link #size()} bytes are written. */
    public byte[] array() {
        return bytes;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    public WireOutput writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    public WireOutput writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    public WireOutput writeInt(int value) {
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
        return this;
    }

    /** Overwrites four bytes already written, for length prefixes known only afterwards. */
    public void setInt(int position, int value) {
        if (position < 0 || position + 4 > size) {
            throw new IndexOutOfBoundsException("setInt at " + position + " of " + size);
        }
        bytes[position] = (byte) (value >>> 24);
        bytes[position + 1] = (byte) (value >>> 16);
        bytes[position + 2] = (byte) (value >>> 8);
        bytes[position + 3] = (byte) value;
    }

    public WireOutput writeLong(long value) {
        writeInt((int) (value >>> 32));
        return writeInt((int) value);
    }

    public WireOutput writeDouble(double value) {
        return writeLong(Double.doubleToRawLongBits(value));
    }

    public WireOutput writeBytes(byte[] value) {
        writeInt(value.length);
        return writeRaw(value, 0, value.length);
    }

    public WireOutput writeRaw(byte[] value, int offset, int length) {
        ensure(length);
        System.arraycopy(value, offset, bytes, size, length);
        size += length;
        return this;
    }

    /** A string, or null: length -1 stands for null. */
    public WireOutput writeString(String value) {
        if (value == null) {
            return writeInt(-1);
        }
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    public WireOutput writeStrings(List<String> values) {
        writeInt(values.size());
        for (String value : values) {
            writeString(value);
        }
        return this;
    }

    /**
     * A canonical history value ({@link dev.faultline.history.Values}): null, Boolean, Long,
     * BigInteger, Double, String, List or Map with string keys, tagged so that it decodes to the
     * same type. Integers of other widths are written as Long.
     */
    public WireOutput writeValue(Object value) {
        if (value == null) {
            writeByte(ValueTag.NULL);
        } else if (value instanceof Boolean flag) {
            writeByte(flag ? ValueTag.TRUE : ValueTag.FALSE);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            writeByte(ValueTag.LONG).writeLong(((Number) value).longValue());
        } else if (value instanceof String text) {
            writeByte(ValueTag.STRING).writeString(text);
        } else if (value instanceof Double number) {
            writeByte(ValueTag.DOUBLE).writeDouble(number);
        } else if (value instanceof BigInteger number) {
            writeByte(ValueTag.BIG_INTEGER).writeBytes(number.toByteArray());
        } else if (value instanceof List<?> items) {
            writeByte(ValueTag.LIST).writeInt(items.size());
            for (Object item : items) {
                writeValue(item);
            }
        } else if (value instanceof Map<?, ?> entries) {
            writeByte(ValueTag.MAP).writeInt(entries.size());
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                writeString((String) entry.getKey());
                writeValue(entry.getValue());
            }
        } else {
            throw new IllegalArgumentException("not a history value: " + value.getClass().getName());
        }
        return this;
    }
}
