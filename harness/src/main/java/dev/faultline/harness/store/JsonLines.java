package dev.faultline.harness.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.harness.UserInputException;
import dev.faultline.history.Values;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON Lines file of objects ({@code faults.jsonl}, {@code nodes/N/status.jsonl}) into
 * canonical maps. Blank lines are skipped; anything else that is not one JSON object is an error
 * naming the file and line.
 */
public final class JsonLines {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLines() {}

    public static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (!line.isBlank()) {
                    lines.add(object(file, number, line));
                }
            }
        }
        return lines;
    }

    private static Map<String, Object> object(Path file, int number, String line) {
        Object value;
        try {
            value = MAPPER.readValue(line, Object.class);
        } catch (JsonProcessingException e) {
            throw new UserInputException(file + ":" + number + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new UserInputException(file + ":" + number + ": expected a JSON object");
        }
        return Values.canonicalMap(map);
    }
}
