package dev.faultline.harness.zookeeper;

import dev.faultline.harness.client.Completion;
import java.util.Locale;
import org.apache.zookeeper.KeeperException;

/**
 * What a ZooKeeper error says about an operation's outcome (DESIGN.md §3): {@code fail} only when
 * the operation certainly had no effect, {@code info} whenever a write may have reached the leader.
 */
final class ZooKeeperOutcomes {
    private ZooKeeperOutcomes() {}

    /**
     * The completion of an operation that ended with {@code code}.
     *
     * @param writeSent whether a write of this operation went out (a read, or a CAS that failed while
     *     reading the current version, sent none)
     */
    static Completion of(KeeperException.Code code, boolean writeSent) {
        String error = code.name().toLowerCase(Locale.ROOT);
        if (code == KeeperException.Code.SESSIONEXPIRED) {
            // The handle is dead: info makes the worker a new process, which opens a new session.
            // Even a read answers info here: a process must keep one session, or ZooKeeper owes it
            // no order between what it saw before and after.
            return Completion.info(error);
        }
        if (!writeSent) {
            return Completion.fail(error);
        }
        if (code == KeeperException.Code.BADVERSION) {
            return Completion.fail("cas-mismatch"); // The leader checked the version and refused the write.
        }
        // Connection loss, timeouts and every other error after the write went out: it may have
        // been proposed, and may commit later.
        return Completion.info(error);
    }
}
