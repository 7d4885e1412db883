package dev.faultline.target.zab;

import dev.faultline.target.common.kv.KvCodec;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Encodings shared by {@link ZabMessageCodec} and {@link ZabRecordCodec}: zxids, transactions, states. */
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
        out.writeInt(txns.size());
        for (Txn txn : txns) {
            writeTxn(out, txn);
        }
    }

    static List<Txn> readTxns(WireInput in) {
        int count = in.readCount(16);
        List<Txn> txns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            txns.add(readTxn(in));
        }
        return txns;
    }

    static void writeData(WireOutput out, Map<Object, Object> data) {
        out.writeInt(data.size());
        for (Map.Entry<Object, Object> entry : data.entrySet()) {
            out.writeValue(entry.getKey()).writeValue(entry.getValue());
        }
    }

    static Map<Object, Object> readData(WireInput in) {
        int count = in.readCount(2);
        Map<Object, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            data.put(in.readValue(), in.readValue());
        }
        return data;
    }
}
