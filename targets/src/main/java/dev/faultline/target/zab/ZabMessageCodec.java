package dev.faultline.target.zab;

import static dev.faultline.target.common.wire.WireCollections.readValueMap;
import static dev.faultline.target.common.wire.WireCollections.writeValueMap;
import static dev.faultline.target.zab.ZabWire.readTxn;
import static dev.faultline.target.zab.ZabWire.readTxns;
import static dev.faultline.target.zab.ZabWire.readZxid;
import static dev.faultline.target.zab.ZabWire.writeTxn;
import static dev.faultline.target.zab.ZabWire.writeTxns;
import static dev.faultline.target.zab.ZabWire.writeZxid;

import dev.faultline.target.common.kv.KvCodec;
import dev.faultline.target.common.wire.Codec;
import dev.faultline.target.common.wire.WireFormatException;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import dev.faultline.target.zab.ZabMessage.Ack;
import dev.faultline.target.zab.ZabMessage.AckEpoch;
import dev.faultline.target.zab.ZabMessage.Commit;
import dev.faultline.target.zab.ZabMessage.FollowerInfo;
import dev.faultline.target.zab.ZabMessage.Forward;
import dev.faultline.target.zab.ZabMessage.Inform;
import dev.faultline.target.zab.ZabMessage.LeaderInfo;
import dev.faultline.target.zab.ZabMessage.NewLeader;
import dev.faultline.target.zab.ZabMessage.Notification;
import dev.faultline.target.zab.ZabMessage.Ping;
import dev.faultline.target.zab.ZabMessage.PingReply;
import dev.faultline.target.zab.ZabMessage.Proposal;
import dev.faultline.target.zab.ZabMessage.SyncMode;
import dev.faultline.target.zab.ZabMessage.SyncReply;
import dev.faultline.target.zab.ZabMessage.SyncRequest;
import dev.faultline.target.zab.ZabMessage.UpToDate;

/** One tag byte per {@link ZabMessage} type (ZooKeeper's packet type numbers where it has one), then its fields. */
final class ZabMessageCodec implements Codec<ZabMessage> {
    static final ZabMessageCodec INSTANCE = new ZabMessageCodec();

    private static final int NOTIFICATION = 0;
    private static final int PROPOSAL = 2;
    private static final int ACK = 3;
    private static final int COMMIT = 4;
    private static final int PING = 5;
    private static final int SYNC_REQUEST = 7;
    private static final int INFORM = 8;
    private static final int FORWARD = 1;
    private static final int NEW_LEADER = 10;
    private static final int FOLLOWER_INFO = 11;
    private static final int UP_TO_DATE = 12;
    private static final int LEADER_INFO = 17;
    private static final int ACK_EPOCH = 18;
    private static final int PING_REPLY = 20;
    private static final int SYNC_REPLY = 21;

    private static final SyncMode[] SYNC_MODES = SyncMode.values();

    private ZabMessageCodec() {}

