package dev.faultline.harness.zookeeper;

import dev.faultline.harness.generator.SplitRandom;
import dev.faultline.harness.zookeeper.EnsembleLayout.Link;
import dev.faultline.harness.zookeeper.EnsembleLayout.PeerPorts;
import dev.faultline.harness.zookeeper.EnsembleLayout.ServerPorts;
import dev.faultline.nemesis.agent.LinkFaults;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The peer network of a local ZooKeeper ensemble: a {@link LinkProxy} for each ordered pair of
 * servers and each of the two peer ports, and a {@link LinkDirection} for the traffic from each
 * server to each other. A connection that A opens to B carries B's answers back too, so the
 * traffic from B to A is governed by the direction (B, A) on A's proxies and on B's alike: a cut
 * of (B, A) holds what B sends to A on every connection between them.
 */
final class PeerNetwork implements AutoCloseable {
    private final Map<Link, LinkDirection> directions = new LinkedHashMap<>();
    private final Map<Link, PeerPorts> ports = new LinkedHashMap<>();
    private final List<LinkProxy> proxies = new ArrayList<>();

    private PeerNetwork() {}

    /**
     * Binds and starts the proxies of every link; a failure closes those already bound.
     *
     * @param servers where each server listens for its peers
     * @param seed the seed of the link faults' random draws
     */
    static PeerNetwork open(List<String> nodes, Map<String, ServerPorts> servers, long seed) throws IOException {
        PeerNetwork network = new PeerNetwork();
        try {
            for (String source : nodes) {
                for (String destination : nodes) {
                    if (!source.equals(destination)) {
                        Link link = new Link(source, destination);
                        network.directions.put(link, new LinkDirection(SplitRandom.derive(seed, source + "->" + destination)));
                    }
                }
            }
            for (Link link : network.directions.keySet()) {
                LinkDirection outbound = network.directions.get(link);
                LinkDirection inbound = network.directions.get(new Link(link.destination(), link.source()));
                String name = link.source() + "-" + link.destination();
                LinkProxy quorum = network.add(new LinkProxy(name + "-quorum", servers.get(link.destination()).quorum(), outbound, inbound));
                LinkProxy election = network.add(new LinkProxy(name + "-election", servers.get(link.destination()).election(), outbound, inbound));
                network.ports.put(link, new PeerPorts(quorum.port(), election.port()));
            }
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
        network.proxies.forEach(LinkProxy::start);
        return network;
    }

    private LinkProxy add(LinkProxy proxy) {
        proxies.add(proxy);
        return proxy;
    }

    /** Each link's proxy ports, for the servers' configurations. */
    Map<Link, PeerPorts> ports() {
        return Map.copyOf(ports);
    }

    /** Cuts exactly these directions of traffic (sender, receiver) and opens every other. */
    synchronized void cut(Set<Link> cut) {
        directions.forEach((link, direction) -> direction.cut(cut.contains(link)));
    }

    /** The directions cut now. */
    synchronized Set<Link> cut() {
        return directions.entrySet().stream().filter(entry -> entry.getValue().isCut()).map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * Sets the faults of the traffic a node sends: to the peers {@code faults.peers()} names, or
     * to every peer when it names none.
     */
    synchronized void faults(String node, LinkFaults faults) {
        directions.forEach((link, direction) -> {
            if (link.source().equals(node) && (faults.peers().isEmpty() || faults.peers().contains(link.destination()))) {
                direction.faults(faults);
            }
        });
    }

    /** The faults on the traffic from {@code source} to {@code destination}. */
    synchronized LinkFaults faults(String source, String destination) {
        return directions.get(new Link(source, destination)).faults();
    }

    /** Opens every direction and clears every fault. */
    synchronized void healAll() {
        directions.values().forEach(direction -> {
            direction.cut(false);
            direction.faults(LinkFaults.NONE);
        });
    }

    /** The connections open through every proxy now. */
    int openConnections() {
        return proxies.stream().mapToInt(LinkProxy::openConnections).sum();
    }

    @Override
    public void close() {
        healAll(); // Lets a writer held by a cut run into its closed socket and end.
        proxies.forEach(LinkProxy::close);
    }
}
