package dev.faultline.harness.run;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.faultline.checker.VerdictJson;
import dev.faultline.harness.cluster.Cluster;
import dev.faultline.harness.cluster.StatusProbe;
import dev.faultline.history.io.JsonlWriter;
import dev.faultline.nemesis.agent.NodeStatus;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples every node's status while the run goes on and writes {@code nodes/<node>/status.jsonl}:
 * a line {@code {"time", "role", "term", "leader"}} whenever the node's role, term or leader
 * changes, {@code {"time", "reachable": false}} when it stops answering, on the history's clock.
 * The report draws these as node roles over time (leader changes next to the faults).
 *
 * <p>One thread per node, so a paused node, whose agent cannot answer until its timeout, delays
 * only its own samples.
 */
final class StatusPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusPoller.class);

    /** Often enough to see an election of a few hundred milliseconds; cheap for an agent. */
    static final Duration INTERVAL = Duration.ofMillis(250);

    private final StatusProbe probe;
    private final RunClock clock;
    private final Duration interval;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    StatusPoller(List<String> nodes, StatusProbe probe, RunClock clock, Path nodesDir, Duration interval) {
        this.probe = probe;
        this.clock = clock;
        this.interval = interval;
        for (String node : nodes) {
            Thread thread = new Thread(() -> poll(node, nodesDir.resolve(node).resolve("status.jsonl")), "faultline-status-" + node);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    /** Starts sampling every node of the cluster, or nothing when its nodes cannot report a status. */
    static StatusPoller start(Cluster cluster, RunClock clock, Path nodesDir) {
        StatusPoller poller = cluster.statusProbe()
                .map(probe -> new StatusPoller(cluster.nodes(), probe, clock, nodesDir, INTERVAL))
                .orElseGet(() -> new StatusPoller(List.of(), node -> Optional.empty(), clock, nodesDir, INTERVAL));
        poller.threads.forEach(Thread::start);
        return poller;
    }

    private void poll(String node, Path file) {
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                Map<String, Object> previous = null;
                do {
                    long timeNanos = clock.nanos();
                    Map<String, Object> sample = sample(probe.status(node));
                    if (!sample.equals(previous)) {
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("time", timeNanos);
                        line.putAll(sample);
                        out.write(json(line));
                        out.write('\n');
                        out.flush();
                        previous = sample;
                    }
                } while (!stopped.await(interval.toMillis(), TimeUnit.MILLISECONDS));
            }
        } catch (IOException e) {
            log.warn("cannot write {}: {}", file, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Object> sample(Optional<NodeStatus> status) {
        Map<String, Object> sample = new LinkedHashMap<>();
        if (status.isEmpty()) {
            sample.put("reachable", false);
        } else {
            sample.put("role", status.get().role());
            sample.put("term", status.get().term());
            sample.put("leader", status.get().leader());
        }
        return sample;
    }

    private static String json(Map<String, Object> line) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = VerdictJson.generator(text)) {
            JsonlWriter.writeValue(json, line);
        }
        return text.toString();
    }

    /** Stops sampling; waits for each node's last sample to be written. */
    @Override
    public void close() {
        stopped.countDown();
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
