package dev.faultline.target.common.core;

import java.util.Objects;

/**
 * Something that matters for a person reading the node's log: a role change, an election, a
 * commit-index advance, a snapshot. The shell logs one line per event ({@code event=KIND DETAIL});
 * the simulator puts it in its trace. Cores report events rather than log, so they stay free of
 * I/O and their logs stay deterministic.
 *
 * @param kind a short lower-case name: {@code role}, {@code election}, {@code commit}, {@code snapshot}, ...
 * @param detail key=value pairs, e.g. {@code role=leader term=4}
 */
public record CoreEvent(String kind, String detail) {
    public CoreEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return "event=" + kind + " " + detail;
    }
}
