package dev.faultline.target.zab;

import dev.faultline.target.common.wire.WireFormatException;
import java.util.Locale;

/** ZooKeeper's peer states ({@code QuorumPeer.ServerState}); their names are the roles in {@code NodeStatus}. */
public enum ServerState {
    /** Electing a leader (fast leader election). */
    LOOKING,
    /** A voting learner of an elected leader. */
    FOLLOWING,
    /** The elected leader. */
    LEADING,
    /** A learner that never votes and receives only committed transactions. */
    OBSERVING;

    private static final ServerState[] ALL = values();

    static ServerState ofCode(int code) {
        if (code < 0 || code >= ALL.length) {
            throw new WireFormatException("unknown server state " + code);
        }
        return ALL[code];
    }

    public String role() {
        return name().toLowerCase(Locale.ROOT);
    }
}
