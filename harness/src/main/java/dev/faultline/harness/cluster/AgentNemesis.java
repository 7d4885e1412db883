package dev.faultline.harness.cluster;

import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.Nemesis;
import dev.faultline.nemesis.agent.AgentClient;
import dev.faultline.nemesis.agent.AgentRequest;
import dev.faultline.nemesis.agent.BlockPeers;
import dev.faultline.nemesis.agent.ClockReset;
import dev.faultline.nemesis.agent.DiskFaults;
import dev.faultline.nemesis.agent.Heal;
import dev.faultline.nemesis.agent.LinkFaults;
import dev.faultline.nemesis.agent.PowerLoss;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Faults on node processes (local ones, or remote ones over SSH): partitions, link faults, clock
 * changes, slow disks and power-loss mode through each node's agent; kill, pause and resume
 * through the process's PID.
 *
 * <p>It keeps the faults in force and derives each node's agent state from all of them, so that
 * overlapping faults compose and a heal removes only its own effect. A partition is enforced at
 * both ends of each cut link (the sender drops outbound, the receiver inbound), so it holds even
 * while one end is paused or dead. A node that cannot be told — killed, or paused with its agent —
 * is skipped and brought up to date when it is restarted or resumed, since a restarted node starts
 * with no faults.
 */
final class AgentNemesis implements Nemesis {
    private final Map<String, ? extends NodeProcess> nodes;
    private final Map<String, AgentClient> agents;
    private final NodeStarter starter;
    private final List<Fault.Partition> partitions = new ArrayList<>();
    private final Map<String, LinkFaults> links = new LinkedHashMap<>();
    private final Map<String, List<AgentRequest>> clocks = new LinkedHashMap<>();
    private final Map<String, DiskFaults> disks = new LinkedHashMap<>();
    private final Set<String> down = new HashSet<>();
    private final Set<String> paused = new HashSet<>();
    private final Duration powerLossExposure;

    /** Restarts a killed node on its own ports. */
    @FunctionalInterface
    interface NodeStarter {
        void restart(String node) throws Exception;
    }

    /**
     * @param powerLossExposure how long a power-loss fault lets its nodes run in power-loss mode
     *     before killing them: the mode holds back only writes made while it is on, so a kill right
     *     after switching it on would lose nothing
     */
    AgentNemesis(Map<String, ? extends NodeProcess> nodes, Map<String, AgentClient> agents, NodeStarter starter, Duration powerLossExposure) {
        this.nodes = nodes;
        this.agents = agents;
        this.starter = starter;
        this.powerLossExposure = powerLossExposure;
    }

    @Override
    public Set<FaultKind> supportedKinds() {
        EnumSet<FaultKind> kinds = EnumSet.of(FaultKind.KILL, FaultKind.PAUSE, FaultKind.CLOCK, FaultKind.POWER_LOSS,
                FaultKind.DISK);
        if (nodes.size() > 1) {
            kinds.add(FaultKind.PARTITION);
            kinds.add(FaultKind.LINK);
        }
        return kinds;
    }

    @Override
    public synchronized void start(Fault fault) throws Exception {
        Failures failures = new Failures("start " + fault.kind().cliName());
        if (fault instanceof Fault.Partition partition) {
            partitions.add(partition);
            pushBlocksEverywhere(failures);
        } else if (fault instanceof Fault.LinkFault link) {
            for (String node : link.nodes()) {
                links.put(node, link.faults());
                failures.tryOn(node, () -> tell(node, link.faults()));
            }
        } else if (fault instanceof Fault.DiskFault disk) {
            for (String node : disk.nodes()) {
                disks.put(node, disk.faults());
                failures.tryOn(node, () -> tell(node, disk.faults()));
            }
        } else if (fault instanceof Fault.ClockFault clock) {
            for (String node : clock.nodes()) {
                clocks.computeIfAbsent(node, n -> new ArrayList<>()).add(clock.change());
                failures.tryOn(node, () -> tell(node, clock.change()));
            }
        } else if (fault instanceof Fault.ProcessFault process) {
            if (process.kind() == FaultKind.POWER_LOSS) {
                for (String node : process.nodes()) {
                    failures.tryOn(node, () -> tell(node, new PowerLoss(true)));
                }
                Thread.sleep(powerLossExposure.toMillis());
            }
            for (String node : process.nodes()) {
                failures.tryOn(node, () -> startProcessFault(process.kind(), node));
            }
        }
        failures.throwIfAny();
    }

