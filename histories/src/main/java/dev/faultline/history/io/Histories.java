package dev.faultline.history.io;

import dev.faultline.history.History;
import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.Op;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reading and writing histories: the one entry point for every codec. */
public final class Histories {
    private static final int DETECT_BYTES = 64 * 1024;
    private static final Pattern JEPSEN_LOG_LINE = Pattern.compile("jepsen\\.util\\s+-\\s+(\\d+|:nemesis)\\s+:");

    private Histories() {}

    /** Reads a whole history, detecting its format. */
    public static History read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * Reads a whole history and validates it (see {@link History.Builder}).
     *
     * @param format the format, or null to detect it from the content
     * @throws HistoryFormatException when the file is malformed or cannot be read
     */
    public static History read(Path file, HistoryFormat format) throws IOException {
        try (OpReader reader = open(file, format)) {
            return readAll(reader);
        }
    }

    /** Reads every remaining op of a reader into a validated history. */
    public static History readAll(OpReader reader) throws IOException {
        History.Builder builder = History.builder(reader.source());
        Op op;
        while ((op = reader.next()) != null) {
            builder.add(op, reader.line());
        }
        return builder.build();
    }

    /**
     * Opens a file for reading op by op. JSON Lines stream; the other formats are read whole first.
     *
     * @param format the format, or null to detect it from the content
     */
    public static OpReader open(Path file, HistoryFormat format) throws IOException {
        String source = file.toString();
        HistoryFormat actual = format != null ? format : detect(file);
        BufferedReader in = reader(file);
        try {
            return switch (actual) {
                case JSONL -> new JsonlReader(in, source);
                case EDN, PORCUPINE_KV -> closing(in, EdnHistoryReader.read(in, source));
                case JEPSEN_LOG -> closing(in, JepsenLogReader.read(in, source));
            };
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static OpReader closing(BufferedReader in, OpReader whole) throws IOException {
        in.close();
        return whole;
    }

    private static BufferedReader reader(Path file) throws IOException {
        try {
            InputStream stream = Files.newInputStream(file);
            return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new HistoryFormatException(file.toString(), 0, "no such file");
        }
    }

    /**
     * Detects a file's format from its first 64 KiB: JSON Lines when it starts with {@code {"};
     * a Jepsen log when a line carries {@code jepsen.util - P :type}; EDN when it starts with
     * {@code [}, {@code (}, {@code {:} or {@code #}; a Porcupine key-value log when EDN op maps
     * with {@code :key} come one per line.
     *
     * @throws HistoryFormatException when no format fits
     */
    public static HistoryFormat detect(Path file) throws IOException {
        String head = head(file);
        return detect(head).orElseThrow(() -> new HistoryFormatException(file.toString(), 0,
                "cannot tell the format (expected JSON Lines, Jepsen EDN, a Jepsen log or a Porcupine log);"
                        + " name it with --format"));
    }

    static Optional<HistoryFormat> detect(String head) {
        if (JEPSEN_LOG_LINE.matcher(head).find()) {
            return Optional.of(HistoryFormat.JEPSEN_LOG);
        }
        String text = skipEdnBlank(head);
        if (text.isEmpty()) {
            return Optional.of(HistoryFormat.JSONL);
        }
        char first = text.charAt(0);
        if (first == '{') {
            String inner = text.substring(1).stripLeading();
            if (inner.startsWith("\"") || inner.startsWith("}")) {
                return Optional.of(HistoryFormat.JSONL);
            }
            String firstLine = text.lines().findFirst().orElse("").strip();
            boolean onePerLine = firstLine.endsWith("}") && firstLine.contains(":key");
            return Optional.of(onePerLine ? HistoryFormat.PORCUPINE_KV : HistoryFormat.EDN);
        }
        if (first == '[' || first == '(' || first == '#') {
            return Optional.of(HistoryFormat.EDN);
        }
        return Optional.empty();
    }

    private static String skipEdnBlank(String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ';') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isWhitespace(c) || c == ',') {
                i++;
            } else {
                break;
            }
        }
        return text.substring(i);
    }

    private static String head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(DETECT_BYTES);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new HistoryFormatException(file.toString(), 0, "no such file");
        }
    }

    /** Writes ops as native JSON Lines. */
    public static void writeJsonl(Iterable<Op> ops, OutputStream out) throws IOException {
        JsonlWriter writer = new JsonlWriter(out, false);
        for (Op op : ops) {
            writer.write(op);
        }
        writer.flush();
    }

    /** Writes ops as native JSON Lines to a file, replacing it. */
    public static void writeJsonl(Iterable<Op> ops, Path file) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writeJsonl(ops, out);
        }
    }
}
