package dev.faultline.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs each client completion with the invocation before it, one event at a time, and rejects
 * what cannot happen: a process that invokes twice without completing, a completion without an
 * invocation, a completion whose {@code f} differs from its invocation's.
 *
 * <p>Used by {@link History.Builder} and by streaming passes that never hold the whole history.
 * Nemesis events are never paired: Jepsen writes them as {@code info} events on both sides.
 */
public final class PairingTracker {
    /** An invocation that has not completed yet. */
    public record Pending(int position, int process, String f, int line) {}

    private final String source;
    private final Map<Integer, Pending> open = new HashMap<>();

    public PairingTracker(String source) {
        this.source = source;
    }

    /**
     * Accepts the next event.
     *
     * @return for a client completion, the position of its invocation; otherwise -1
     * @throws HistoryFormatException when the event is impossible after the ones before it
     */
    public int accept(Op op, int position, int line) {
        if (op.isNemesis()) {
            return -1;
        }
        Pending pending = open.get(op.process());
        if (op.type() == OpType.INVOKE) {
            if (pending != null) {
                throw new HistoryFormatException(source, line, "process " + op.process() + " invoked "
                        + op.f() + " while its " + pending.f() + " invoked at " + where(pending)
                        + " has not completed");
            }
            open.put(op.process(), new Pending(position, op.process(), op.f(), line));
            return -1;
        }
        if (pending == null) {
            throw new HistoryFormatException(source, line, op.type().wireName() + " " + op.f()
                    + " from process " + op.process() + " completes nothing: the process has no"
                    + " invocation in progress");
        }
        if (!pending.f().equals(op.f())) {
            throw new HistoryFormatException(source, line, "process " + op.process() + " completed "
                    + op.f() + " but invoked " + pending.f() + " at " + where(pending));
        }
        open.remove(op.process());
        return pending.position();
    }

    private static String where(Pending pending) {
        return "line " + pending.line();
    }

    /** How many client invocations are in progress now. */
    public int openCount() {
        return open.size();
    }

    /** The invocations in progress, in the order they were invoked. */
    public List<Pending> open() {
        List<Pending> pending = new ArrayList<>(open.values());
        pending.sort((a, b) -> Integer.compare(a.position(), b.position()));
        return pending;
    }
}
