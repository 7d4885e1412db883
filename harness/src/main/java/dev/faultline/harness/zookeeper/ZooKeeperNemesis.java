package dev.faultline.harness.zookeeper;

import dev.faultline.harness.zookeeper.EnsembleLayout.Link;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.Nemesis;
import dev.faultline.nemesis.agent.LinkFaults;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Faults on a local ZooKeeper ensemble, which has no agent inside: kill and pause through each
 * server's PID; partitions and link faults in the {@link PeerNetwork}'s proxies, which the
 * controller owns, so a partition holds while a server is dead or paused and survives its restart.
 * It keeps the partitions in force and cuts the union of their grudges, so overlapping partitions
 * compose and a heal removes only its own cuts.
 */
final class ZooKeeperNemesis implements Nemesis {
    private final Map<String, ZooKeeperServer> servers;
    private final PeerNetwork network;
    private final List<Fault.Partition> partitions = new ArrayList<>();

    ZooKeeperNemesis(Map<String, ZooKeeperServer> servers, PeerNetwork network) {
        this.servers = servers;
        this.network = network;
    }

    @Override
    public Set<FaultKind> supportedKinds() {
        Set<FaultKind> kinds = EnumSet.of(FaultKind.KILL, FaultKind.PAUSE);
        if (servers.size() > 1) {
            kinds.add(FaultKind.PARTITION);
            kinds.add(FaultKind.LINK);
        }
        return kinds;
    }

    @Override
    public synchronized void start(Fault fault) throws Exception {
        if (fault instanceof Fault.Partition partition) {
            partitions.add(partition);
            network.cut(cuts(partitions));
        } else if (fault instanceof Fault.LinkFault link) {
            for (String node : link.nodes()) {
                network.faults(node, link.faults());
            }
        } else if (fault instanceof Fault.ProcessFault process) {
            for (String node : process.nodes()) {
                if (process.kind() == FaultKind.PAUSE) {
                    servers.get(node).pause();
                } else if (process.kind() == FaultKind.KILL) {
                    servers.get(node).kill();
                } else {
                    throw new IllegalArgumentException("zookeeper cannot take " + process.kind().cliName() + " faults");
                }
            }
        } else {
            throw new IllegalArgumentException("zookeeper cannot take " + fault.kind().cliName() + " faults");
        }
    }

    @Override
    public synchronized void heal(Fault fault) throws Exception {
        if (fault instanceof Fault.Partition partition) {
            partitions.remove(partition);
            network.cut(cuts(partitions));
        } else if (fault instanceof Fault.LinkFault link) {
            for (String node : link.nodes()) {
                network.faults(node, LinkFaults.NONE);
            }
        } else {
            for (String node : fault.nodes()) {
                bringBack(node);
            }
        }
    }

    @Override
    public synchronized void healAll() throws Exception {
        partitions.clear();
        network.healAll();
        List<String> failures = new ArrayList<>();
        for (String node : servers.keySet()) {
            try {
                bringBack(node);
            } catch (Exception e) {
                failures.add(node + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new Exception("heal everything failed on " + String.join("; ", failures));
        }
    }

    /** Resumes a paused server or restarts a dead one (same configuration, same data). */
    private void bringBack(String node) throws Exception {
        ZooKeeperServer server = servers.get(node);
        if (server.isPaused()) {
            server.resume();
        }
        if (!server.isAlive()) {
            server.start();
        }
    }

    /**
     * The directions of traffic the partitions cut: in a grudge, a receiver drops what the peers it
     * names send, so each (peer, receiver) is cut.
     */
    static Set<Link> cuts(List<Fault.Partition> partitions) {
        Set<Link> cut = new HashSet<>();
        for (Fault.Partition partition : partitions) {
            partition.grudge().forEach((receiver, senders) -> senders.forEach(sender -> cut.add(new Link(sender, receiver))));
        }
        return cut;
    }
}
