package dev.faultline.history.io;

import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Jepsen's text log, in which {@code jepsen.util} logs each op as {@code process type f
 * value [error]}, tab- or space-separated, for instance {@code INFO  jepsen.util - 3	:invoke	:cas
 * [1 4]}. Line order is real-time order; there are no timestamps.
 *
 * <p>A line is an op line when {@code jepsen.util - } is followed by a process (an integer or
 * {@code :nemesis}) and a keyword; every other line is ignored. An op line that does not parse is
 * an error, never skipped. What follows the value is kept as the op's error.
 */
final class JepsenLogReader {
    private static final Pattern OP_LINE = Pattern.compile(
            "jepsen\\.util\\s+-\\s+(\\d+|:nemesis)\\s+(:\\S+)\\s*(.*)$");
    private static final Pattern F_AND_REST = Pattern.compile("(:\\S+)\\s*(.*)$");
    /** A keyword's name: anything but a leading colon (auto-resolved {@code ::kw} is not EDN data). */
    private static final Pattern KEYWORD = Pattern.compile(":[^:\\s]\\S*");

    private JepsenLogReader() {}

    static OpReader read(BufferedReader in, String source) throws IOException {
        List<Op> ops = new ArrayList<>();
        int[] lines = new int[64];
        String text;
        int lineNumber = 0;
        while ((text = in.readLine()) != null) {
            lineNumber++;
            Matcher op = OP_LINE.matcher(text);
            if (!op.find()) {
                continue;
            }
            if (ops.size() == lines.length) {
                lines = Arrays.copyOf(lines, lines.length * 2);
            }
            lines[ops.size()] = lineNumber;
            ops.add(parse(op, ops.size(), source, lineNumber));
        }
        return new ListOpReader(source, IndependentKeys.unwrapIfIndependent(ops), lines);
    }

    private static Op parse(Matcher op, int position, String source, int line) throws IOException {
        int process = op.group(1).equals(":nemesis") ? Op.NEMESIS : parseProcess(op.group(1), source, line);
        OpType type = EdnOps.type(keyword(op.group(2), source, line), source, line);
        Matcher rest = F_AND_REST.matcher(op.group(3));
        if (!rest.matches()) {
            throw new HistoryFormatException(source, line, "op line has no :f after its type");
        }
        String f = keyword(rest.group(1), source, line).name();
        String valueText = rest.group(2);
        if (valueText.isBlank()) {
            throw new HistoryFormatException(source, line, "op line has no value after :" + f);
        }
        EdnReader edn = new EdnReader(new StringReader(valueText), source);
        Object value;
        try {
            value = edn.read();
        } catch (HistoryFormatException e) {
            throw new HistoryFormatException(source, line, "value " + e.problem());
        }
        String error = valueText.substring((int) edn.offset()).strip();
        return new Op(position, Op.NO_TIME, process, type, f, null, EdnOps.plain(value), null,
                error.isEmpty() ? null : error, Map.of(), false);
    }

    private static Keyword keyword(String token, String source, int line) {
        if (!KEYWORD.matcher(token).matches()) {
            throw new HistoryFormatException(source, line, "malformed keyword " + token);
        }
        return new Keyword(token.substring(1));
    }

    private static int parseProcess(String digits, String source, int line) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new HistoryFormatException(source, line, "process " + digits + " is out of range");
        }
    }
}
