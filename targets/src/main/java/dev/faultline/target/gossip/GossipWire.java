package dev.faultline.target.gossip;

import dev.faultline.target.common.wire.WireFormatException;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import dev.faultline.target.gossip.Entry.GrowSet;
import dev.faultline.target.gossip.Entry.Register;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The wire form of the store's values, shared by the message and record codecs:
 *
 * <pre>
 * stamp:   long timestamp, string node
 * clock:   int count, (string node, long counter)*
 * version: value, stamp, clock
 * entry:   byte 1 (register), int count, version* | byte 2 (set), int count, value*
 * </pre>
 * A decoded entry is checked to be canonical (siblings and elements in order, no duplicates), so a
 * corrupt peer cannot plant an entry that would never compare equal to a replica's own.
 */
final class GossipWire {
    private static final int REGISTER = 1;
    private static final int SET = 2;

    private GossipWire() {}

    static void writeStamp(WireOutput out, Stamp stamp) {
        out.writeLong(stamp.timestamp()).writeString(stamp.node());
    }

    static Stamp readStamp(WireInput in) {
        long timestamp = in.readLong();
        String node = in.readString();
        if (node == null) {
            throw new WireFormatException("stamp without a node");
        }
        return new Stamp(timestamp, node);
    }

    static void writeClock(WireOutput out, VersionVector clock) {
        out.writeInt(clock.counters().size());
        clock.counters().forEach((node, counter) -> out.writeString(node).writeLong(counter));
    }

    static VersionVector readClock(WireInput in) {
        int count = in.readCount(12);
        TreeMap<String, Long> counters = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String node = in.readString();
            long counter = in.readLong();
            if (node == null || counter <= 0 || counters.put(node, counter) != null) {
                throw new WireFormatException("bad version vector entry " + node + "=" + counter);
            }
        }
        return count == 0 ? VersionVector.EMPTY : new VersionVector(counters);
    }

    static void writeEntry(WireOutput out, Entry entry) {
        if (entry instanceof Register register) {
            out.writeByte(REGISTER);
            writeVersions(out, register.siblings());
        } else if (entry instanceof GrowSet set) {
            out.writeByte(SET).writeInt(set.elements().size());
            for (Object element : set.elements()) {
                out.writeValue(element);
            }
        }
    }

    static Entry readEntry(WireInput in) {
        int tag = in.readByte();
        if (tag == REGISTER) {
            int count = in.readCount(1);
            List<Version> siblings = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                siblings.add(new Version(in.readValue(), readStamp(in), readClock(in)));
            }
            if (count == 0) {
                throw new WireFormatException("a register without versions");
            }
            Register register = Register.of(siblings);
            if (!register.siblings().equals(siblings)) {
                throw new WireFormatException("register siblings out of order: " + siblings);
            }
            return register;
        }
        if (tag == SET) {
            int count = in.readCount(1);
            List<Object> elements = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Object element = in.readValue();
                if (i > 0 && ValueOrder.INSTANCE.compare(elements.get(i - 1), element) >= 0) {
                    throw new WireFormatException("set elements out of order or repeated at " + element);
                }
                elements.add(element);
            }
            return GrowSet.ofSorted(elements);
        }
        throw new WireFormatException("unknown entry tag " + tag);
    }

    /** A nullable entry: a boolean, then the entry. */
    static void writeOptionalEntry(WireOutput out, Entry entry) {
        out.writeBoolean(entry != null);
        if (entry != null) {
            writeEntry(out, entry);
        }
    }

    static Entry readOptionalEntry(WireInput in) {
        return in.readBoolean() ? readEntry(in) : null;
    }

    /** The bytes a register's digest is computed from. */
    static byte[] registerBytes(List<Version> siblings) {
        WireOutput out = new WireOutput(64);
        writeVersions(out, siblings);
        return out.toByteArray();
    }

    private static void writeVersions(WireOutput out, List<Version> versions) {
        out.writeInt(versions.size());
        for (Version version : versions) {
            out.writeValue(version.value());
            writeStamp(out, version.stamp());
            writeClock(out, version.clock());
        }
    }
}