    private void startProcessFault(FaultKind kind, String node) throws Exception {
        switch (kind) {
            case PAUSE -> {
                nodes.get(node).pause();
                paused.add(node);
            }
            case KILL, POWER_LOSS -> {
                nodes.get(node).kill();
                down.add(node);
            }
            default -> throw new IllegalArgumentException(kind.cliName() + " is not a process fault");
        }
    }

    @Override
    public synchronized void heal(Fault fault) throws Exception {
        Failures failures = new Failures("heal " + fault.kind().cliName());
        if (fault instanceof Fault.Partition partition) {
            partitions.remove(partition);
            pushBlocksEverywhere(failures);
        } else if (fault instanceof Fault.LinkFault link) {
            for (String node : link.nodes()) {
                links.remove(node);
                failures.tryOn(node, () -> tell(node, LinkFaults.NONE));
            }
        } else if (fault instanceof Fault.DiskFault disk) {
            for (String node : disk.nodes()) {
                disks.remove(node);
                failures.tryOn(node, () -> tell(node, DiskFaults.NONE));
            }
        } else if (fault instanceof Fault.ClockFault clock) {
            for (String node : clock.nodes()) {
                List<AgentRequest> changes = clocks.getOrDefault(node, new ArrayList<>());
                changes.remove(clock.change());
                failures.tryOn(node, () -> pushClock(node));
            }
        } else if (fault instanceof Fault.ProcessFault process) {
            for (String node : process.nodes()) {
                failures.tryOn(node, () -> bringBack(node));
            }
        }
        failures.throwIfAny();
    }

    @Override
    public synchronized void healAll() throws Exception {
        partitions.clear();
        links.clear();
        clocks.clear();
        disks.clear();
        Failures failures = new Failures("heal everything");
        for (String node : nodes.keySet()) {
            failures.tryOn(node, () -> {
                if (down.contains(node) || paused.contains(node) || !nodes.get(node).isAlive()) {
                    bringBack(node);
                } else {
                    tell(node, new Heal());
                    tell(node, new ClockReset());
                    tell(node, DiskFaults.NONE);
                    tell(node, new PowerLoss(false));
                }
            });
        }
        failures.throwIfAny();
    }

    /** Resumes a paused node or restarts a dead one, then gives it the faults in force. */
    private void bringBack(String node) throws Exception {
        if (paused.contains(node)) {
            nodes.get(node).resume();
            paused.remove(node);
        }
        if (!nodes.get(node).isAlive()) {
            starter.restart(node);
        }
        down.remove(node);
        pushBlocks(node);
        tell(node, links.getOrDefault(node, LinkFaults.NONE));
        pushClock(node);
        tell(node, disks.getOrDefault(node, DiskFaults.NONE));
        tell(node, new PowerLoss(false));
    }

    private void pushBlocksEverywhere(Failures failures) {
        for (String node : nodes.keySet()) {
            failures.tryOn(node, () -> pushBlocks(node));
        }
    }

    /** The node's blocked peers: both ends of every link any partition in force cuts. */
    private void pushBlocks(String node) throws Exception {
        Set<String> inbound = new TreeSet<>();
        Set<String> outbound = new TreeSet<>();
        for (Fault.Partition partition : partitions) {
            inbound.addAll(partition.grudge().getOrDefault(node, new TreeSet<>()));
            partition.grudge().forEach((receiver, dropped) -> {
                if (dropped.contains(node)) {
                    outbound.add(receiver);
                }
            });
        }
        tell(node, new BlockPeers(outbound, inbound));
    }

    /** Resets the clock, then applies the changes in force in order. */
    private void pushClock(String node) throws Exception {
        tell(node, new ClockReset());
        for (AgentRequest change : clocks.getOrDefault(node, List.of())) {
            tell(node, change);
        }
    }

    /** Sends a request to a node that can hear it; a dead or paused node is brought up to date later. */
    private void tell(String node, AgentRequest request) throws Exception {
        if (down.contains(node) || paused.contains(node)) {
            return;
        }
        agents.get(node).apply(request);
    }

    /** Tries an action on every node and reports every failure together. */
    private static final class Failures {
        private final String action;
        private final List<String> messages = new ArrayList<>();

        Failures(String action) {
            this.action = action;
        }

        interface NodeAction {
            void run() throws Exception;
        }

        void tryOn(String node, NodeAction step) {
            try {
                step.run();
            } catch (Exception e) {
                messages.add(node + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            }
        }

        void throwIfAny() throws Exception {
            if (!messages.isEmpty()) {
                throw new Exception(action + " failed on " + String.join("; ", messages));
            }
        }
    }
}
