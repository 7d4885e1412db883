package dev.faultline.target.common.kv;

import dev.faultline.history.Values;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to one {@link KvRequest}.
 *
 * @param outcome ok, fail (definitely did not happen) or info (unknown)
 * @param value for an ok read, the value read (a set or list read returns the whole collection);
 *     otherwise whatever the server chose to return, usually null
 * @param error why it failed or is unknown (see {@link KvErrors}); null when ok
 * @param leaderHint with {@code not-leader}: the node the server believes leads, or null
 * @param meta white-box data for the history (a version, a timestamp, the term); canonical values
 */
public record KvReply(Outcome outcome, Object value, String error, String leaderHint, Map<String, Object> meta) {
    /**
     * The meta key under which a server that orders its state (ZAB's zxid) reports the position
     * of the state this reply reflects, as a non-negative Long. Clients echo the highest one they
     * have seen as {@link KvRequest#seenPosition()}.
     */
    public static final String POSITION = "position";

    public KvReply {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome != Outcome.OK && error == null) {
            throw new IllegalArgumentException(outcome.wireName() + " needs an error name");
        }
        meta = Values.canonicalMap(meta);
    }

    public static KvReply ok(Object value) {
        return new KvReply(Outcome.OK, value, null, null, Map.of());
    }

    public static KvReply ok(Object value, Map<String, Object> meta) {
        return new KvReply(Outcome.OK, value, null, null, meta);
    }

    public static KvReply fail(String error) {
        return new KvReply(Outcome.FAIL, null, error, null, Map.of());
    }

    public static KvReply notLeader(String leaderHint) {
        return new KvReply(Outcome.FAIL, null, KvErrors.NOT_LEADER, leaderHint, Map.of());
    }

    public static KvReply info(String error) {
        return new KvReply(Outcome.INFO, null, error, null, Map.of());
    }

    /** The {@link #POSITION} this reply carries, or {@link KvRequest#NO_POSITION}. */
    public long position() {
        return meta.get(POSITION) instanceof Long position && position > 0 ? position : KvRequest.NO_POSITION;
    }

    public boolean isOk() {
        return outcome == Outcome.OK;
    }
}
