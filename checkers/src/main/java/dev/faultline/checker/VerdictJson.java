package dev.faultline.checker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.faultline.history.io.JsonlWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Verdicts as JSON, the form of {@code results.json} and of {@code faultline check --json}:
 * {@code {"checker": …, "valid": true|false|"unknown", "cause": …, "anomalies": [{"type", "explanation",
 * "ops", "data"}], "stats": {…}}}. {@code valid} is a JSON boolean when decided, as in Jepsen.
 */
public final class VerdictJson {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private VerdictJson() {}

    public static void write(JsonGenerator json, Verdict verdict) throws IOException {
        json.writeStartObject();
        json.writeStringField("checker", verdict.checker());
        writeValidity(json, "valid", verdict.valid());
        if (verdict.cause() != null) {
            json.writeStringField("cause", verdict.cause());
        }
        json.writeArrayFieldStart("anomalies");
        for (Anomaly anomaly : verdict.anomalies()) {
            json.writeStartObject();
            json.writeStringField("type", anomaly.type());
            json.writeStringField("explanation", anomaly.explanation());
            json.writeFieldName("ops");
            JsonlWriter.writeValue(json, anomaly.ops());
            json.writeFieldName("data");
            JsonlWriter.writeValue(json, anomaly.data());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName("stats");
        JsonlWriter.writeValue(json, verdict.stats());
        json.writeEndObject();
    }

    /** Writes {@code true}, {@code false} or {@code "unknown"}. */
    public static void writeValidity(JsonGenerator json, String field, Validity validity) throws IOException {
        json.writeFieldName(field);
        switch (validity) {
            case TRUE -> json.writeBoolean(true);
            case FALSE -> json.writeBoolean(false);
            case UNKNOWN -> json.writeString("unknown");
        }
    }

    public static String toJson(Verdict verdict) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            write(json, verdict);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** A generator over the writer, for callers composing larger documents. */
    public static JsonGenerator generator(java.io.Writer out) throws IOException {
        return JSON.createGenerator(out);
    }
}
