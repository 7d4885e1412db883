package dev.faultline.harness.zookeeper;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every server of a local ZooKeeper ensemble listens, and how each reaches the others: what
 * its {@code zoo.cfg} says. Each server lists itself at its own quorum and election ports and every
 * other server at the ports of the proxy for that one link ({@link PeerLink}), so that all peer
 * traffic from A to B passes through the proxy of (A, B), where the nemesis can stall or slow it.
 * This works because each server dials its peers at the addresses of its own configuration, and
 * with {@code reconfigEnabled=false} the configuration is static: no server learns another's list.
 *
 * @param nodes the node names in order; node k (from 0) has server id k + 1
 * @param servers each node's own ports
 * @param links each ordered pair's proxy ports: where the source dials the destination
 */
public record EnsembleLayout(List<String> nodes, Map<String, ServerPorts> servers, Map<Link, PeerPorts> links) {
    /** Short ticks for fast elections in tests (production default 2000 ms). */
    static final int TICK_MILLIS = 250;
    /** Ticks a follower has to connect and sync with a new leader. */
    static final int INIT_LIMIT_TICKS = 20;
    /** Ticks a follower may lag (or be silent) before the leader drops it, and it the leader: 1.5 s. */
    static final int SYNC_LIMIT_TICKS = 6;
    /** The longest session the servers grant: a client away for longer loses its session. */
    static final int SESSION_TIMEOUT_MAX_MILLIS = 20 * TICK_MILLIS;

    /** A server's client port and its quorum (follower to leader) and leader-election ports. */
    public record ServerPorts(int client, int quorum, int election) {}

    /** The two peer ports of one link's proxy. */
    public record PeerPorts(int quorum, int election) {}

    /** Traffic of connections that {@code source} opens to {@code destination}. */
    public record Link(String source, String destination) {}

    public EnsembleLayout {
        nodes = List.copyOf(nodes);
        servers = Map.copyOf(servers);
        links = Map.copyOf(links);
        for (String node : nodes) {
            if (!servers.containsKey(node)) {
                throw new IllegalArgumentException("no ports for " + node);
            }
            for (String peer : nodes) {
                if (!peer.equals(node) && !links.containsKey(new Link(node, peer))) {
                    throw new IllegalArgumentException("no proxy for " + node + " -> " + peer);
                }
            }
        }
    }

    /** The server id of a node: its position in the node list, from 1. */
    public int serverId(String node) {
        int index = nodes.indexOf(node);
        if (index < 0) {
            throw new IllegalArgumentException("no node " + node);
        }
        return index + 1;
    }

    /** The {@code zoo.cfg} of one node, its data in {@code dataDirectory}. */
    public String zooCfg(String node, Path dataDirectory) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tickTime", Integer.toString(TICK_MILLIS));
        settings.put("initLimit", Integer.toString(INIT_LIMIT_TICKS));
        settings.put("syncLimit", Integer.toString(SYNC_LIMIT_TICKS));
        settings.put("maxSessionTimeout", Integer.toString(SESSION_TIMEOUT_MAX_MILLIS));
        settings.put("dataDir", dataDirectory.toAbsolutePath().toString());
        settings.put("clientPort", Integer.toString(servers.get(node).client()));
        settings.put("clientPortAddress", "127.0.0.1");
        // Unknown keys become zookeeper.* system properties: no Jetty on 8080 in every server,
        // and the four-letter words the harness asks (srvr for the role, ruok) allowed.
        settings.put("admin.enableServer", "false");
        settings.put("4lw.commands.whitelist", "srvr,ruok,mntr");
        settings.put("reconfigEnabled", "false");
        settings.put("standaloneEnabled", "false");
        for (String peer : nodes) {
            String ports;
            if (peer.equals(node)) {
                ports = servers.get(node).quorum() + ":" + servers.get(node).election();
            } else {
                PeerPorts proxy = links.get(new Link(node, peer));
                ports = proxy.quorum() + ":" + proxy.election();
            }
            settings.put("server." + serverId(peer), "127.0.0.1:" + ports);
        }
        StringBuilder text = new StringBuilder("# written by faultline for node " + node + "; peers are reached through its link proxies\n");
        settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }
}
