package dev.faultline.harness.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.checker.VerdictJson;
import dev.faultline.harness.UserInputException;
import dev.faultline.history.Values;
import dev.faultline.history.io.JsonlWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The store's JSON documents: {@code test.json} (any canonical map) and {@code results.json}:
 * {@code {"valid": true|false|"unknown", "checkers": [verdict, ...]}}, each verdict as
 * {@link VerdictJson} writes it. Files are written beside their target and moved into place, so
 * a reader never sees half a document.
 */
public final class JsonFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFiles() {}

    /** Writes a map of canonical values as indented JSON. */
    public static void writeMap(Path file, Map<String, Object> document) throws IOException {
        write(file, json -> JsonlWriter.writeValue(json, document));
    }

    /** Reads a JSON object into canonical values. */
    public static Map<String, Object> readMap(Path file) throws IOException {
        try {
            Object value = MAPPER.readValue(file.toFile(), Object.class);
            if (!(value instanceof Map<?, ?> map)) {
                throw new UserInputException(file + ": expected a JSON object");
            }
            return Values.canonicalMap(map);
        } catch (JsonProcessingException e) {
            throw new UserInputException(file + ": not valid JSON: " + e.getOriginalMessage());
        } catch (FileNotFoundException e) {
            throw new NoSuchFileException(file.toString());
        }
    }

    /** Writes {@code results.json}. */
    public static void writeResults(Path file, Validity valid, List<Verdict> verdicts) throws IOException {
        write(file, json -> {
            json.writeStartObject();
            VerdictJson.writeValidity(json, "valid", valid);
            json.writeArrayFieldStart("checkers");
            for (Verdict verdict : verdicts) {
                VerdictJson.write(json, verdict);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static void write(Path file, Body body) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
                JsonGenerator json = VerdictJson.generator(out)) {
            json.useDefaultPrettyPrinter();
            body.write(json);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
