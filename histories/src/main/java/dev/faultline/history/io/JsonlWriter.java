package dev.faultline.history.io;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.faultline.history.Op;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.Map;

/**
 * Writes native JSON Lines, one op per line, in the field order of DESIGN.md §3. Each line is
 * written with one call and flushed, so that a process killed at any moment leaves every complete
 * line readable. Not thread-safe: the runner serialises appends.
 */
public final class JsonlWriter implements Closeable, Flushable {
    private final OutputStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final boolean flushEachLine;

    /**
     * @param flushEachLine flush after every op: for histories written while a run goes on; off for
     *     bulk conversion
     */
    public JsonlWriter(OutputStream out, boolean flushEachLine) {
        this.out = out;
        this.flushEachLine = flushEachLine;
    }

    public void write(Op op) throws IOException {
        line.reset();
        try (JsonGenerator json = JsonlReader.JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeNumberField("index", op.index());
            if (op.hasTime()) {
                json.writeNumberField("time", op.timeNanos());
            }
            if (op.isNemesis()) {
                json.writeStringField("process", "nemesis");
            } else {
                json.writeNumberField("process", op.process());
            }
            json.writeStringField("type", op.type().wireName());
            json.writeStringField("f", op.f());
            if (op.key() != null) {
                json.writeFieldName("key");
                writeValue(json, op.key());
            }
            json.writeFieldName("value");
            writeValue(json, op.value());
            if (op.node() != null) {
                json.writeStringField("node", op.node());
            }
            if (op.error() != null) {
                json.writeFieldName("error");
                writeValue(json, op.error());
            }
            if (!op.meta().isEmpty()) {
                json.writeFieldName("meta");
                writeValue(json, op.meta());
            }
            if (op.finalRead()) {
                json.writeBooleanField("final", true);
            }
            json.writeEndObject();
        }
        line.write('\n');
        line.writeTo(out);
        if (flushEachLine) {
            out.flush();
        }
    }

    /**
     * Writes one value as JSON: a canonical history value (see {@link dev.faultline.history.Values}),
     * or any boxed number, list or map of them (checker statistics).
     */
    public static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Float number) {
            json.writeNumber(number);
        } else if (value instanceof java.math.BigDecimal number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Iterable<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                writeValue(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> entries) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                json.writeFieldName(entry.getKey().toString());
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
        } else {
            throw new IllegalArgumentException("not a history value: " + value.getClass().getName());
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
