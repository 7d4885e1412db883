package dev.faultline.target.common.wire;

import dev.faultline.history.Values;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@link WireOutput} wrote. Every read checks the remaining length first, so bad input
 * fails with a {@link WireFormatException} naming the problem, never with an array index error or
 * a huge allocation.
 */
public final class WireInput {
    private final byte[] bytes;
    private final int end;
    private int position;

    public WireInput(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public WireInput(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " of " + bytes.length);
        }
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    public int remaining() {
        return end - position;
    }

    /** Fails unless every byte was consumed: trailing bytes mean the two sides disagree on a format. */
    public void expectEnd() {
        if (position != end) {
            throw new WireFormatException(remaining() + " unexpected trailing bytes");
        }
    }

    private void need(int count) {
        if (count < 0 || count > end - position) {
            throw new WireFormatException("truncated: need " + count + " bytes, have " + (end - position));
        }
    }

    public int readByte() {
        need(1);
        return bytes[position++] & 0xff;
    }

    public boolean readBoolean() {
        int value = readByte();
        if (value > 1) {
            throw new WireFormatException("not a boolean: " + value);
        }
        return value == 1;
    }

    public int readInt() {
        need(4);
        int value = (bytes[position] & 0xff) << 24 | (bytes[position + 1] & 0xff) << 16
                | (bytes[position + 2] & 0xff) << 8 | (bytes[position + 3] & 0xff);
        position += 4;
        return value;
    }

    public long readLong() {
        long high = readInt();
        long low = readInt() & 0xffffffffL;
        return high << 32 | low;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public byte[] readBytes() {
        int length = readInt();
        need(length);
        byte[] value = new byte[length];
        System.arraycopy(bytes, position, value, 0, length);
        position += length;
        return value;
    }

    public String readString() {
        int length = readInt();
        if (length == -1) {
            return null;
        }
        need(length);
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    public List<String> readStrings() {
        int count = readCount(4);
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(readString());
        }
        return Collections.unmodifiableList(values);
    }

    /** A count of items, each at least {@code minimumItemBytes} long, checked against what is left. */
    public int readCount(int minimumItemBytes) {
        int count = readInt();
        if (count < 0 || (long) count * minimumItemBytes > remaining()) {
            throw new WireFormatException("count " + count + " exceeds the " + remaining() + " bytes left");
        }
        return count;
    }

    /** A value written by {@link WireOutput#writeValue}, in canonical form. */
    public Object readValue() {
        int tag = readByte();
        return switch (tag) {
            case ValueTag.NULL -> null;
            case ValueTag.FALSE -> Boolean.FALSE;
            case ValueTag.TRUE -> Boolean.TRUE;
            case ValueTag.LONG -> readLong();
            case ValueTag.BIG_INTEGER -> Values.canonical(new BigInteger(readBytes()));
            case ValueTag.DOUBLE -> readDouble();
            case ValueTag.STRING -> readNonNullString();
            case ValueTag.LIST -> readList();
            case ValueTag.MAP -> readMap();
            default -> throw new WireFormatException("unknown value tag " + tag);
        };
    }

    private String readNonNullString() {
        String value = readString();
        if (value == null) {
            throw new WireFormatException("null string inside a string value");
        }
        return value;
    }

    private List<Object> readList() {
        int count = readCount(1);
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(readValue());
        }
        return Collections.unmodifiableList(items);
    }

    private Map<String, Object> readMap() {
        int count = readCount(5);
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            entries.put(readNonNullString(), readValue());
        }
        return Collections.unmodifiableMap(entries);
    }
}
