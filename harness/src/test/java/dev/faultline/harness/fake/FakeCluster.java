package dev.faultline.harness.fake;

import dev.faultline.harness.client.Client;
import dev.faultline.harness.client.ClientFactory;
import dev.faultline.harness.client.Completion;
import dev.faultline.harness.client.Invocation;
import dev.faultline.harness.cluster.Cluster;
import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.Nemesis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process cluster over one {@link AtomStore} (Jepsen's {@code atom-db} and
 * {@code atom-client}), with a nemesis whose faults act on the clients: a killed node refuses
 * connections (fail), a paused node answers nothing until the client's timeout (info), and a
 * node set to hang never answers at all, ignoring the timeout, to exercise the runner's watchdog.
 * Partitions, clock and link faults are recorded and have no effect on a single atom. n1 leads.
 */
public final class FakeCluster implements Cluster {
    private final List<String> nodes;
    private final AtomStore store;
    private final Set<String> killed = ConcurrentHashMap.newKeySet();
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final List<String> nemesisCalls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger openClients = new AtomicInteger();
    private volatile RuntimeException quiescenceFailure;
    private volatile boolean closed;

    public FakeCluster(List<String> nodes, AtomStore store) {
        this.nodes = List.copyOf(nodes);
        this.store = store;
    }

    /** Clients to this node will hang without regard to their timeout. */
    public FakeCluster hang(String node) {
        hanging.add(node);
        return this;
    }

    /** Waiting for quiescence will fail with this, to make a run fail half-way. */
    public FakeCluster failQuiescence(RuntimeException failure) {
        this.quiescenceFailure = failure;
        return this;
    }

    public List<String> nemesisCalls() {
        return List.copyOf(nemesisCalls);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Clients opened and not closed. */
    public int openClients() {
        return openClients.get();
    }

    @Override
    public List<String> nodes() {
        return nodes;
    }

    @Override
    public Optional<String> leader() {
        return Optional.of(nodes.get(0));
    }

    @Override
    public ClientFactory clients() {
        return node -> {
            if (killed.contains(node)) {
                throw new java.net.ConnectException(node + " refused the connection");
            }
            openClients.incrementAndGet();
            return new AtomClient(node);
        };
    }

    @Override
    public Nemesis nemesis() {
        return new Nemesis() {
            @Override
            public Set<FaultKind> supportedKinds() {
                return EnumSet.allOf(FaultKind.class);
            }

            @Override
            public void start(Fault fault) {
                nemesisCalls.add("start " + fault.kind().cliName() + " " + fault.nodes());
                switch (fault.kind()) {
                    case KILL, POWER_LOSS -> killed.addAll(fault.nodes());
                    case PAUSE -> paused.addAll(fault.nodes());
                    default -> { }
                }
            }

            @Override
            public void heal(Fault fault) {
                nemesisCalls.add("heal " + fault.kind().cliName() + " " + fault.nodes());
                switch (fault.kind()) {
                    case KILL, POWER_LOSS -> killed.removeAll(fault.nodes());
                    case PAUSE -> paused.removeAll(fault.nodes());
                    default -> { }
                }
            }

            @Override
            public void healAll() {
                nemesisCalls.add("heal all");
                killed.clear();
                paused.clear();
            }
        };
    }

    @Override
    public void awaitQuiescence(Duration max) {
        if (quiescenceFailure != null) {
            throw quiescenceFailure;
        }
    }

    @Override
    public void collectLogs(Path nodesDir) throws Exception {
        for (String node : nodes) {
            Files.createDirectories(nodesDir.resolve(node));
            Files.writeString(nodesDir.resolve(node).resolve("fake.log"), node + " served the run\n");
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Whether every fault is healed. */
    public boolean healthy() {
        return killed.isEmpty() && paused.isEmpty();
    }

    private final class AtomClient implements Client {
        private final String node;

        AtomClient(String node) {
            this.node = node;
        }

        @Override
        public Completion invoke(Invocation invocation) throws Exception {
            if (hanging.contains(node)) {
                Thread.sleep(Long.MAX_VALUE);
            }
            if (paused.contains(node)) {
                TimeUnit.NANOSECONDS.sleep(invocation.timeoutNanos());
                return Completion.info("timeout");
            }
            if (killed.contains(node)) {
                return Completion.info("connection lost");
            }
            return store.apply(node, invocation);
        }

        @Override
        public void close() {
            openClients.decrementAndGet();
        }
    }
}
