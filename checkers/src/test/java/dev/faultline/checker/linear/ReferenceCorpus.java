package dev.faultline.checker.linear;

import dev.faultline.checker.CheckerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared reference corpus (system property {@code faultline.corpus}) and its verdict table,
 * with each row's semantics turned into checker options.
 */
final class ReferenceCorpus {
    /** One row of {@code VERDICTS.tsv}. */
    record Entry(Path file, boolean linearizable, String format, String semantics) {
        /** The checker options that give the row's semantics. */
        CheckerOptions options() {
            Map<String, String> options = new LinkedHashMap<>();
            if (semantics.startsWith("porcupine")) {
                options.put("model", "cas-register");
                options.put("failed-cas", "compare-failed");
            } else if (semantics.startsWith("knossos")) {
                options.put("model", "cas-register");
                options.put("initial", "0");
                options.put("nil-read", "unknown");
            } else if (semantics.startsWith("kv model")) {
                options.put("model", "kv");
            } else {
                throw new IllegalStateException("no options for semantics " + semantics);
            }
            return CheckerOptions.of(options);
        }

        boolean isKvLog() {
            return format.equals("porcupine-kv");
        }

        @Override
        public String toString() {
            return root().relativize(file).toString();
        }
    }

    private ReferenceCorpus() {}

    static Path root() {
        String configured = System.getProperty("faultline.corpus");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "corpus");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("the reference corpus is missing at " + root.toAbsolutePath());
        }
        return root;
    }

    static List<Entry> entries() throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(root().resolve("VERDICTS.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t");
            entries.add(new Entry(root().resolve(fields[0]), Boolean.parseBoolean(fields[1]), fields[2], fields[3]));
        }
        return entries;
    }
}
