package dev.faultline.target.zab;

import dev.faultline.target.common.kv.KvRequest;
import java.util.Objects;

/**
 * One proposal of the atomic broadcast: a client's change with the zxid the leader gave it. The
 * origin (the server the client talked to) and its request id travel with it, so that the origin
 * answers its client when it delivers the transaction (ZooKeeper's {@code FinalRequestProcessor}
 * runs on the server that holds the session).
 *
 * @param origin the server whose client asked for it
 * @param requestId that server's id for the client request
 * @param request the change: a write, cas, add or append; decided when delivered, against the
 *     state every server reaches by delivering the same transactions in the same order
 */
public record Txn(Zxid zxid, String origin, long requestId, KvRequest request) {
    public Txn {
        Objects.requireNonNull(zxid, "zxid");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(request, "request");
    }

    @Override
    public String toString() {
        return zxid + ":" + request.op().f() + "(" + request.key() + "," + request.value() + ")@" + origin + "#" + requestId;
    }
}
