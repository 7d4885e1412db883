package dev.faultline.harness.run;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.faultline.checker.VerdictJson;
import dev.faultline.history.io.JsonlWriter;
import java.io.Closeable;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code faults.jsonl}: one line per nemesis action as applied, flushed at once, with the time of
 * the history event that records the same action (one clock for both files):
 * {@code {"time": ns, "phaseNanos": ns, "action": "start"|"heal"|"heal-all", "fault": id, "kind": ...,
 * "plan": {...}, "applied": {...}, "error": "..."}}. {@code time} is when the action was recorded,
 * after it took effect (a power loss takes seconds); {@code phaseNanos} is when it began, counted
 * from the start of the main phase, which is what a replay of the run's faults needs
 * ({@code faultline shrink}).
 */
final class FaultLog implements Closeable {
    private final Writer out;

    FaultLog(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /**
     * @param phaseNanos when the action began, since the main phase started
     * @param fault the fault's id in the schedule, or -1 for an action on every fault
     * @param plan what the schedule chose, or null
     * @param applied the fault as applied, or null when it could not be resolved
     * @param error why the action failed, or null
     */
    synchronized void write(long timeNanos, long phaseNanos, String action, int fault, String kind, Map<String, Object> plan,
            Map<String, Object> applied, String error) {
        try {
            try (JsonGenerator json = VerdictJson.generator(new NonClosing(out))) {
                json.writeStartObject();
                json.writeNumberField("time", timeNanos);
                json.writeNumberField("phaseNanos", phaseNanos);
                json.writeStringField("action", action);
                if (fault >= 0) {
                    json.writeNumberField("fault", fault);
                }
                if (kind != null) {
                    json.writeStringField("kind", kind);
                }
                if (plan != null) {
                    json.writeFieldName("plan");
                    JsonlWriter.writeValue(json, plan);
                }
                if (applied != null) {
                    json.writeFieldName("applied");
                    JsonlWriter.writeValue(json, applied);
                }
                if (error != null) {
                    json.writeStringField("error", error);
                }
                json.writeEndObject();
            }
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write faults.jsonl: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** Lets a JSON generator close without closing the file under it. */
    private static final class NonClosing extends FilterWriter {
        NonClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
