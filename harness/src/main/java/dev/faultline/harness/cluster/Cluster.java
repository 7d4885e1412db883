package dev.faultline.harness.cluster;

import dev.faultline.harness.client.ClientFactory;
import dev.faultline.nemesis.ClusterView;
import dev.faultline.nemesis.Nemesis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A running system under test: its nodes, how to reach them, and how to hurt them (Jepsen's
 * {@code DB} with its capabilities, plus the client and the nemesis that fit it). Started by a
 * {@link ClusterLauncher}; {@link #close} stops everything it started, also after a failure.
 */
public interface Cluster extends ClusterView, AutoCloseable {

    /** Opens clients bound to a node. */
    ClientFactory clients();

    /** Applies faults to this cluster; {@link Nemesis#noop()} for a cluster that takes none. */
    Nemesis nemesis();

    /**
     * Waits, after every fault was healed, until the cluster is quiet (a leader elected, nodes
     * caught up) or at most {@code max}; a cluster that cannot tell waits {@code max}.
     */
    void awaitQuiescence(Duration max) throws InterruptedException;

    /**
     * How to ask a node for its role, term and leader while the run goes on, so the report can
     * draw roles over time; empty for a cluster whose nodes cannot say.
     */
    default Optional<StatusProbe> statusProbe() {
        return Optional.empty();
    }

    /** Copies each node's logs into {@code nodesDir/<node>/}. */
    void collectLogs(Path nodesDir) throws Exception;

    /** Stops every process and releases every resource it started; never throws. */
    @Override
    void close();
}
