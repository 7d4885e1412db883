package dev.faultline.nemesis;

import java.util.List;
import java.util.Optional;

/**
 * What the nemesis may know about the cluster when it applies a fault: the nodes, and the leader
 * (from the node agents' status) for faults that target it. The schedule is drawn without this
 * knowledge; only the leader is learned at the moment of application.
 */
public interface ClusterView {

    /** The node names, in the order of the test's configuration. */
    List<String> nodes();

    /** The node that currently believes it leads, if exactly one does and the cluster can say. */
    Optional<String> leader();

    /** A view of fixed nodes without a leader: for clusters that have none, and for tests. */
    static ClusterView of(List<String> nodes) {
        return of(nodes, Optional.empty());
    }

    static ClusterView of(List<String> nodes, Optional<String> leader) {
        List<String> copy = List.copyOf(nodes);
        return new ClusterView() {
            @Override
            public List<String> nodes() {
                return copy;
            }

            @Override
            public Optional<String> leader() {
                return leader;
            }
        };
    }
}
