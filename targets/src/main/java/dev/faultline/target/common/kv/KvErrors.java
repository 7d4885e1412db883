package dev.faultline.target.common.kv;

/**
 * Error names shared by every target and the client, written as the history's {@code error}. The
 * outcome, not the name, says whether the operation may have happened; the names say why.
 */
public final class KvErrors {
    // Definite failures a server reports (outcome fail).
    /** This node is not the leader; the reply's leader hint names the one it believes in, if any. */
    public static final String NOT_LEADER = "not-leader";
    /** A cas whose expected value was not there. */
    public static final String CAS_MISMATCH = "cas-mismatch";
    /** The target does not implement this operation. */
    public static final String UNSUPPORTED = "unsupported";
    /** The key holds a value of another shape (a register where a set or list was expected). */
    public static final String WRONG_TYPE = "wrong-type";
    /** The node refused the request before it reached the protocol (its input queue was full). */
    public static final String OVERLOADED = "overloaded";
    /** The node serves no client now (it is electing a leader or synchronizing with one). */
    public static final String UNAVAILABLE = "unavailable";
    /**
     * The node's state is older than the {@link KvRequest#seenPosition()} the client has already
     * seen; serving it would take the client back in time. Try another node, or later.
     */
    public static final String SERVER_BEHIND = "server-behind";

    // Indeterminate outcomes a server reports (outcome info).
    /** Proposed, then leadership (or the coordinator's quorum) was lost before the result was known. */
    public static final String LEADERSHIP_LOST = "leadership-lost";

    // Outcomes the client itself decides.
    /** fail: the connection could not be opened, so nothing was sent. */
    public static final String CONNECTION_REFUSED = "connection-refused";
    /** fail: the request could not be written whole, so the server cannot have decoded it. */
    public static final String SEND_FAILED = "send-failed";
    /** info: sent, and no reply came within the timeout. */
    public static final String TIMEOUT = "timeout";
    /** info: sent, then the connection broke before the reply came. */
    public static final String CONNECTION_LOST = "connection-lost";

    private KvErrors() {}
}
