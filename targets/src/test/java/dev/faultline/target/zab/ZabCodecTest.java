package dev.faultline.target.zab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.zab.ZabMessage.SyncMode;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Goal: every ZAB message and record survives its codec unchanged, null keys and values included. */
class ZabCodecTest {
    private static final Txn TXN = new Txn(new Zxid(2, 9), "n1", Long.MAX_VALUE - 3,
            KvRequest.cas(null, null, List.of(1L, "b"), 4, 5));

    @Test
    void everyMessageRoundTrips() {
        Map<Object, Object> data = new LinkedHashMap<>();
        data.put(null, 1L);
        data.put("y", null);
        data.put("z", Collections.unmodifiableList(Arrays.asList(1L, null)));
        List<ZabMessage> messages = List.of(
                new ZabMessage.Notification(new Vote("n3", new Zxid(1, 2), 3), 4, ServerState.LEADING),
                new ZabMessage.Notification(Vote.NONE, 1, ServerState.LOOKING),
                new ZabMessage.FollowerInfo(3, new Zxid(3, 1), true),
                new ZabMessage.LeaderInfo(4),
                new ZabMessage.AckEpoch(4, 3, new Zxid(3, 1), false),
                new ZabMessage.NewLeader(4, SyncMode.SNAP, Zxid.ZERO, new Zxid(2, 9), data, List.of(TXN), new Zxid(2, 8)),
                new ZabMessage.NewLeader(4, SyncMode.TRUNC, new Zxid(2, 1), Zxid.ZERO, Map.of(), List.of(), Zxid.ZERO),
                new ZabMessage.UpToDate(4, new Zxid(2, 9)),
                new ZabMessage.Proposal(4, TXN),
                new ZabMessage.Ack(4, new Zxid(4, 1), true),
                new ZabMessage.Commit(4, new Zxid(4, 1)),
                new ZabMessage.Inform(4, TXN),
                new ZabMessage.Ping(4, 99, new Zxid(4, 1)),
                new ZabMessage.PingReply(4, 99),
                new ZabMessage.Forward(4, 12, KvRequest.write("x", 1L, 2, 3)),
                new ZabMessage.SyncRequest(4, 13),
                new ZabMessage.SyncReply(4, 13, new Zxid(4, 1)));
        for (ZabMessage message : messages) {
            assertThat(ZabMessageCodec.INSTANCE.fromBytes(ZabMessageCodec.INSTANCE.toBytes(message))).isEqualTo(message);
        }
    }

    @Test
    void everyRecordRoundTrips() {
        List<ZabRecord> records = List.of(
                new ZabRecord.AcceptedEpoch(7),
                new ZabRecord.CurrentEpoch(6),
                new ZabRecord.Logged(TXN),
                new ZabRecord.Truncated(new Zxid(2, 3)),
                new ZabRecord.Snapshot(7, 6, new Zxid(2, 8), Map.of("x", 3L), List.of(TXN)));
        for (ZabRecord record : records) {
            assertThat(ZabRecordCodec.INSTANCE.fromBytes(ZabRecordCodec.INSTANCE.toBytes(record))).isEqualTo(record);
        }
    }
}