    @Override
    public void encode(ZabMessage message, WireOutput out) {
        if (message instanceof Notification n) {
            out.writeByte(NOTIFICATION).writeString(n.vote().leader());
            writeZxid(out, n.vote().zxid());
            out.writeLong(n.vote().peerEpoch()).writeLong(n.round()).writeByte(n.state().ordinal());
        } else if (message instanceof FollowerInfo f) {
            out.writeByte(FOLLOWER_INFO).writeLong(f.acceptedEpoch());
            writeZxid(out, f.lastZxid());
            out.writeBoolean(f.observer());
        } else if (message instanceof LeaderInfo l) {
            out.writeByte(LEADER_INFO).writeLong(l.epoch());
        } else if (message instanceof AckEpoch a) {
            out.writeByte(ACK_EPOCH).writeLong(a.epoch()).writeLong(a.currentEpoch());
            writeZxid(out, a.lastZxid());
            out.writeBoolean(a.counts());
        } else if (message instanceof NewLeader n) {
            out.writeByte(NEW_LEADER).writeLong(n.epoch()).writeByte(n.mode().ordinal());
            writeZxid(out, n.truncateTo());
            writeZxid(out, n.snapshotZxid());
            writeValueMap(out, n.snapshotData());
            writeTxns(out, n.txns());
            writeZxid(out, n.committed());
        } else if (message instanceof UpToDate u) {
            out.writeByte(UP_TO_DATE).writeLong(u.epoch());
            writeZxid(out, u.committed());
        } else if (message instanceof Proposal p) {
            out.writeByte(PROPOSAL).writeLong(p.epoch());
            writeTxn(out, p.txn());
        } else if (message instanceof Ack a) {
            out.writeByte(ACK).writeLong(a.epoch());
            writeZxid(out, a.zxid());
            out.writeBoolean(a.newLeader());
        } else if (message instanceof Commit c) {
            out.writeByte(COMMIT).writeLong(c.epoch());
            writeZxid(out, c.zxid());
        } else if (message instanceof Inform i) {
            out.writeByte(INFORM).writeLong(i.epoch());
            writeTxn(out, i.txn());
        } else if (message instanceof Ping p) {
            out.writeByte(PING).writeLong(p.epoch()).writeLong(p.round());
            writeZxid(out, p.committed());
        } else if (message instanceof PingReply p) {
            out.writeByte(PING_REPLY).writeLong(p.epoch()).writeLong(p.round());
        } else if (message instanceof Forward f) {
            out.writeByte(FORWARD).writeLong(f.epoch());
            KvCodec.writeRequest(out, f.requestId(), f.request());
        } else if (message instanceof SyncRequest s) {
            out.writeByte(SYNC_REQUEST).writeLong(s.epoch()).writeLong(s.requestId());
        } else if (message instanceof SyncReply s) {
            out.writeByte(SYNC_REPLY).writeLong(s.epoch()).writeLong(s.requestId());
            writeZxid(out, s.zxid());
        }
    }

    @Override
    public ZabMessage decode(WireInput in) {
        int tag = in.readByte();
        return switch (tag) {
            case NOTIFICATION -> new Notification(new Vote(in.readString(), readZxid(in), in.readLong()), in.readLong(),
                    ServerState.ofCode(in.readByte()));
            case FOLLOWER_INFO -> new FollowerInfo(in.readLong(), readZxid(in), in.readBoolean());
            case LEADER_INFO -> new LeaderInfo(in.readLong());
            case ACK_EPOCH -> new AckEpoch(in.readLong(), in.readLong(), readZxid(in), in.readBoolean());
            case NEW_LEADER -> new NewLeader(in.readLong(), syncMode(in.readByte()), readZxid(in), readZxid(in), readValueMap(in),
                    readTxns(in), readZxid(in));
            case UP_TO_DATE -> new UpToDate(in.readLong(), readZxid(in));
            case PROPOSAL -> new Proposal(in.readLong(), readTxn(in));
            case ACK -> new Ack(in.readLong(), readZxid(in), in.readBoolean());
            case COMMIT -> new Commit(in.readLong(), readZxid(in));
            case INFORM -> new Inform(in.readLong(), readTxn(in));
            case PING -> new Ping(in.readLong(), in.readLong(), readZxid(in));
            case PING_REPLY -> new PingReply(in.readLong(), in.readLong());
            case FORWARD -> new Forward(in.readLong(), in.readLong(), KvCodec.readRequest(in));
            case SYNC_REQUEST -> new SyncRequest(in.readLong(), in.readLong());
            case SYNC_REPLY -> new SyncReply(in.readLong(), in.readLong(), readZxid(in));
            default -> throw new WireFormatException("unknown zab message tag " + tag);
        };
    }

    private static SyncMode syncMode(int code) {
        if (code < 0 || code >= SYNC_MODES.length) {
            throw new WireFormatException("unknown sync mode " + code);
        }
        return SYNC_MODES[code];
    }
}
