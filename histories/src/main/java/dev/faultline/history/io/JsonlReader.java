package dev.faultline.history.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Values;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads native JSON Lines (DESIGN.md §3), one op per line, streaming: only the current line is
 * held. Blank lines are skipped; an unknown field, a missing required field ({@code process},
 * {@code type}, {@code f}) or a value of the wrong kind is an error naming the line.
 */
public final class JsonlReader implements OpReader {
    static final JsonFactory JSON = JsonFactory.builder().build();

    private final BufferedReader in;
    private final String source;
    private int lineNumber;
    private int opLine;
    private int position;

    public JsonlReader(BufferedReader in, String source) {
        this.in = in;
        this.source = source;
    }

    @Override
    public Op next() throws IOException {
        String text;
        while ((text = in.readLine()) != null) {
            lineNumber++;
            if (!text.isBlank()) {
                opLine = lineNumber;
                return parseLine(text, position++);
            }
        }
        return null;
    }

    @Override
    public int line() {
        return opLine;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private HistoryFormatException error(String problem) {
        return new HistoryFormatException(source, lineNumber, problem);
    }

    private Op parseLine(String text, int defaultIndex) throws IOException {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw error("expected a JSON object");
            }
            Op op = parseFields(parser, defaultIndex);
            if (parser.nextToken() != null) {
                throw error("unexpected content after the op's closing }");
            }
            return op;
        } catch (JsonEOFException e) {
            throw error("truncated op: " + e.getOriginalMessage());
        } catch (JsonParseException e) {
            // Jackson reports some ends of input (between object entries) as plain parse errors.
            boolean truncated = e.getOriginalMessage().contains("end-of-input");
            throw error((truncated ? "truncated op: " : "invalid JSON: ") + e.getOriginalMessage());
        }
    }

    private Op parseFields(JsonParser parser, int defaultIndex) throws IOException {
        Integer index = null;
        long time = Op.NO_TIME;
        Integer process = null;
        OpType type = null;
        String f = null;
        Object key = null;
        Object value = null;
        String node = null;
        Object error = null;
        Map<String, Object> meta = Map.of();
        boolean finalRead = false;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "index" -> index = (int) nonNegative(parser, field, Integer.MAX_VALUE);
                case "time" -> time = nonNegative(parser, field, Long.MAX_VALUE);
                case "process" -> process = process(parser);
                case "type" -> type = type(parser);
                case "f" -> f = string(parser, field);
                case "key" -> key = value(parser);
                case "value" -> value = value(parser);
                case "node" -> node = parser.currentToken() == JsonToken.VALUE_NULL ? null : string(parser, field);
                case "error" -> error = value(parser);
                case "meta" -> meta = meta(parser);
                case "final" -> finalRead = bool(parser, field);
                default -> throw error("unknown field \"" + field + "\"");
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw error("truncated op: the object is not closed");
        }
        if (process == null) {
            throw error("missing field \"process\"");
        }
        if (type == null) {
            throw error("missing field \"type\"");
        }
        if (f == null) {
            throw error("missing field \"f\"");
        }
        return new Op(index == null ? defaultIndex : index, time, process, type, f, key, value, node, error, meta, finalRead);
    }

    private long nonNegative(JsonParser parser, String field, long max) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw error("\"" + field + "\" must be a non-negative integer, was " + parser.getText());
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER || parser.getLongValue() < 0
                || parser.getLongValue() > max) {
            throw error("\"" + field + "\" is out of range: " + parser.getText());
        }
        return parser.getLongValue();
    }

    private int process(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            if (parser.getText().equals("nemesis")) {
                return Op.NEMESIS;
            }
            throw error("unknown process \"" + parser.getText() + "\" (expected a non-negative integer or \"nemesis\")");
        }
        return (int) nonNegative(parser, "process", Integer.MAX_VALUE);
    }

    private OpType type(JsonParser parser) throws IOException {
        String name = string(parser, "type");
        return OpType.fromWireName(name).orElseThrow(
                () -> error("unknown type \"" + name + "\" (expected invoke, ok, fail or info)"));
    }

    private String string(JsonParser parser, String field) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw error("\"" + field + "\" must be a string, was " + parser.getText());
        }
        return parser.getText();
    }

    private boolean bool(JsonParser parser, String field) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw error("\"" + field + "\" must be true or false, was " + parser.getText());
        }
        return token == JsonToken.VALUE_TRUE;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> meta(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw error("\"meta\" must be an object, was " + parser.getText());
        }
        return (Map<String, Object>) value(parser);
    }

    /** Reads the value at the current token into canonical form (see {@link Values}). */
    private Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw error("truncated op: a value is missing");
        }
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> Values.canonical(parser.getNumberValue());
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(parser));
                }
                yield Values.canonical(items);
            }
            case START_OBJECT -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    entries.put(name, value(parser));
                }
                yield Values.canonical(entries);
            }
            default -> throw error("unexpected " + token);
        };
    }
}
