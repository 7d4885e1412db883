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
 * What a Paxos node keeps on disk. An acceptor's {@link Promised} and {@link Accepted} records are
 * fsynced before the promise or the accepted message leaves ("Paxos Made Simple" §2.4: an acceptor
 * "must remember this information even if it fails and then restarts"); a learner's
 * {@link Chosen} records are not, since a chosen value can always be learned again. A
 * {@link Snapshot} replaces everything before it.
 */
public sealed interface PaxosRecord {
    /** The acceptor promised {@code ballot}. */
    record Promised(Ballot ballot) implements PaxosRecord {}

    /** The acceptor accepted a value in a slot (which also promises its ballot). */
    record Accepted(AcceptedValue value) implements PaxosRecord {}

    /** The learner learned that a value was chosen. */
    record Chosen(Proposal proposal) implements PaxosRecord {}

    /**
     * The whole durable state: the state machine after {@code slot}, and the acceptor's and
     * learner's knowledge above it.
     */
    record Snapshot(Ballot promised, long slot, Map<Object, Object> data, List<AcceptedValue> accepted,
            List<Proposal> chosen) implements PaxosRecord {
        public Snapshot {
            Objects.requireNonNull(promised, "promised");
            data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
            accepted = List.copyOf(accepted);
            chosen = List.copyOf(chosen);
        }

        @Override
        public String toString() {
            return "Snapshot[promised=" + promised + ", slot=" + slot + ", keys=" + data.size() + ", accepted="
                    + accepted.size() + ", chosen=" + chosen.size() + "]";
        }
    }

    Codec<PaxosRecord> CODEC = new Codec<>() {
        private static final int PROMISED = 1;
        private static final int ACCEPTED = 2;
        private static final int CHOSEN = 3;
        private static final int SNAPSHOT = 4;

        @Override
        public void encode(PaxosRecord record, WireOutput out) {
            Objects.requireNonNull(record, "record");
            if (record instanceof Promised r) {
                out.writeByte(PROMISED);
                PaxosWire.writeBallot(out, r.ballot());
            } else if (record instanceof Accepted r) {
                out.writeByte(ACCEPTED);
                PaxosWire.writeAccepted(out, List.of(r.value()));
            } else if (record instanceof Chosen r) {
                out.writeByte(CHOSEN);
                PaxosWire.writeProposals(out, List.of(r.proposal()));
            } else if (record instanceof Snapshot r) {
                out.writeByte(SNAPSHOT);
                PaxosWire.writeBallot(out, r.promised());
                out.writeLong(r.slot());
                WireCollections.writeValueMap(out, r.data());
                PaxosWire.writeAccepted(out, r.accepted());
                PaxosWire.writeProposals(out, r.chosen());
            }
        }

        @Override
        public PaxosRecord decode(WireInput in) {
            int tag = in.readByte();
            return switch (tag) {
                case PROMISED -> new Promised(PaxosWire.readBallot(in));
                case ACCEPTED -> new Accepted(single(PaxosWire.readAccepted(in)));
                case CHOSEN -> new Chosen(single(PaxosWire.readProposals(in)));
                case SNAPSHOT -> new Snapshot(PaxosWire.readBallot(in), in.readLong(), WireCollections.readValueMap(in),
                        PaxosWire.readAccepted(in), PaxosWire.readProposals(in));
                default -> throw new WireFormatException("unknown paxos record tag " + tag);
            };
        }

        private static <T> T single(List<T> items) {
            if (items.size() != 1) {
                throw new WireFormatException("expected exactly one item, found " + items.size());
            }
            return items.get(0);
        }
    };
}
