package dev.faultline.target.gossip;

import dev.faultline.target.common.wire.Codec;
import dev.faultline.target.common.wire.WireFormatException;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a gossip node persists. Recovery replays the records through the same merges that made
 * them, which is exact because merges are deterministic: a record holds what arrived (a write's
 * version, a set's new element), not the merged result, so a set never rewrites itself whole.
 */
sealed interface GossipRecord {
    /** {@code entry} was merged into this replica's key {@code key}. */
    record Merged(Object key, Entry entry) implements GossipRecord {}

    /** {@code entry} was accepted as a hint for {@code home}. */
    record Hinted(String home, Object key, Entry entry) implements GossipRecord {}

    /** {@code home} acknowledged the hint {@code entry} for {@code key}, which is forgotten. */
    record HintDelivered(String home, Object key, Entry entry) implements GossipRecord {}

    /** Version-vector counters up to {@code limit} may have been issued (see {@link WriteCounters}). */
    record CountersReserved(long limit) implements GossipRecord {}

    /** The whole durable state: every entry, every hint, and the counter reservation. */
    record Snapshot(List<KeyEntry> entries, Map<String, List<KeyEntry>> hints, long countersReserved) implements GossipRecord {
        public Snapshot {
            entries = List.copyOf(entries);
            TreeMap<String, List<KeyEntry>> copy = new TreeMap<>();
            hints.forEach((home, held) -> copy.put(home, List.copyOf(held)));
            hints = Collections.unmodifiableMap(copy);
        }
    }

    Codec<GossipRecord> CODEC = new Codec<>() {
        private static final int MERGED = 1;
        private static final int HINTED = 2;
        private static final int HINT_DELIVERED = 3;
        private static final int COUNTERS_RESERVED = 4;
        private static final int SNAPSHOT = 5;

        @Override
        public void encode(GossipRecord record, WireOutput out) {
            if (record instanceof Merged merged) {
                out.writeByte(MERGED).writeValue(merged.key());
                GossipWire.writeEntry(out, merged.entry());
            } else if (record instanceof Hinted hinted) {
                out.writeByte(HINTED).writeString(hinted.home()).writeValue(hinted.key());
                GossipWire.writeEntry(out, hinted.entry());
            } else if (record instanceof HintDelivered delivered) {
                out.writeByte(HINT_DELIVERED).writeString(delivered.home()).writeValue(delivered.key());
                GossipWire.writeEntry(out, delivered.entry());
            } else if (record instanceof CountersReserved reserved) {
                out.writeByte(COUNTERS_RESERVED).writeLong(reserved.limit());
            } else if (record instanceof Snapshot snapshot) {
                out.writeByte(SNAPSHOT).writeLong(snapshot.countersReserved());
                GossipMessage.writeEntries(out, snapshot.entries());
                out.writeInt(snapshot.hints().size());
                snapshot.hints().forEach((home, held) -> {
                    out.writeString(home);
                    GossipMessage.writeEntries(out, held);
                });
            }
        }

        @Override
        public GossipRecord decode(WireInput in) {
            int tag = in.readByte();
            return switch (tag) {
                case MERGED -> new Merged(in.readValue(), GossipWire.readEntry(in));
                case HINTED -> new Hinted(readHome(in), in.readValue(), GossipWire.readEntry(in));
                case HINT_DELIVERED -> new HintDelivered(readHome(in), in.readValue(), GossipWire.readEntry(in));
                case COUNTERS_RESERVED -> new CountersReserved(in.readLong());
                case SNAPSHOT -> readSnapshot(in);
                default -> throw new WireFormatException("unknown gossip record tag " + tag);
            };
        }

        private Snapshot readSnapshot(WireInput in) {
            long reserved = in.readLong();
            List<KeyEntry> entries = GossipMessage.readEntries(in);
            int homes = in.readCount(4);
            Map<String, List<KeyEntry>> hints = new TreeMap<>();
            for (int i = 0; i < homes; i++) {
                hints.put(readHome(in), GossipMessage.readEntries(in));
            }
            return new Snapshot(entries, hints, reserved);
        }

        private String readHome(WireInput in) {
            String home = in.readString();
            if (home == null) {
                throw new WireFormatException("hint without a home");
            }
            return home;
        }
    };
}
