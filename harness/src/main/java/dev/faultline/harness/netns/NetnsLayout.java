package dev.faultline.harness.netns;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.random.RandomGenerator;

/**
 * The network of one netns run: a bridge in the host's namespace holding {@code X.1/24} of a
 * private /24 that no route or address of the host touches, and per node a network namespace with
 * {@code eth0} at {@code X.(i+1)}, joined to the bridge by a veth pair. Every name carries the run's
 * random id, so runs side by side (and a run's leftovers) never collide; interface names stay within
 * the kernel's 15 characters (IFNAMSIZ) for up to 99 nodes.
 *
 * @param runId six hex digits
 * @param bridge the bridge's name, {@code fl-<runId>}
 * @param subnet the run's /24
 * @param nodes every node in cluster order
 */
public record NetnsLayout(String runId, String bridge, Ipv4Prefix subnet, List<NetnsNode> nodes) {
    /** Every node listens for its peers on its own address at this port: addresses differ, ports need not. */
    public static final int PEER_PORT = 7400;
    /** Where the run's /24 is taken from: one of the 2048 from {@code 10.200.0.0/24} to {@code 10.207.255.0/24}. */
    static final Ipv4Prefix POOL = Ipv4Prefix.parse("10.200.0.0/13");
    static final int MAX_NODES = 99;

    /**
     * One node's place in the network.
     *
     * @param namespace {@code fl-<runId>-<node>}
     * @param hostVeth the veth end on the bridge, {@code fl<runId><node>}; the other end is the namespace's {@code eth0}
     * @param address the node's address, {@code X.(i+1)}
     */
    public record NetnsNode(String name, String namespace, String hostVeth, String address) {}

    public NetnsLayout {
        nodes = List.copyOf(nodes);
    }

    /**
     * A layout for {@code names} with a fresh id and a /24 of {@link #POOL} overlapping none of
     * {@code inUse} (the host's routes and addresses), both drawn from {@code random}.
     *
     * @throws IllegalArgumentException for more than {@link #MAX_NODES} nodes or a pool with no free /24
     */
    public static NetnsLayout allocate(List<String> names, RandomGenerator random, List<Ipv4Prefix> inUse) {
        if (names.isEmpty() || names.size() > MAX_NODES) {
            throw new IllegalArgumentException("netns mode runs 1 to " + MAX_NODES + " nodes, not " + names.size());
        }
        byte[] id = new byte[3];
        random.nextBytes(id);
        String runId = HexFormat.of().formatHex(id);
        Ipv4Prefix subnet = freeSubnet(random, inUse);
        List<NetnsNode> nodes = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            nodes.add(new NetnsNode(name, "fl-" + runId + "-" + name, "fl" + runId + name, subnet.address(i + 2)));
        }
        return new NetnsLayout(runId, "fl-" + runId, subnet, nodes);
    }

    /** Scans the pool's /24s from a random one on and takes the first that overlaps nothing in use. */
    private static Ipv4Prefix freeSubnet(RandomGenerator random, List<Ipv4Prefix> inUse) {
        int count = 1 << (24 - POOL.length());
        int first = random.nextInt(count);
        for (int i = 0; i < count; i++) {
            Ipv4Prefix candidate = new Ipv4Prefix(POOL.network() + (((first + i) % count) << 8), 24);
            if (inUse.stream().noneMatch(candidate::overlaps)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no /24 of " + POOL + " is free of this host's routes and addresses");
    }

    /** The bridge's own address, {@code X.1}: the controller reaches the nodes from it. */
    public String bridgeAddress() {
        return subnet.address(1);
    }

    public NetnsNode node(String name) {
        return nodes.stream().filter(node -> node.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + name + " in this network"));
    }

    /** {@code n1=X.2:7400,n2=X.3:7400,...}: the {@code --peers} of every node. */
    public String peers() {
        StringJoiner peers = new StringJoiner(",");
        nodes.forEach(node -> peers.add(node.name() + "=" + node.address() + ":" + PEER_PORT));
        return peers.toString();
    }

    /** What {@code nodes/netns.json} records of the run's network. */
    public Map<String, Object> describe() {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("bridge", bridge);
        described.put("bridgeAddress", bridgeAddress() + "/" + subnet.length());
        described.put("subnet", subnet.toString());
        Map<String, Object> byNode = new LinkedHashMap<>();
        for (NetnsNode node : nodes) {
            byNode.put(node.name(), Map.of("namespace", node.namespace(), "veth", node.hostVeth(), "interface", "eth0",
                    "address", node.address()));
        }
        described.put("nodes", byNode);
        return described;
    }
}
