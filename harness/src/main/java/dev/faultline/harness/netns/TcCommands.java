package dev.faultline.harness.netns;

import dev.faultline.harness.netns.NetnsLayout.NetnsNode;
import dev.faultline.nemesis.Fault;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the partitions in force into {@code tc} commands, and nothing else: pure, so the commands
 * are unit-tested without root.
 *
 * <p>A grudge (a receiver drops what the named senders send) is enforced where the receiver's
 * packets arrive: on the egress of the receiver's veth end on the bridge, which is the receiver's
 * ingress. That is Jepsen's {@code iptables -A INPUT -s SENDER -j DROP} on the receiving host, done
 * with what this kernel has — no netfilter and no tc actions ({@code action drop} fails to load), but
 * {@code htb} and the {@code u32} classifier: an htb root whose filters send each grudged sender's
 * packets ({@code match ip src SENDER/32}) to a class whose only queue is a {@code pfifo} of length
 * 0, which drops everything it is given. The drop happens in the bridge's forwarding path, so the
 * sender learns nothing (a silent drop, as on a cut cable: its TCP retransmits and times out), and
 * unmatched traffic — the controller's, ARP — takes htb's unshaped direct queue.
 *
 * <p>A node's rules are replaced as a whole whenever its set of grudged senders changes (delete the
 * root qdisc, build it again), so overlapping partitions compose as the union of their cuts and a heal
 * removes only its own.
 */
final class TcCommands {
    /** The class (and its handle) whose zero-length queue drops what is classified into it. */
    static final String DROP_CLASS = "1:1";
    /** Rate of the drop class: it never sends anything, but htb wants one; 1 Mbit/s keeps htb's quantum in range. */
    static final String DROP_CLASS_RATE = "1mbit";

    private TcCommands() {}

    /** Receiver → the senders it drops, for the union of {@code partitions}; a node with none is absent. */
    static Map<String, SortedSet<String>> grudge(Collection<Fault.Partition> partitions) {
        Map<String, SortedSet<String>> union = new TreeMap<>();
        for (Fault.Partition partition : partitions) {
            partition.grudge().forEach((receiver, senders) -> {
                if (!senders.isEmpty()) {
                    union.computeIfAbsent(receiver, node -> new TreeSet<>()).addAll(senders);
                }
            });
        }
        return union;
    }

    /** The commands that take {@code node}'s rules from dropping the senders {@code was} to dropping {@code now}; none when equal. */
    static List<List<String>> change(NetnsLayout layout, NetnsNode node, SortedSet<String> was, SortedSet<String> now) {
        List<List<String>> commands = new ArrayList<>();
        if (was.equals(now)) {
            return commands;
        }
        if (!was.isEmpty()) {
            commands.add(clear(node.hostVeth()));
        }
        if (!now.isEmpty()) {
            commands.addAll(drop(node.hostVeth(), now.stream().map(sender -> layout.node(sender).address()).toList()));
        }
        return commands;
    }

    /** Drops, on {@code device}'s egress, every IPv4 packet from one of {@code senderAddresses}. */
    static List<List<String>> drop(String device, List<String> senderAddresses) {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("tc", "qdisc", "add", "dev", device, "root", "handle", "1:", "htb"));
        commands.add(List.of("tc", "class", "add", "dev", device, "parent", "1:", "classid", DROP_CLASS, "htb", "rate",
                DROP_CLASS_RATE));
        commands.add(List.of("tc", "qdisc", "add", "dev", device, "parent", DROP_CLASS, "handle", "10:", "pfifo", "limit", "0"));
        for (String sender : senderAddresses) {
            commands.add(List.of("tc", "filter", "add", "dev", device, "parent", "1:", "protocol", "ip", "prio", "1", "u32",
                    "match", "ip", "src", sender + "/32", "flowid", DROP_CLASS));
        }
        return commands;
    }

    /** Removes every rule of {@code device}: its root qdisc, with the classes and filters under it. */
    static List<String> clear(String device) {
        return List.of("tc", "qdisc", "del", "dev", device, "root");
    }
}
