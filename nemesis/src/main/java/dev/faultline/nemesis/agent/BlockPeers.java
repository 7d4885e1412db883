package dev.faultline.nemesis.agent;

import java.util.Set;
import java.util.TreeSet;

/**
 * Partitions as seen by one node: drop every message this node would send to {@code outboundTo},
 * and every message it receives from {@code inboundFrom}. Replaces the node's previous sets; two
 * empty sets heal. A symmetric cut between A and B needs only A to block B both ways; a one-way
 * partition ("B cannot hear A") is A blocking B outbound, or B blocking A inbound.
 *
 * @param outboundTo peers this node stops sending to
 * @param inboundFrom peers whose messages this node discards on arrival
 */
public record BlockPeers(Set<String> outboundTo, Set<String> inboundFrom) implements AgentRequest {
    public static final BlockPeers NONE = new BlockPeers(Set.of(), Set.of());

    public BlockPeers {
        outboundTo = Set.copyOf(outboundTo == null ? Set.of() : outboundTo);
        inboundFrom = Set.copyOf(inboundFrom == null ? Set.of() : inboundFrom);
    }

    /** Both directions between this node and {@code peers}. */
    public static BlockPeers both(Set<String> peers) {
        return new BlockPeers(peers, peers);
    }

    public boolean isNone() {
        return outboundTo.isEmpty() && inboundFrom.isEmpty();
    }

    @Override
    public String describe() {
        return "block-peers outbound=" + new TreeSet<>(outboundTo) + " inbound=" + new TreeSet<>(inboundFrom);
    }
}
