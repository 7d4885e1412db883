package dev.faultline.nemesis.schedule;

import dev.faultline.nemesis.ClusterView;

/**
 * One pass of a nemesis script: the leader its roles are read against, taken from the cluster
 * when the pass's first fault starts and kept for the rest of the pass, so that a script can kill
 * {@code leader} and then still name the node after it as {@code leader+1}. When no leader is
 * known then, the first node of the cluster stands in, as for {@code TargetChoice.LEADER}.
 * Used by the nemesis's one thread.
 */
public final class ScriptCycle {
    private final int number;
    private String leader;

    ScriptCycle(int number) {
        this.number = number;
    }

    /** The pass's number, from 0. */
    public int number() {
        return number;
    }

    /** The pass's leader: read from {@code view} the first time, then the same. */
    String leader(ClusterView view) {
        if (leader == null) {
            leader = view.leader().orElse(view.nodes().get(0));
        }
        return leader;
    }
}
