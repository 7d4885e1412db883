package dev.faultline.target.common.kv;

import dev.faultline.target.common.wire.WireCollections;
import dev.faultline.target.common.wire.WireFormatException;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import java.util.Map;

/**
 * The client protocol's payloads, each inside one {@link dev.faultline.target.common.wire.Frames}
 * frame. Both start with the client's correlation id, so a client can match replies (and drop the
 * late reply of a request it already gave up on).
 *
 * <pre>
 * request: long correlationId, byte op, value key, value value, long clientId, long sequence
 *          [, long seenPosition]
 * reply:   long correlationId, byte outcome, value value, string error, string leaderHint, value meta
 * </pre>
 *
 * <p>{@code seenPosition} came later: a request that ends before it is read as
 * {@link KvRequest#NO_POSITION}, so clients that never send it keep working.
 */
public final class KvCodec {
    private KvCodec() {}

    public static void writeRequest(WireOutput out, long correlationId, KvRequest request) {
        out.writeLong(correlationId);
        out.writeByte(request.op().ordinal());
        out.writeValue(request.key());
        out.writeValue(request.value());
        out.writeLong(request.clientId());
        out.writeLong(request.sequence());
        out.writeLong(request.seenPosition());
    }

    /** Reads what follows the correlation id (read that first with {@link WireInput#readLong}). */
    public static KvRequest readRequest(WireInput in) {
        KvOp op = KvOp.ofCode(in.readByte());
        Object key = in.readValue();
        Object value = in.readValue();
        long clientId = in.readLong();
        long sequence = in.readLong();
        long seenPosition = in.remaining() > 0 ? in.readLong() : KvRequest.NO_POSITION;
        return WireCollections.checked(() -> new KvRequest(op, key, value, clientId, sequence, seenPosition));
    }

    public static void writeReply(WireOutput out, long correlationId, KvReply reply) {
        out.writeLong(correlationId);
        out.writeByte(reply.outcome().ordinal());
        out.writeValue(reply.value());
        out.writeString(reply.error());
        out.writeString(reply.leaderHint());
        out.writeValue(reply.meta());
    }

    /** Reads what follows the correlation id. */
    @SuppressWarnings("unchecked")
    public static KvReply readReply(WireInput in) {
        Outcome outcome = Outcome.ofCode(in.readByte());
        Object value = in.readValue();
        String error = in.readString();
        String leaderHint = in.readString();
        Object meta = in.readValue();
        if (!(meta instanceof Map)) {
            throw new WireFormatException("reply meta is not a map");
        }
        return WireCollections.checked(() -> new KvReply(outcome, value, error, leaderHint, (Map<String, Object>) meta));
    }
}
