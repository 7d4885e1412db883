package dev.faultline.target.zab;

import static dev.faultline.target.common.wire.WireCollections.readList;
import static dev.faultline.target.common.wire.WireCollections.writeList;

import dev.faultline.target.common.kv.KvCodec;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import java.util.List;

/** Encodings shared by {@link ZabMessageCodec} and {@link ZabRecordCodec}: zxids and transactions. */
final class ZabWire {
    private ZabWire() {}

    static void writeZxid(WireOutput out, Zxid zxid) {
        out.writeLong(zxid.packed());
    }

    static Zxid readZxid(WireInput in) {
        return Zxid.unpack(in.readLong());
    }

    /** The request goes through the client codec, with the request id in its correlation-id slot. */
    static void writeTxn(WireOutput out, Txn txn) {
        writeZxid(out, txn.zxid());
        out.writeString(txn.origin());
        KvCodec.writeRequest(out, txn.requestId(), txn.request());
    }

    static Txn readTxn(WireInput in) {
        Zxid zxid = readZxid(in);
        String origin = in.readString();
        long requestId = in.readLong();
        return new Txn(zxid, origin, requestId, KvCodec.readRequest(in));
    }

    static void writeTxns(WireOutput out, List<Txn> txns) {
        writeList(out, txns, ZabWire::writeTxn);
    }

    static List<Txn> readTxns(WireInput in) {
        return readList(in, 16, ZabWire::readTxn);
    }
}
