package dev.faultline.target.common.sim;

import dev.faultline.nemesis.agent.BlockPeers;
import dev.faultline.nemesis.agent.LinkFaults;
import dev.faultline.target.common.clock.ClockModel;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.Effects;

/** One simulated node: its core while it is up, and what outlives the core (disk, clock, faults). */
final class SimNode<M, R> {
    final String id;
    final SimDisk<R> disk;
    ClockModel clock;
    Core<M, R> core;
    Effects<M, R> effects;
    BlockPeers blocked = BlockPeers.NONE;
    LinkFaults links = LinkFaults.NONE;
    long nextTickMonotonicNanos;
    /** Bumped on restart and clock change, so that ticks scheduled before are ignored. */
    long tickGeneration;

    SimNode(String id, SimDisk<R> disk, ClockModel clock) {
        this.id = id;
        this.disk = disk;
        this.clock = clock;
    }

    boolean isUp() {
        return core != null;
    }
}
