package dev.faultline.history.io;

import dev.faultline.history.HistoryFormatException;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reader for the subset of EDN that Jepsen, Knossos and Porcupine histories use, with line
 * numbers in every error.
 *
 * <p>Reads nil, booleans, integers (with {@code N}), floats (with {@code M}), {@code ##Inf} and
 * friends, strings, characters, keywords ({@link Keyword}), symbols (as strings), vectors and
 * lists ({@code List}), maps ({@code LinkedHashMap}), sets ({@code LinkedHashSet}); commas are
 * whitespace, {@code ;} starts a comment, {@code #_} discards the next form, and any other tag
 * ({@code #inst}, {@code #jepsen.history.Op}) is dropped in favour of the form it tags. Ratios and
 * auto-resolved keywords are refused with a message rather than guessed at.
 */
final class EdnReader {
    /** Returned by {@link #read()} at the end of the input. */
    static final Object END = new Object();

    private final Reader in;
    private final String source;
    private int line = 1;
    /** Characters pushed back, most recent last; two suffice for {@code #} lookahead plus a peek. */
    private final int[] pushed = new int[4];
    private int pushedCount;
    private int formLine;
    private long offset;

    EdnReader(Reader in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The line on which the form last returned by {@link #read()} began. */
    int formLine() {
        return formLine;
    }

    /** How many characters have been consumed. */
    long offset() {
        return offset;
    }

    /** The current line. */
    int line() {
        return line;
    }

    HistoryFormatException error(int atLine, String problem) {
        return new HistoryFormatException(source, atLine, problem);
    }

    /** Reads the next form, or {@link #END} when only whitespace and comments remain. */
    Object read() throws IOException {
        int c = skipBlank();
        if (c < 0) {
            return END;
        }
        formLine = line;
        return readForm(c);
    }

    /**
     * Skips whitespace and comments and returns the next character without consuming it, or -1 at
     * the end of the input.
     */
    int peekNonBlank() throws IOException {
        int c = skipBlank();
        if (c >= 0) {
            unread(c);
        }
        return c;
    }

    /** Consumes one character; for callers that peeked it. */
    int take() throws IOException {
        return next();
    }

    private int next() throws IOException {
        int c = pushedCount > 0 ? pushed[--pushedCount] : in.read();
        if (c >= 0) {
            offset++;
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private void unread(int c) {
        if (c == '\n') {
            line--;
        }
        if (c >= 0) {
            offset--;
        }
        pushed[pushedCount++] = c;
    }

    /** Skips blanks, comments and discarded forms; returns the first significant character, consumed. */
    private int skipBlank() throws IOException {
        while (true) {
            int c = next();
            if (c == ';') {
                while (c >= 0 && c != '\n') {
                    c = next();
                }
                continue;
            }
            if (c == '#') {
                int after = next();
                if (after == '_') {
                    int start = line;
                    int d = skipBlank();
                    if (d < 0) {
                        throw error(start, "#_ discards nothing: end of input");
                    }
                    readForm(d);
                    continue;
                }
                unread(after);
                return '#';
            }
            if (c < 0 || !(Character.isWhitespace(c) || c == ',')) {
                return c;
            }
        }
    }

    private Object readForm(int c) throws IOException {
        int start = line;
        switch (c) {
            case '[':
            case '(':
                return readSequence(c == '[' ? ']' : ')', start, new ArrayList<>());
            case '{':
                return readMap(start);
            case '"':
                return readString(start);
            case '\\':
                return readCharacter(start);
            case ':':
                return readKeyword(start);
            case '#':
                return readDispatch(start);
            case ']':
            case ')':
            case '}':
                throw error(start, "unexpected " + (char) c + " with nothing open to close");
            default:
                return readAtom(c, start);
        }
    }

    private <C extends java.util.Collection<Object>> C readSequence(char close, int start, C into) throws IOException {
        while (true) {
            int c = skipBlank();
            if (c < 0) {
                throw error(start, "unclosed " + opener(close) + " (end of input at line " + line + ")");
            }
            if (c == close) {
                return into;
            }
            if (c == ']' || c == ')' || c == '}') {
                throw error(line, "expected " + close + " to close the " + opener(close)
                        + " opened at line " + start + ", found " + (char) c);
            }
            into.add(readForm(c));
        }
    }

    private static String opener(char close) {
        return switch (close) {
            case ']' -> "[";
            case ')' -> "(";
            default -> "{";
        };
    }

    private Map<Object, Object> readMap(int start) throws IOException {
        List<Object> items = readSequence('}', start, new ArrayList<>());
        if (items.size() % 2 != 0) {
            throw error(start, "map opened at line " + start + " has a key without a value");
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            if (map.put(items.get(i), items.get(i + 1)) != null) {
                throw error(start, "map opened at line " + start + " repeats the key " + items.get(i));
            }
        }
        return map;
    }

    private Object readDispatch(int start) throws IOException {
        int c = next();
        if (c == '{') {
            Set<Object> set = readSequence('}', start, new LinkedHashSet<>());
            return set;
        }
        if (c == '#') {
            String name = readToken(next());
            return switch (name) {
                case "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> throw error(start, "unknown symbolic value ##" + name);
            };
        }
        if (c < 0 || !isSymbolStart(c)) {
            throw error(start, "a # must start a set, a discard or a tag, found "
                    + (c < 0 ? "end of input" : "'" + (char) c + "'"));
        }
        readToken(c);
        int d = peekNonBlank();
        if (d < 0) {
            throw error(start, "a tag tags nothing: end of input");
        }
        // A record literal such as #jepsen.history.Op{...} has no space before its map.
        return read();
    }

    private String readString(int start) throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int c = next();
            if (c < 0) {
                throw error(start, "unclosed string (end of input at line " + line + ")");
            }
            if (c == '"') {
                return text.toString();
            }
            if (c == '\\') {
                int e = next();
                switch (e) {
                    case 'n' -> text.append('\n');
                    case 't' -> text.append('\t');
                    case 'r' -> text.append('\r');
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case '"' -> text.append('"');
                    case '\\' -> text.append('\\');
                    case 'u' -> text.append((char) Integer.parseInt(readHex(start), 16));
                    default -> throw error(line, "unknown escape \\" + (e < 0 ? "" : (char) e) + " in string");
                }
            } else {
                text.append((char) c);
            }
        }
    }

    private String readHex(int start) throws IOException {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int c = next();
            if (Character.digit(c, 16) < 0) {
                throw error(start, "\\u needs four hex digits");
            }
            hex.append((char) c);
        }
        return hex.toString();
    }

    private String readCharacter(int start) throws IOException {
        int c = next();
        if (c < 0) {
            throw error(start, "a \\ names no character: end of input");
        }
        String name = readToken(c);
        if (name.isEmpty()) {
            return Character.toString(c);
        }
        if (name.length() == 1) {
            return name;
        }
        return switch (name) {
            case "newline" -> "\n";
            case "space" -> " ";
            case "tab" -> "\t";
            case "return" -> "\r";
            case "backspace" -> "\b";
            case "formfeed" -> "\f";
            default -> {
                if (name.startsWith("u") && name.length() == 5) {
                    yield Character.toString((char) Integer.parseInt(name.substring(1), 16));
                }
                throw error(start, "unknown character \\" + name);
            }
        };
    }

    private Keyword readKeyword(int start) throws IOException {
        int c = next();
        if (c == ':') {
            throw error(start, "auto-resolved keyword ::" + readToken(next()) + " is not supported");
        }
        String name = c < 0 ? "" : readToken(c);
        if (name.isEmpty()) {
            throw error(start, "a : must start a keyword, found " + (c < 0 ? "end of input" : "'" + (char) c + "'"));
        }
        return new Keyword(name);
    }

    private Object readAtom(int c, int start) throws IOException {
        String token = readToken(c);
        if (token.isEmpty()) {
            throw error(start, "unexpected character '" + (char) c + "'");
        }
        char first = token.charAt(0);
        boolean numeric = Character.isDigit(first)
                || ((first == '+' || first == '-') && token.length() > 1 && Character.isDigit(token.charAt(1)));
        if (numeric) {
            return readNumber(token, start);
        }
        return switch (token) {
            case "nil" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> token;
        };
    }

    private Object readNumber(String token, int start) {
        try {
            if (token.contains("/")) {
                throw error(start, "ratio " + token + " is not supported");
            }
            if (token.endsWith("N")) {
                return new BigInteger(token.substring(0, token.length() - 1).replace("+", ""));
            }
            if (token.endsWith("M")) {
                return Double.parseDouble(token.substring(0, token.length() - 1));
            }
            if (token.contains(".") || token.contains("e") || token.contains("E")) {
                return Double.parseDouble(token);
            }
            return new BigInteger(token.replace("+", ""));
        } catch (NumberFormatException e) {
            throw error(start, "malformed number " + token);
        }
    }

    /** Reads symbol characters starting with {@code c}; the first non-symbol character is left unread. */
    private String readToken(int c) throws IOException {
        StringBuilder token = new StringBuilder();
        while (c >= 0 && isSymbolPart(c)) {
            token.append((char) c);
            c = next();
        }
        if (c >= 0) {
            unread(c);
        }
        return token.toString();
    }

    private static boolean isSymbolStart(int c) {
        return Character.isLetter(c) || "*+!-_?<>=./&%$'".indexOf(c) >= 0;
    }

    private static boolean isSymbolPart(int c) {
        return Character.isLetterOrDigit(c) || "*+!-_?<>=./&%$':#".indexOf(c) >= 0;
    }
}
