package dev.faultline.history.io;

import dev.faultline.history.Op;
import java.util.List;

/** Serves ops that a codec had to read whole (EDN, Jepsen logs) through the streaming interface. */
final class ListOpReader implements OpReader {
    private final String source;
    private final List<Op> ops;
    private final int[] lines;
    private int next;

    ListOpReader(String source, List<Op> ops, int[] lines) {
        this.source = source;
        this.ops = ops;
        this.lines = lines;
    }

    @Override
    public Op next() {
        return next < ops.size() ? ops.get(next++) : null;
    }

    @Override
    public int line() {
        return next == 0 ? 0 : lines[next - 1];
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public void close() {}
}
