package dev.faultline.target.raft;

import dev.faultline.target.common.kv.KvRequest;
import java.util.List;
import java.util.Objects;

/** What a log entry carries: a leader's no-op, a client command, or a new configuration. */
public sealed interface EntryData {
    /** Appended by each new leader so that it commits an entry of its own term at once (Raft §8). */
    record Noop() implements EntryData {
        static final Noop INSTANCE = new Noop();
    }

    /** A client's write, cas, add or append, with its session (client id, sequence) for deduplication. */
    record Command(KvRequest request) implements EntryData {
        public Command {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * The voting members from this entry on (single-server change, Raft dissertation §4.1): a node
     * uses the latest configuration in its log, committed or not.
     */
    record Membership(List<String> voters) implements EntryData {
        public Membership {
            voters = List.copyOf(voters);
            if (voters.isEmpty()) {
                throw new IllegalArgumentException("a configuration needs at least one voter");
            }
        }
    }
}
