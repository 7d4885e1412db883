package dev.faultline.harness.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes a self-contained HTML page: a template from this package's resources with its
 * {@code <!--@NAME-->} markers replaced by other resources (the CSS and the script, inlined so the
 * page fetches nothing) and by JSON data. The JSON is streamed into the page, never built as one
 * string, and escapes {@code <}, {@code >} and {@code &} so no value can end the script element
 * that holds it. The file is written beside its target and moved into place, so a browser never
 * opens half a page.
 */
final class PageWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setCharacterEscapes(new ScriptSafeEscapes());
        MAPPER.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    private PageWriter() {}

    /**
     * @param template the template resource's name
     * @param parts what replaces each marker: a {@link String} resource name ending in
     *     {@code .css}/{@code .js}, inlined as is; an {@link Html} text; or any other value, written
     *     as JSON
     */
    static void write(Path file, String template, Map<String, Object> parts) throws IOException {
        String page = resource(template);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            int from = 0;
            for (int marker = page.indexOf("<!--@", from); marker >= 0; marker = page.indexOf("<!--@", from)) {
                int close = page.indexOf("-->", marker);
                String name = page.substring(marker + 5, close);
                if (!parts.containsKey(name)) {
                    throw new IllegalStateException(template + ": nothing for the marker " + name);
                }
                out.write(page, from, marker - from);
                writePart(out, parts.get(name));
                from = close + 3;
            }
            out.write(page, from, page.length() - from);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Text already safe to put in HTML. */
    record Html(String text) {}

    private static void writePart(Writer out, Object part) throws IOException {
        if (part instanceof String name && (name.endsWith(".css") || name.endsWith(".js"))) {
            out.write(resource(name));
        } else if (part instanceof Html html) {
            out.write(html.text());
        } else {
            MAPPER.writeValue(out, part);
        }
    }

    static String resource(String name) {
        try (InputStream in = PageWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Escapes HTML's characters: HTML must be escaped, and so must {@code </script>} inside a script. */
    static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** JSON escapes plus {@code <}, {@code >}, {@code &} as {@code \u003c}..., valid JSON and inert in HTML. */
    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private final int[] escapes;

        ScriptSafeEscapes() {
            escapes = standardAsciiEscapesForJSON();
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
