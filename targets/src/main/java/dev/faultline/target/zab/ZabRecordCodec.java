package dev.faultline.target.zab;

import static dev.faultline.target.common.wire.WireCollections.readValueMap;
import static dev.faultline.target.common.wire.WireCollections.writeValueMap;
import static dev.faultline.target.zab.ZabWire.readTxn;
import static dev.faultline.target.zab.ZabWire.readTxns;
import static dev.faultline.target.zab.ZabWire.readZxid;
import static dev.faultline.target.zab.ZabWire.writeTxn;
import static dev.faultline.target.zab.ZabWire.writeTxns;
import static dev.faultline.target.zab.ZabWire.writeZxid;

import dev.faultline.target.common.wire.Codec;
import dev.faultline.target.common.wire.WireFormatException;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import dev.faultline.target.zab.ZabRecord.AcceptedEpoch;
import dev.faultline.target.zab.ZabRecord.CurrentEpoch;
import dev.faultline.target.zab.ZabRecord.Logged;
import dev.faultline.target.zab.ZabRecord.Snapshot;
import dev.faultline.target.zab.ZabRecord.Truncated;

/** One tag byte per {@link ZabRecord} type, then its fields. */
final class ZabRecordCodec implements Codec<ZabRecord> {
    static final ZabRecordCodec INSTANCE = new ZabRecordCodec();

    private static final int ACCEPTED_EPOCH = 1;
    private static final int CURRENT_EPOCH = 2;
    private static final int LOGGED = 3;
    private static final int TRUNCATED = 4;
    private static final int SNAPSHOT = 5;

    private ZabRecordCodec() {}

    @Override
    public void encode(ZabRecord record, WireOutput out) {
        if (record instanceof AcceptedEpoch a) {
            out.writeByte(ACCEPTED_EPOCH).writeLong(a.epoch());
        } else if (record instanceof CurrentEpoch c) {
            out.writeByte(CURRENT_EPOCH).writeLong(c.epoch());
        } else if (record instanceof Logged l) {
            out.writeByte(LOGGED);
            writeTxn(out, l.txn());
        } else if (record instanceof Truncated t) {
            out.writeByte(TRUNCATED);
            writeZxid(out, t.zxid());
        } else if (record instanceof Snapshot s) {
            out.writeByte(SNAPSHOT).writeLong(s.acceptedEpoch()).writeLong(s.currentEpoch());
            writeZxid(out, s.zxid());
            writeValueMap(out, s.data());
            writeTxns(out, s.tail());
        }
    }

    @Override
    public ZabRecord decode(WireInput in) {
        int tag = in.readByte();
        return switch (tag) {
            case ACCEPTED_EPOCH -> new AcceptedEpoch(in.readLong());
            case CURRENT_EPOCH -> new CurrentEpoch(in.readLong());
            case LOGGED -> new Logged(readTxn(in));
            case TRUNCATED -> new Truncated(readZxid(in));
            case SNAPSHOT -> new Snapshot(in.readLong(), in.readLong(), readZxid(in), readValueMap(in), readTxns(in));
            default -> throw new WireFormatException("unknown zab record tag " + tag);
        };
    }
}
