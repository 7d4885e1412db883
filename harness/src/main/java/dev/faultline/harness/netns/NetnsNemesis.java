package dev.faultline.harness.netns;

import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.Nemesis;
import java.util.Set;

/**
 * The nemesis of netns mode: partitions go to the kernel ({@link Net}); every other fault — link
 * faults, clock, disk, power loss, kill, pause — to the node cluster's own nemesis (agents, and
 * signals by PID), unchanged. So the agents never drop traffic for a partition: their blocked-peer
 * sets stay empty.
 *
 * <p>Link faults stay with the agents because this machine's kernel has no {@code sch_netem} (nor
 * any other qdisc that delays or randomly drops): {@code tc qdisc add ... netem} answers "Specified
 * qdisc kind is unknown".
 */
final class NetnsNemesis implements Nemesis {
    private final Net net;
    private final Nemesis agents;

    NetnsNemesis(Net net, Nemesis agents) {
        this.net = net;
        this.agents = agents;
    }

    @Override
    public Set<FaultKind> supportedKinds() {
        return agents.supportedKinds();
    }

    @Override
    public void start(Fault fault) throws Exception {
        apply(fault, true);
    }

    @Override
    public void heal(Fault fault) throws Exception {
        apply(fault, false);
    }

    /** Starts or heals a fault where it is made: a partition in the kernel, anything else through the agents. */
    private void apply(Fault fault, boolean start) throws Exception {
        if (fault instanceof Fault.Partition partition) {
            if (start) {
                net.cut(partition);
            } else {
                net.heal(partition);
            }
        } else if (start) {
            agents.start(fault);
        } else {
            agents.heal(fault);
        }
    }

    /** Heals both; a failure of one does not keep the other from healing. */
    @Override
    public void healAll() throws Exception {
        Exception failed = null;
        try {
            agents.healAll();
        } catch (Exception e) {
            failed = e;
        }
        try {
            net.healAll();
        } catch (Exception e) {
            if (failed == null) {
                throw e;
            }
            failed.addSuppressed(e);
        }
        if (failed != null) {
            throw failed;
        }
    }
}
