package dev.faultline.harness.run;

import dev.faultline.harness.client.Completion;
import dev.faultline.harness.generator.PlannedOp;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Values;
import dev.faultline.history.io.JsonlWriter;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only writer of the history (Jepsen's interpreter appends; clients never do). Each event
 * gets the next index and a time read from the run clock under the same lock, so indices and
 * times never go back, and is written to {@code history.jsonl} as one flushed line at once: a
 * controller killed at any moment leaves every event recorded so far readable.
 */
final class HistoryRecorder implements Closeable {
    private final JsonlWriter writer;
    private final RunClock clock;
    private final Map<OpType, Long> completions = new EnumMap<>(OpType.class);
    private final Set<Object> keys = new HashSet<>();
    private int nextIndex;
    private boolean closed;

    HistoryRecorder(Path file, RunClock clock) throws IOException {
        this.writer = new JsonlWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), true);
        this.clock = clock;
    }

    /** Records an invocation on the node the thread is bound to. */
    synchronized Op invoke(int process, PlannedOp op, String node) {
        if (op.key() != null) {
            keys.add(op.key());
        }
        return append(new Op(0, 0, process, OpType.INVOKE, op.f(), op.key(), Values.canonical(op.value()), node, null,
                Map.of(), op.finalRead()));
    }

    /**
     * Records a completion; the node is the one that served it, else the bound node. An ok read
     * carries the value read; every other completion repeats the invoked value (Jepsen's
     * convention, which the checkers expect, as in {@code KvHistory}).
     */
    synchronized Op complete(int process, PlannedOp op, Completion completion, String boundNode) {
        completions.merge(completion.type(), 1L, Long::sum);
        String node = completion.node() != null ? completion.node() : boundNode;
        boolean observed = completion.type() == OpType.OK && op.f().equals("read");
        Object value = observed ? completion.value() : Values.canonical(op.value());
        return append(new Op(0, 0, process, completion.type(), op.f(), op.key(), value, node, completion.error(),
                completion.meta(), op.finalRead()));
    }

    /** Records a nemesis action; nemesis events are {@code info}, as in Jepsen. */
    synchronized Op nemesis(String f, Map<String, Object> value, String error) {
        return append(new Op(0, 0, Op.NEMESIS, OpType.INFO, f, null, Values.canonicalMap(value), null, error, Map.of(), false));
    }

    /** How many client operations completed with this outcome so far. */
    synchronized long completed(OpType outcome) {
        return completions.getOrDefault(outcome, 0L);
    }

    /** How many events were recorded. */
    synchronized int size() {
        return nextIndex;
    }

    /** Every key an invocation named, for the final reads. */
    synchronized List<Object> keys() {
        List<Object> sorted = new ArrayList<>(keys);
        sorted.sort(HistoryRecorder::compareKeys);
        return sorted;
    }

    private Op append(Op op) {
        if (closed) {
            throw new IllegalStateException("the history is closed");
        }
        Op recorded = op.withIndex(nextIndex).withTime(clock.nanos());
        try {
            writer.write(recorded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the history: " + e.getMessage(), e);
        }
        nextIndex++;
        return recorded;
    }

    /** Numbers in numeric order before anything else in text order. */
    private static int compareKeys(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Long != b instanceof Long) {
            return a instanceof Long ? -1 : 1;
        }
        return Values.describe(a).compareTo(Values.describe(b));
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
    }
}
