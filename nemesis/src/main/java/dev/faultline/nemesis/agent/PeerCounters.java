package dev.faultline.nemesis.agent;

/**
 * Traffic on one peer link since the node started, as counted by its transport.
 *
 * @param connected whether a connection to the peer is open now
 * @param sent messages written to the connection (a duplicate counts twice)
 * @param received messages read from the connection and handed to the core
 * @param droppedByFaults messages dropped by {@link BlockPeers} or {@link LinkFaults}, both ways
 * @param droppedOverflow messages dropped because the link's bounded send queue was full
 */
public record PeerCounters(boolean connected, long sent, long received, long droppedByFaults, long droppedOverflow) {}
