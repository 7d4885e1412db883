package dev.faultline.harness.cli;

import dev.faultline.harness.UserInputException;
import dev.faultline.harness.cluster.Cluster;
import dev.faultline.harness.cluster.NodeCluster;
import dev.faultline.harness.local.LocalClusterLauncher;
import dev.faultline.target.TargetRegistry;
import dev.faultline.target.common.core.Protocol;
import dev.faultline.target.common.kv.KvReply;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.kv.Outcome;
import dev.faultline.target.common.shell.NodeConfig;
import dev.faultline.target.common.shell.NodeShell;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faultline kv-bench}: measures the client protocol path (KvClient, the client server, the
 * core thread and back) with many concurrent workers, as the harness will drive it. Against an
 * in-process {@code memory} node by default, or any running node.
 */
@Command(name = "kv-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Drives a node or a cluster with concurrent closed-loop workers, each one client doing random reads, writes and cas on a few keys, and prints the throughput and latency percentiles. Workers follow not-leader answers to the leader, and move on from a node that refuses connections.",
            "With --target it starts a local cluster of that target as faultline test does (--nodes processes on 127.0.0.1, JVM options from FAULTLINE_NODE_JAVA_OPTS, every process stopped by PID at the end). With --connect it drives a running node. With neither it starts a memory node inside this JVM (so clients and server share the machine's cores, as they do in a local run)."
        })
final class KvBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--connect", paramLabel = "HOST:PORT", description = "A running node's client address. Default: start a memory node in this JVM.")
    String connect;

    @Option(names = "--durability", paramLabel = "fsync|none", defaultValue = "none",
            description = "The in-process memory node's durability option. Default: ${DEFAULT-VALUE}.")
    String durability;

    @Option(names = "--target", paramLabel = "NAME",
            description = "Start a local cluster of this target (see 'faultline node --help') and drive it.")
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

    @Option(names = "--timeout-millis", paramLabel = "MILLIS", defaultValue = "1000", description = "Per-request timeout. Default: ${DEFAULT-VALUE}.")
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
            TargetRegistry.builtIn().find(target);
            return benchLocalCluster();
        }
        if (connect != null) {
            run(Map.of("node", parse(connect)), "external node");
            return ExitCodes.VALID;
        }
        Path dataDir = Files.createTempDirectory("faultline-kv-bench");
        Protocol<?, ?> protocol = TargetRegistry.builtIn().find("memory").create(Set.of(), Map.of("durability", durability));
        NodeConfig config = new NodeConfig("n1", "memory", Map.of("n1", new InetSocketAddress("127.0.0.1", 0)), dataDir,
                "127.0.0.1", 0, NodeConfig.AGENT_HOST_DEFAULT, 0, UUID.randomUUID().toString(), NodeConfig.TICK_INTERVAL_MILLIS_DEFAULT, 1,
                NodeConfig.INPUT_QUEUE_CAPACITY_DEFAULT, NodeConfig.LINK_QUEUE_CAPACITY_DEFAULT);
        NodeShell<?, ?> node = NodeShell.start(config, protocol, cause -> { });
        try {
            run(Map.of("n1", node.clientAddress()), "in-process memory node, durability=" + durability);
        } finally {
            node.close();
            deleteTree(dataDir);
        }
        return ExitCodes.VALID;
    }

    /** The harness's own local cluster (each node stopped by PID on close and on exit); node JVM options from FAULTLINE_NODE_JAVA_OPTS. */
    private Integer benchLocalCluster() throws Exception {
        Path dir = Files.createTempDirectory("faultline-kv-bench");
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            names.add("n" + i);
        }
        try (Cluster cluster = new LocalClusterLauncher(target, targetSettings.bugs(), targetSettings.options(), 1).start(names, dir)) {
            NodeCluster local = (NodeCluster) cluster;
            Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
            names.forEach(name -> addresses.put(name, local.clientAddress(name)));
            String planted = targetSettings.bugs().stream().map(bug -> " --bug " + bug).collect(Collectors.joining())
                    + targetSettings.options().entrySet().stream().map(option -> " --target-opt " + option.getKey() + "=" + option.getValue())
                            .collect(Collectors.joining());
            run(addresses, "local " + nodes + "-node " + target + " cluster" + planted);
        } finally {
            deleteTree(dir);
        }
        return ExitCodes.VALID;
    }

    private void run(Map<String, InetSocketAddress> cluster, String description) throws InterruptedException {
        long measureFrom = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        AtomicLongArray outcomes = new AtomicLongArray(Outcome.values().length);
        long[][] latencies = new long[workers][];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread thread = new Thread(() -> latencies[worker] = work(worker, cluster, measureFrom, end, outcomes),
                    "bench-" + w);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        report(cluster.values() + " (" + description + ")", Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray(),
                outcomes);
    }

    private long[] work(int worker, Map<String, InetSocketAddress> cluster, long measureFrom, long end, AtomicLongArray outcomes) {
        SplittableRandom random = new SplittableRandom(worker);
        long[] latencies = new long[1 << 16];
        int count = 0;
        long sequence = 0;
        try (LeaderClient client = new LeaderClient(cluster, worker, 1_000)) {
            long now = System.nanoTime();
            while (now < end) {
                String key = "k" + random.nextInt(keys);
                long value = (long) worker << 40 | sequence;
                KvRequest request = switch (random.nextInt(3)) {
                    case 0 -> KvRequest.read(key, worker, ++sequence);
                    case 1 -> KvRequest.write(key, value, worker, ++sequence);
                    default -> KvRequest.cas(key, value - 1, value, worker, ++sequence);
                };
                long before = System.nanoTime();
                KvReply reply = client.invoke(request, timeoutMillis);
                now = System.nanoTime();
                if (before >= measureFrom && now < end) {
                    outcomes.incrementAndGet(reply.outcome().ordinal());
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = now - before;
                }
            }
        }
        return Arrays.copyOf(latencies, count);
    }

    private void report(String against, long[] sorted, AtomicLongArray outcomes) {
        PrintWriter out = spec.commandLine().getOut();
        long total = sorted.length;
        out.printf("kv-bench against %s: %d workers, %d s measured after %d s warm-up, %d keys%n",
                against, workers, seconds, warmupSeconds, keys);
        out.printf("  operations   %d (ok %d, fail %d, info %d)%n", total, outcomes.get(Outcome.OK.ordinal()),
                outcomes.get(Outcome.FAIL.ordinal()), outcomes.get(Outcome.INFO.ordinal()));
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
