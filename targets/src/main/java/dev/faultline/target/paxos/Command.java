package dev.faultline.target.paxos;

import dev.faultline.target.common.kv.KvRequest;
import java.util.Objects;

/**
 * The value of one slot: a client's command, or a no-op a new leader puts in a slot nobody
 * proposed anything for ("Paxos Made Simple" §3: "it fills the gaps ... with a special 'no-op'
 * command that leaves the state unchanged").
 */
public sealed interface Command {
    /** The no-op. */
    Noop NOOP = new Noop();

    /** A command that leaves the state unchanged. */
    record Noop() implements Command {
        @Override
        public String toString() {
            return "noop";
        }
    }

    /**
     * A client's request, as the node that first proposed it received it.
     *
     * @param proposer the node that proposed it (and answers the client when it executes it)
     * @param requestId that node's id for the request, to find the waiting client
     * @param request the operation
     */
    record Client(String proposer, long requestId, KvRequest request) implements Command {
        public Client {
            Objects.requireNonNull(proposer, "proposer");
            Objects.requireNonNull(request, "request");
        }

        @Override
        public String toString() {
            return request.op().f() + "(" + request.key() + "," + request.value() + ")@" + proposer + "#" + requestId;
        }
    }
}
