package dev.faultline.harness.cli;

import dev.faultline.harness.UserInputException;
import dev.faultline.harness.client.Client;
import dev.faultline.harness.client.ClientFactory;
import dev.faultline.harness.client.Clients;
import dev.faultline.harness.client.Invocation;
import dev.faultline.harness.client.KvTargetClient;
import dev.faultline.harness.cluster.Cluster;
import dev.faultline.harness.cluster.ClusterLauncher;
import dev.faultline.history.OpType;
import dev.faultline.target.TargetRegistry;
import dev.faultline.target.TargetSpec;
import dev.faultline.target.common.core.Protocol;
import dev.faultline.target.common.shell.NodeConfig;
import dev.faultline.target.common.shell.NodeShell;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faultline kv-bench}: measures a store's client path with many concurrent closed-loop
 * workers, each holding the client the harness would give a worker of a run ({@link Client}: our
 * node protocol through {@link KvTargetClient}, or a ZooKeeper session), so the figures are those
 * of the path a test drives. Against an in-process {@code memory} node by default, a running node,
 * or a local cluster of any target, a real ZooKeeper ensemble included.
 */
@Command(name = "kv-bench", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Drives a node or a cluster with concurrent closed-loop workers, each one client bound to a node (worker mod nodes) doing random reads, writes and cas on a few keys, and prints the throughput, the outcomes (ok, fail, info as a test would record them) and the latency percentiles. The clients are those of faultline test: for our targets, not-leader answers are followed to the leader (at most 3 hops); for zookeeper, each worker is a ZooKeeper session on its server (writes go through the ZooKeeper leader; reads as --target-opt read= says).",
            "With --target it starts a local cluster of that target as faultline test does (--nodes processes on 127.0.0.1, every process stopped by PID at the end): a target of faultline node (raft, zab, paxos, gossip, memory; JVM options from FAULTLINE_NODE_JAVA_OPTS; --bug and --target-opt as for faultline node), or zookeeper, a real Apache ZooKeeper 3.9.5 ensemble (--target-opt read=plain|sync|barrier; no bugs). With --connect it drives a running node of ours. With neither it starts a memory node inside this JVM (so clients and server share the machine's cores, as they do in a local run).",
            "",
            "Exit codes: 0 measured, 254 bad arguments (an unknown target, bug or option), 255 the cluster did not start."
        })
final class KvBenchCommand implements Callable<Integer> {
    /** The operations the workers invoke, which a target must serve. */
    private static final Set<String> BENCH_FUNCTIONS = Set.of("read", "write", "cas");
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--connect", paramLabel = "HOST:PORT", description = "A running node's client address. Default: start a memory node in this JVM.")
    String connect;

    @Option(names = "--durability", paramLabel = "fsync|none", defaultValue = "none",
            description = "The in-process memory node's durability option. Default: ${DEFAULT-VALUE}.")
    String durability;

