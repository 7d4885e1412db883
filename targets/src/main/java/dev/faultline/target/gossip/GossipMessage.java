package dev.faultline.target.gossip;

import dev.faultline.target.common.wire.Codec;
import dev.faultline.target.common.wire.WireFormatException;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** What gossip nodes send each other. Ids are the sender's, unique within its life. */
sealed interface GossipMessage {
    /**
     * Merge {@code entry} into key {@code key} and answer with {@link PutAck} once it is durable:
     * a write's direct mail, a read's write-back or repair, or a delivered hint. With
     * {@code hintFor} set, the receiver is a fallback: it keeps the entry as a hint for that home.
     */
    record Put(long id, Object key, Entry entry, String hintFor) implements GossipMessage {
        public Put {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /** The {@link Put} with this id is durable at the sender. */
    record PutAck(long id) implements GossipMessage {}

    /** What do you hold for {@code key}? (a read, or ABD's query phase) */
    record Get(long id, Object key) implements GossipMessage {}

    /** The answer to {@link Get}; {@code entry} is null when the replica holds nothing for the key. */
    record GetReply(long id, Entry entry) implements GossipMessage {}

    /** A hot rumor (Demers et al., rumor mongering): merge it and say whether it was news. */
    record Rumor(Object key, Entry entry) implements GossipMessage {
        public Rumor {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /** Feedback on a {@link Rumor}: {@code alreadyKnown} when the receiver held it already. */
    record RumorAck(Object key, boolean alreadyKnown) implements GossipMessage {}

    /** Anti-entropy, step 1: the sender's bucket digests for the segments both nodes are homes for. */
    record Digests(long round, List<SegmentDigests> segments) implements GossipMessage {
        public Digests {
            segments = List.copyOf(segments);
        }
    }

    /** One segment's bucket digests. */
    record SegmentDigests(int segment, long[] digests) {
        public SegmentDigests {
            digests = digests.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SegmentDigests that && segment == that.segment
                    && Arrays.equals(digests, that.digests);
        }

        @Override
        public int hashCode() {
            return 31 * segment + Arrays.hashCode(digests);
        }

        @Override
        public String toString() {
            return "segment " + segment;
        }
    }

    /**
     * Anti-entropy, step 2: the buckets whose digests differ ({@code segment * buckets + bucket}),
     * and the receiver's entries in them, for the initiator to merge.
     */
    record DigestReply(long round, List<Integer> buckets, List<KeyEntry> entries) implements GossipMessage {
        public DigestReply {
            buckets = List.copyOf(buckets);
            entries = List.copyOf(entries);
        }
    }

    /** Anti-entropy, step 3: the initiator's entries that the other side lacks or holds older. */
    record Repair(List<KeyEntry> entries) implements GossipMessage {
        public Repair {
            entries = List.copyOf(entries);
        }
    }

    Codec<GossipMessage> CODEC = new Codec<>() {
        private static final int PUT = 1;
        private static final int PUT_ACK = 2;
        private static final int GET = 3;
        private static final int GET_REPLY = 4;
        private static final int RUMOR = 5;
        private static final int RUMOR_ACK = 6;
        private static final int DIGESTS = 7;
        private static final int DIGEST_REPLY = 8;
        private static final int REPAIR = 9;

        @Override
        public void encode(GossipMessage message, WireOutput out) {
            if (message instanceof Put put) {
                out.writeByte(PUT).writeLong(put.id()).writeValue(put.key());
                GossipWire.writeEntry(out, put.entry());
                out.writeString(put.hintFor());
            } else if (message instanceof PutAck ack) {
                out.writeByte(PUT_ACK).writeLong(ack.id());
            } else if (message instanceof Get get) {
                out.writeByte(GET).writeLong(get.id()).writeValue(get.key());
            } else if (message instanceof GetReply reply) {
                out.writeByte(GET_REPLY).writeLong(reply.id());
                GossipWire.writeOptionalEntry(out, reply.entry());
            } else if (message instanceof Rumor rumor) {
                out.writeByte(RUMOR).writeValue(rumor.key());
                GossipWire.writeEntry(out, rumor.entry());
            } else if (message instanceof RumorAck ack) {
                out.writeByte(RUMOR_ACK).writeValue(ack.key()).writeBoolean(ack.alreadyKnown());
            } else if (message instanceof Digests digests) {
                out.writeByte(DIGESTS).writeLong(digests.round()).writeInt(digests.segments().size());
                for (SegmentDigests segment : digests.segments()) {
                    out.writeInt(segment.segment()).writeInt(segment.digests().length);
                    for (long digest : segment.digests()) {
                        out.writeLong(digest);
                    }
                }
            } else if (message instanceof DigestReply reply) {
                out.writeByte(DIGEST_REPLY).writeLong(reply.round()).writeInt(reply.buckets().size());
                for (int bucket : reply.buckets()) {
                    out.writeInt(bucket);
                }
                writeEntries(out, reply.entries());
            } else if (message instanceof Repair repair) {
                out.writeByte(REPAIR);
                writeEntries(out, repair.entries());
            }
        }

        @Override
        public GossipMessage decode(WireInput in) {
            int tag = in.readByte();
            return switch (tag) {
                case PUT -> new Put(in.readLong(), in.readValue(), GossipWire.readEntry(in), in.readString());
                case PUT_ACK -> new PutAck(in.readLong());
                case GET -> new Get(in.readLong(), in.readValue());
                case GET_REPLY -> new GetReply(in.readLong(), GossipWire.readOptionalEntry(in));
                case RUMOR -> new Rumor(in.readValue(), GossipWire.readEntry(in));
                case RUMOR_ACK -> new RumorAck(in.readValue(), in.readBoolean());
                case DIGESTS -> readDigests(in);
                case DIGEST_REPLY -> readDigestReply(in);
                case REPAIR -> new Repair(readEntries(in));
                default -> throw new WireFormatException("unknown gossip message tag " + tag);
            };
        }

        private Digests readDigests(WireInput in) {
            long round = in.readLong();
            int count = in.readCount(8);
            List<SegmentDigests> segments = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int segment = in.readInt();
                long[] digests = new long[in.readCount(8)];
                for (int j = 0; j < digests.length; j++) {
                    digests[j] = in.readLong();
                }
                segments.add(new SegmentDigests(segment, digests));
            }
            return new Digests(round, segments);
        }

        private DigestReply readDigestReply(WireInput in) {
            long round = in.readLong();
            int count = in.readCount(4);
            List<Integer> buckets = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                buckets.add(in.readInt());
            }
            return new DigestReply(round, buckets, readEntries(in));
        }
    };

    static void writeEntries(WireOutput out, List<KeyEntry> entries) {
        out.writeInt(entries.size());
        for (KeyEntry entry : entries) {
            out.writeValue(entry.key());
            GossipWire.writeEntry(out, entry.entry());
        }
    }

    static List<KeyEntry> readEntries(WireInput in) {
        int count = in.readCount(2);
        List<KeyEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(new KeyEntry(in.readValue(), GossipWire.readEntry(in)));
        }
        return entries;
    }
}
