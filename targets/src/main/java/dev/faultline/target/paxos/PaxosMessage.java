package dev.faultline.target.paxos;

import dev.faultline.target.common.wire.Codec;
import dev.faultline.target.common.wire.WireCollections;
import dev.faultline.target.common.wire.WireFormatException;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What Paxos nodes send each other. Phase 1 is {@link Prepare} and {@link Promise} ("Paxos Made
 * Simple" §2.2, phase 1a/1b), phase 2 {@link Accept} and {@link Accepted} (2a/2b); {@link Reject}
 * is the optional "nack" of §2.3 that lets a proposer give up early. {@link Heartbeat} and
 * {@link HeartbeatAck} keep a stable leader (§3) and its read lease; {@link Learn} and
 * {@link InstallSnapshot} bring a lagging learner up to date.
 */
public sealed interface PaxosMessage {
    /** Phase 1a for every slot from {@code fromSlot} on (Multi-Paxos runs phase 1 once for all of them). */
    record Prepare(Ballot ballot, long fromSlot) implements PaxosMessage {}

    /**
     * Phase 1b: the acceptor will accept nothing below {@code ballot}; it reports every value it
     * accepted at or above the proposer's {@code fromSlot}, and the slot through which it has
     * compacted its log (a proposer behind that slot cannot lead: it lacks chosen values).
     */
    record Promise(Ballot ballot, long compactedThroughSlot, List<AcceptedValue> accepted) implements PaxosMessage {
        public Promise {
            accepted = List.copyOf(accepted);
        }
    }

    /** Phase 2a for a batch of slots; {@code chosenThroughSlot} is the leader's commit (every slot up to it is chosen). */
    record Accept(Ballot ballot, List<Proposal> proposals, long chosenThroughSlot) implements PaxosMessage {
        public Accept {
            proposals = List.copyOf(proposals);
        }
    }

    /** Phase 2b: the acceptor accepted {@code slots} in {@code ballot}. */
    record Accepted(Ballot ballot, List<Long> slots) implements PaxosMessage {
        public Accepted {
            slots = List.copyOf(slots);
        }
    }

    /** The acceptor refused {@code rejected}: it promised {@code promised}, or it still follows a live leader. */
    record Reject(Ballot rejected, Ballot promised) implements PaxosMessage {}

    /**
     * The leader is alive and every slot up to {@code chosenThroughSlot} is chosen. {@code
     * leaseClockNanos} is the leader's clock when it sent this; the ack echoes it, so the leader
     * knows from when a majority has heard it (its read lease).
     */
    record Heartbeat(Ballot ballot, long chosenThroughSlot, long leaseClockNanos) implements PaxosMessage {}

    /** The answer to a heartbeat: its lease clock echoed, and how far this follower executed (the leader sends what it lacks). */
    record HeartbeatAck(Ballot ballot, long leaseClockNanos, long executedSlot) implements PaxosMessage {}

    /** Chosen values for a learner that lacks them (facts, valid whatever the sender's ballot). */
    record Learn(List<Proposal> chosen) implements PaxosMessage {
        public Learn {
            chosen = List.copyOf(chosen);
        }
    }

    /** The state machine after executing every slot up to {@code slot}, for a learner behind the sender's compaction. */
    record InstallSnapshot(long slot, Map<Object, Object> data) implements PaxosMessage {
        public InstallSnapshot {
            data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        }

        @Override
        public String toString() {
            return "InstallSnapshot[slot=" + slot + ", keys=" + data.size() + "]";
        }
    }

    Codec<PaxosMessage> CODEC = new Codec<>() {
        private static final int PREPARE = 1;
        private static final int PROMISE = 2;
        private static final int ACCEPT = 3;
        private static final int ACCEPTED = 4;
        private static final int REJECT = 5;
        private static final int HEARTBEAT = 6;
        private static final int HEARTBEAT_ACK = 7;
        private static final int LEARN = 8;
        private static final int INSTALL_SNAPSHOT = 9;

        @Override
        public void encode(PaxosMessage message, WireOutput out) {
            Objects.requireNonNull(message, "message");
            if (message instanceof Prepare m) {
                out.writeByte(PREPARE);
                PaxosWire.writeBallot(out, m.ballot());
                out.writeLong(m.fromSlot());
            } else if (message instanceof Promise m) {
                out.writeByte(PROMISE);
                PaxosWire.writeBallot(out, m.ballot());
                out.writeLong(m.compactedThroughSlot());
                PaxosWire.writeAccepted(out, m.accepted());
            } else if (message instanceof Accept m) {
                out.writeByte(ACCEPT);
                PaxosWire.writeBallot(out, m.ballot());
                PaxosWire.writeProposals(out, m.proposals());
                out.writeLong(m.chosenThroughSlot());
            } else if (message instanceof Accepted m) {
                out.writeByte(ACCEPTED);
                PaxosWire.writeBallot(out, m.ballot());
                PaxosWire.writeSlots(out, m.slots());
            } else if (message instanceof Reject m) {
                out.writeByte(REJECT);
                PaxosWire.writeBallot(out, m.rejected());
                PaxosWire.writeBallot(out, m.promised());
            } else if (message instanceof Heartbeat m) {
                out.writeByte(HEARTBEAT);
                PaxosWire.writeBallot(out, m.ballot());
                out.writeLong(m.chosenThroughSlot()).writeLong(m.leaseClockNanos());
            } else if (message instanceof HeartbeatAck m) {
                out.writeByte(HEARTBEAT_ACK);
                PaxosWire.writeBallot(out, m.ballot());
                out.writeLong(m.leaseClockNanos()).writeLong(m.executedSlot());
            } else if (message instanceof Learn m) {
                out.writeByte(LEARN);
                PaxosWire.writeProposals(out, m.chosen());
            } else if (message instanceof InstallSnapshot m) {
                out.writeByte(INSTALL_SNAPSHOT);
                out.writeLong(m.slot());
                WireCollections.writeValueMap(out, m.data());
            }
        }

        @Override
        public PaxosMessage decode(WireInput in) {
            int tag = in.readByte();
            return switch (tag) {
                case PREPARE -> new Prepare(PaxosWire.readBallot(in), in.readLong());
                case PROMISE -> new Promise(PaxosWire.readBallot(in), in.readLong(), PaxosWire.readAccepted(in));
                case ACCEPT -> new Accept(PaxosWire.readBallot(in), PaxosWire.readProposals(in), in.readLong());
                case ACCEPTED -> new Accepted(PaxosWire.readBallot(in), PaxosWire.readSlots(in));
                case REJECT -> new Reject(PaxosWire.readBallot(in), PaxosWire.readBallot(in));
                case HEARTBEAT -> new Heartbeat(PaxosWire.readBallot(in), in.readLong(), in.readLong());
                case HEARTBEAT_ACK -> new HeartbeatAck(PaxosWire.readBallot(in), in.readLong(), in.readLong());
                case LEARN -> new Learn(PaxosWire.readProposals(in));
                case INSTALL_SNAPSHOT -> new InstallSnapshot(in.readLong(), WireCollections.readValueMap(in));
                default -> throw new WireFormatException("unknown paxos message tag " + tag);
            };
        }
    };
}