    @Option(names = "--target", paramLabel = "NAME",
            description = "Start a local cluster of this target and drive it: raft, zab, paxos, gossip, memory, ... (see 'faultline node --help'), or zookeeper (ZooKeeper servers; --target-opt read=plain|sync|barrier).")
    String target;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3",
            description = "Nodes of the local cluster started with --target. Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Mixin
    TargetSettingsOptions targetSettings;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "50", description = "Concurrent workers. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10", description = "How long to measure. Default: ${DEFAULT-VALUE}.")
    int seconds;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "3", description = "Unmeasured warm-up first. Default: ${DEFAULT-VALUE}.")
    int warmupSeconds;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "100", description = "Keys the workers spread over. Default: ${DEFAULT-VALUE}.")
    int keys;

    @Option(names = "--timeout-millis", paramLabel = "MILLIS", defaultValue = "1000",
            description = "Per-request timeout: an operation not answered within it counts as info (for zookeeper, the session's request timeout is half of it, as in a test, since a cas or a barrier read makes two requests). Default: ${DEFAULT-VALUE}.")
    long timeoutMillis;

    @Override
    public Integer call() throws Exception {
        if (workers < 1 || seconds < 1 || warmupSeconds < 0 || keys < 1 || timeoutMillis < 1 || nodes < 1) {
            throw new UserInputException("--workers, --seconds, --keys, --nodes and --timeout-millis must be positive");
        }
        if (target != null && connect != null) {
            throw new UserInputException("--target and --connect exclude each other");
        }
        if (target != null) {
            return benchLocalCluster();
        }
        if (connect != null) {
            run(nodeClients(Map.of("node", parse(connect)), false), List.of("node"), connect + " (external node)");
            return ExitCodes.VALID;
        }
        Path dataDir = Files.createTempDirectory("faultline-kv-bench");
        TargetSpec memory = TargetRegistry.builtIn().find("memory");
        Protocol<?, ?> protocol = memory.create(Set.of(), Map.of("durability", durability));
        NodeConfig config = new NodeConfig("n1", "memory", Map.of("n1", new InetSocketAddress("127.0.0.1", 0)), dataDir,
                "127.0.0.1", 0, NodeConfig.AGENT_HOST_DEFAULT, 0, UUID.randomUUID().toString(), NodeConfig.TICK_INTERVAL_MILLIS_DEFAULT, 1,
                NodeConfig.INPUT_QUEUE_CAPACITY_DEFAULT, NodeConfig.LINK_QUEUE_CAPACITY_DEFAULT);
        NodeShell<?, ?> node = NodeShell.start(config, protocol, cause -> { });
        try {
            run(nodeClients(Map.of("n1", node.clientAddress()), memory.clientSessions()), List.of("n1"),
                    node.clientAddress() + " (in-process memory node, durability=" + durability + ")");
        } finally {
            node.close();
            deleteTree(dataDir);
        }
        return ExitCodes.VALID;
    }

    /** Clients of our node protocol to nodes at fixed addresses, as the harness's own clusters open them. */
    private static ClientFactory nodeClients(Map<String, InetSocketAddress> addresses, boolean clientSessions) {
        List<String> names = List.copyOf(addresses.keySet());
        return node -> new KvTargetClient(node, names, addresses::get, CONNECT_TIMEOUT_MILLIS, clientSessions);
    }

    /**
     * A local cluster started as faultline test starts one (each process stopped by PID on close and
     * on exit; node JVM options from FAULTLINE_NODE_JAVA_OPTS), driven through the clients the
     * harness uses for that target: our node protocol, or ZooKeeper sessions.
     */
    private Integer benchLocalCluster() throws Exception {
        ClusterLauncher launcher = Launchers.local(target, targetSettings.bugs(), targetSettings.options(), Set.of(), BENCH_FUNCTIONS,
                Duration.ofMillis(timeoutMillis), 1);
        Path dir = Files.createTempDirectory("faultline-kv-bench");
        List<String> names = IntStream.rangeClosed(1, nodes).mapToObj(i -> "n" + i).toList();
        try (Cluster cluster = launcher.start(names, dir)) {
            String settings = targetSettings.bugs().stream().map(bug -> " --bug " + bug).collect(Collectors.joining())
                    + targetSettings.options().entrySet().stream().map(option -> " --target-opt " + option.getKey() + "=" + option.getValue())
                            .collect(Collectors.joining());
            run(cluster.clients(), cluster.nodes(), "local " + nodes + "-node " + target + " cluster" + settings);
        } finally {
            deleteTree(dir);
        }
        return ExitCodes.VALID;
    }

    private void run(ClientFactory clients, List<String> nodeNames, String against) throws InterruptedException {
        long measureFrom = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        AtomicLongArray outcomes = new AtomicLongArray(OpType.values().length);
        long[][] latencies = new long[workers][];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            String node = nodeNames.get(worker % nodeNames.size());
            Thread thread = new Thread(() -> latencies[worker] = work(worker, clients, node, measureFrom, end, outcomes),
                    "bench-" + w);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        report(against, Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray(), outcomes);
    }

    /**
     * One closed-loop worker: a client bound to {@code node}, as a worker of a run holds one, random
     * reads, writes and cas over the keys; an operation whose client cannot be opened fails (it was
     * never sent), and the next one opens it again.
     */
    private long[] work(int worker, ClientFactory clients, String node, long measureFrom, long end, AtomicLongArray outcomes) {
        SplittableRandom random = new SplittableRandom(worker);
        long timeoutNanos = timeoutMillis * 1_000_000L;
        long[] latencies = new long[1 << 16];
        int count = 0;
        long sequence = 0;
        Client client = null;
        try {
            long now = System.nanoTime();
            while (now < end) {
                String key = "k" + random.nextInt(keys);
                long value = (long) worker << 40 | ++sequence;
                Invocation invocation = switch (random.nextInt(3)) {
                    case 0 -> new Invocation(worker, "read", key, null, false, timeoutNanos);
                    case 1 -> new Invocation(worker, "write", key, value, false, timeoutNanos);
                    default -> new Invocation(worker, "cas", key, List.of(value - 1, value), false, timeoutNanos);
                };
                long before = System.nanoTime();
                if (client == null) {
                    client = Clients.open(clients, node);
                }
                OpType outcome = client == null ? OpType.FAIL : Clients.invoke(client, invocation).type();
                now = System.nanoTime();
                if (before >= measureFrom && now < end) {
                    outcomes.incrementAndGet(outcome.ordinal());
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = now - before;
                }
            }
        } finally {
            if (client != null) {
                client.close();
            }
        }
        return Arrays.copyOf(latencies, count);
    }

    private void report(String against, long[] sorted, AtomicLongArray outcomes) {
        PrintWriter out = spec.commandLine().getOut();
        long total = sorted.length;
        out.printf("kv-bench against %s: %d workers, %d s measured after %d s warm-up, %d keys%n",
                against, workers, seconds, warmupSeconds, keys);
        out.printf("  operations   %d (ok %d, fail %d, info %d)%n", total, outcomes.get(OpType.OK.ordinal()),
                outcomes.get(OpType.FAIL.ordinal()), outcomes.get(OpType.INFO.ordinal()));
        out.printf("  throughput   %.0f ops/s%n", total / (double) seconds);
        if (total > 0) {
            out.printf("  latency µs   p50 %d  p90 %d  p99 %d  p99.9 %d  max %d%n", percentile(sorted, 0.50),
                    percentile(sorted, 0.90), percentile(sorted, 0.99), percentile(sorted, 0.999),
                    sorted[sorted.length - 1] / 1_000);
        }
        out.flush();
    }

    private static long percentile(long[] sorted, double quantile) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000;
    }

    private static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new UserInputException("--connect: '" + hostPort + "' is not HOST:PORT");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
