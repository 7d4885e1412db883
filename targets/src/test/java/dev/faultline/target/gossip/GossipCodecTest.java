package dev.faultline.target.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.target.common.wire.WireFormatException;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import dev.faultline.target.gossip.Entry.GrowSet;
import dev.faultline.target.gossip.Entry.Register;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Goal: every message and record survives its codec exactly, and non-canonical entries are refused. */
class GossipCodecTest {
    private static final Register SIBLINGS = Register.of(List.of(
            new Version("a", new Stamp(10, "n1"), new VersionVector(new TreeMap<>(Map.of("n1", 3L)))),
            new Version(List.of(1L, "b"), new Stamp(9, "n2"), new VersionVector(new TreeMap<>(Map.of("n2", 1L))))));
    private static final GrowSet SET = GrowSet.ofSorted(List.of(-1L, 4L, "x"));

    @Test
    void everyMessageRoundTrips() {
        List<GossipMessage> messages = List.of(
                new GossipMessage.Put(7, "k", SIBLINGS, null),
                new GossipMessage.Put(8, List.of(1L, 2L), SET, "n3"),
                new GossipMessage.PutAck(7),
                new GossipMessage.Get(9, 12L),
                new GossipMessage.GetReply(9, null),
                new GossipMessage.GetReply(9, SET),
                new GossipMessage.Rumor("k", SIBLINGS),
                new GossipMessage.RumorAck("k", true),
                new GossipMessage.Digests(3, List.of(new GossipMessage.SegmentDigests(1, new long[] {1, -2, 3}))),
                new GossipMessage.DigestReply(3, List.of(17, 18), List.of(new KeyEntry("k", SET))),
                new GossipMessage.Repair(List.of(new KeyEntry("k", SIBLINGS), new KeyEntry(null, SET))));
        for (GossipMessage message : messages) {
            assertThat(GossipMessage.CODEC.fromBytes(GossipMessage.CODEC.toBytes(message))).isEqualTo(message);
        }
    }

    @Test
    void everyRecordRoundTrips() {
        List<GossipRecord> records = List.of(
                new GossipRecord.Merged("k", SIBLINGS),
                new GossipRecord.Hinted("n2", "k", SET),
                new GossipRecord.HintDelivered("n2", "k", SET),
                new GossipRecord.CountersReserved(2_000),
                new GossipRecord.Snapshot(List.of(new KeyEntry("k", SIBLINGS)), Map.of("n3", List.of(new KeyEntry(5L, SET))), 1_000));
        for (GossipRecord record : records) {
            assertThat(GossipRecord.CODEC.fromBytes(GossipRecord.CODEC.toBytes(record))).isEqualTo(record);
        }
    }

    @Test
    void entriesOutOfCanonicalOrderAreRefused() {
        WireOutput unsortedSet = new WireOutput().writeByte(2).writeInt(2).writeValue(5L).writeValue(1L);
        assertThatThrownBy(() -> GossipWire.readEntry(new WireInput(unsortedSet.toByteArray())))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("out of order");
        WireOutput oldFirst = new WireOutput().writeByte(1).writeInt(2);
        for (Version version : List.of(SIBLINGS.siblings().get(1), SIBLINGS.siblings().get(0))) {
            oldFirst.writeValue(version.value());
            GossipWire.writeStamp(oldFirst, version.stamp());
            GossipWire.writeClock(oldFirst, version.clock());
        }
        assertThatThrownBy(() -> GossipWire.readEntry(new WireInput(oldFirst.toByteArray())))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("out of order");
    }
}
