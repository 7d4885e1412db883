package dev.faultline.nemesis.agent;

import java.util.Map;

/**
 * The answer to {@link StatusRequest}: the core's status and every fault the node is applying.
 *
 * @param node the node's id
 * @param target the target it runs (memory, raft, ...)
 * @param status what the core reports
 * @param blocked the peers it currently blocks
 * @param links the link faults in force
 * @param clock its clock
 * @param powerLoss whether power-loss mode is on
 * @param peers traffic per peer
 */
public record NodeReport(
        String node,
        String target,
        NodeStatus status,
        BlockPeers blocked,
        LinkFaults links,
        ClockStatus clock,
        boolean powerLoss,
        Map<String, PeerCounters> peers) {

    public NodeReport {
        peers = Map.copyOf(peers == null ? Map.of() : peers);
    }
}
