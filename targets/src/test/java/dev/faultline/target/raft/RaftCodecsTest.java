package dev.faultline.target.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.target.common.kv.KvOp;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.wire.WireFormatException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Goal: every Raft message and record survives the codec, and damaged bytes fail cleanly, never as a wrong value. */
class RaftCodecsTest {
    private static final List<Entry> ENTRIES = List.of(
            new Entry(1, 1, EntryData.Noop.INSTANCE),
            new Entry(1, 2, new EntryData.Command(KvRequest.cas("k", null, 3L, 7, 9))),
            new Entry(2, 3, new EntryData.Command(new KvRequest(KvOp.APPEND, "l", List.of("a", 1L), 7, 10))),
            new Entry(2, 4, new EntryData.Membership(List.of("n1", "n2"))));
    private static final SnapshotMeta META = new SnapshotMeta(4, 2, List.of("n1", "n2", "n3"));

    private static final List<RaftMessage> MESSAGES = List.of(
            new RaftMessage.RequestVote(3, true, 10, 2),
            new RaftMessage.RequestVoteResponse(3, false, true),
            new RaftMessage.AppendEntries(3, 4, 2, ENTRIES, 2),
            RaftMessage.AppendEntriesResponse.reject(3, 9, 5, 2),
            RaftMessage.AppendEntriesResponse.accept(3, 8),
            new RaftMessage.Heartbeat(3, 8, 77),
            new RaftMessage.HeartbeatResponse(3, 77),
            new RaftMessage.InstallSnapshotResponse(3, 4, 16, false));

    @Test
    void messagesRoundTrip() {
        for (RaftMessage message : MESSAGES) {
            assertThat(RaftCodecs.MESSAGES.fromBytes(RaftCodecs.MESSAGES.toBytes(message))).isEqualTo(message);
        }
        RaftMessage.InstallSnapshot install = new RaftMessage.InstallSnapshot(3, META, 10, 4, new byte[] {1, 2, 3});
        RaftMessage.InstallSnapshot decoded = (RaftMessage.InstallSnapshot) RaftCodecs.MESSAGES.fromBytes(
                RaftCodecs.MESSAGES.toBytes(install));
        assertThat(decoded.meta()).isEqualTo(META);
        assertThat(decoded.chunk()).containsExactly(1, 2, 3);
        assertThat(decoded.toString()).isEqualTo(install.toString());
    }

    @Test
    void recordsRoundTrip() {
        assertThat(RaftCodecs.RECORDS.fromBytes(RaftCodecs.RECORDS.toBytes(new RaftRecord.HardState(5, "n2"))))
                .isEqualTo(new RaftRecord.HardState(5, "n2"));
        assertThat(RaftCodecs.RECORDS.fromBytes(RaftCodecs.RECORDS.toBytes(RaftRecord.HardState.INITIAL)))
                .isEqualTo(RaftRecord.HardState.INITIAL);
        assertThat(RaftCodecs.RECORDS.fromBytes(RaftCodecs.RECORDS.toBytes(new RaftRecord.Append(ENTRIES))))
                .isEqualTo(new RaftRecord.Append(ENTRIES));
        RaftRecord.Snapshot snapshot = new RaftRecord.Snapshot(new RaftRecord.HardState(5, null), META, new byte[] {9},
                ENTRIES.subList(3, 4));
        RaftRecord.Snapshot decoded = (RaftRecord.Snapshot) RaftCodecs.RECORDS.fromBytes(RaftCodecs.RECORDS.toBytes(snapshot));
        assertThat(decoded.hardState()).isEqualTo(snapshot.hardState());
        assertThat(decoded.meta()).isEqualTo(META);
        assertThat(decoded.data()).containsExactly(9);
        assertThat(decoded.tail()).isEqualTo(snapshot.tail());
    }

    @Test
    void everyTruncationFailsCleanly() {
        byte[] bytes = RaftCodecs.MESSAGES.toBytes(MESSAGES.get(2));
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> RaftCodecs.MESSAGES.fromBytes(truncated)).isInstanceOf(WireFormatException.class);
        }
        assertThatThrownBy(() -> RaftCodecs.RECORDS.fromBytes(new byte[] {42})).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("unknown raft record tag 42");
    }
}
