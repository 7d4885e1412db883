package dev.faultline.history.io;

import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.Op;
import dev.faultline.history.Values;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads Jepsen EDN histories: a vector or list of op maps ({@code history.edn} of Jepsen and
 * Knossos), or op maps one after another (newer Jepsen, and Porcupine's key-value logs). Each op
 * is numbered by the line its map starts on. Independent-key tuples become key and value
 * ({@link IndependentKeys}); {@code :txn} values are kept as data.
 *
 * <p>The file is read whole before the first op is returned, because independent-key tuples can
 * only be recognised over the whole history. Histories too large for that belong in JSON Lines.
 */
final class EdnHistoryReader {
    private EdnHistoryReader() {}

    static OpReader read(Reader in, String source) throws IOException {
        EdnReader edn = new EdnReader(in, source);
        List<Op> ops = new ArrayList<>();
        int[] lines = new int[64];
        int first = edn.peekNonBlank();
        if (first < 0) {
            return new ListOpReader(source, ops, new int[0]);
        }
        boolean wrapped = first == '[' || first == '(';
        if (!wrapped && first != '{' && first != '#') {
            throw edn.error(edn.line(), "expected a vector, a list or maps of ops, found '" + (char) first + "'");
        }
        int openLine = edn.line();
        char close = first == '[' ? ']' : ')';
        if (wrapped) {
            edn.take();
        }
        while (true) {
            int c = edn.peekNonBlank();
            if (wrapped) {
                if (c < 0) {
                    throw edn.error(openLine, "unclosed " + (char) first + " (end of input at line " + edn.line() + ")");
                }
                if (c == close) {
                    edn.take();
                    int trailing = edn.peekNonBlank();
                    if (trailing >= 0) {
                        throw edn.error(edn.line(), "unexpected '" + (char) trailing + "' after the history's closing " + close);
                    }
                    break;
                }
            }
            Object form = edn.read();
            if (form == EdnReader.END) {
                break;
            }
            int line = edn.formLine();
            if (!(form instanceof Map<?, ?> map)) {
                throw new HistoryFormatException(source, line, "expected an op map, found " + Values.describe(EdnOps.plain(form)));
            }
            if (ops.size() == lines.length) {
                lines = Arrays.copyOf(lines, lines.length * 2);
            }
            lines[ops.size()] = line;
            ops.add(EdnOps.fromMap(map, ops.size(), source, line));
        }
        return new ListOpReader(source, IndependentKeys.unwrapIfIndependent(ops), lines);
    }
}
