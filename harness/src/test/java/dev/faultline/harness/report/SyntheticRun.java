package dev.faultline.harness.report;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.harness.store.JsonFiles;
import dev.faultline.harness.store.RunDirectory;
import dev.faultline.harness.store.Store;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.io.Histories;
import dev.faultline.history.io.HistoryFormat;
import dev.faultline.history.io.JsonlWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A stored run made up from a seed, as the harness would leave it: a keyed read/write/cas
 * history of any size from {@code concurrency} workers (an info completion moves a worker to a new
 * process, as in the harness), pause/kill/partition faults every few seconds in both
 * {@code faults.jsonl} and the history, node status samples with a leader that changes at each
 * fault, and a {@code results.json} with one anomaly of each witness shape the report draws: a
 * linearizability witness (prefix and ways on), a causal relation chain, a stale read. The
 * witnesses name real operations of the history and respect its real-time order.
 */
public final class SyntheticRun {
    static final List<String> NODES = List.of("n1", "n2", "n3", "n4", "n5");
    private static final long FAULT_EVERY_NANOS = 3_000_000_000L;
    private static final long FAULT_NANOS = 1_000_000_000L;

    private SyntheticRun() {}

    /** Writes the run into a new directory of the store and returns it. */
    public static RunDirectory write(Path store, int operations, long seed) throws IOException {
        RunDirectory run = new Store(store).create("synthetic-kv", LocalDateTime.of(2026, 1, 2, 3, 4, 5));
        Random random = new Random(seed);
        int concurrency = 10;
        int keys = Math.max(1, operations / 100);
        List<Op> events = clientEvents(random, operations, concurrency, keys);
        long endNanos = events.get(events.size() - 1).timeNanos();
        List<Map<String, Object>> faults = new ArrayList<>();
        for (long at = FAULT_EVERY_NANOS; at + FAULT_NANOS < endNanos; at += FAULT_EVERY_NANOS) {
            String kind = List.of("pause", "kill", "partition").get((int) (at / FAULT_EVERY_NANOS % 3));
            String node = NODES.get((int) (at / FAULT_EVERY_NANOS % NODES.size()));
            int id = faults.size() / 2;
            Map<String, Object> applied = Map.of("kind", kind, "nodes", List.of(node));
            faults.add(faultLine(at, "start", id, kind, applied));
            faults.add(faultLine(at + FAULT_NANOS, "heal", id, kind, applied));
            events.add(nemesis(at, "start-" + kind, id, node));
            events.add(nemesis(at + FAULT_NANOS, "stop-" + kind, id, node));
        }
        events.sort(Comparator.comparingLong(Op::timeNanos));
        try (OutputStream out = Files.newOutputStream(run.history()); JsonlWriter writer = new JsonlWriter(out, false)) {
            for (int index = 0; index < events.size(); index++) {
                writer.write(events.get(index).withIndex(index));
            }
        }
        try (Writer out = Files.newBufferedWriter(run.faults(), StandardCharsets.UTF_8)) {
            for (Map<String, Object> line : faults) {
                out.write(json(line));
                out.write('\n');
            }
        }
        writeStatuses(run, endNanos);
        Files.writeString(run.node("n1").resolve("node.log"), "12:00:00.000 INFO  NodeShell event=started node=n1\n");
        History history = Histories.read(run.history(), HistoryFormat.JSONL);
        List<Verdict> verdicts = verdicts(history, random);
        JsonFiles.writeResults(run.results(), Validity.FALSE, verdicts);
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("name", "synthetic-kv");
        test.put("target", "synthetic");
        test.put("nodes", NODES);
        test.put("workload", "kv");
        test.put("seed", seed);
        test.put("nemesis", List.of("kill", "partition", "pause"));
        test.put("checkers", verdicts.stream().map(Verdict::checker).toList());
        test.put("command", "faultline test --name synthetic-kv --workload kv --seed " + seed);
        test.put("outcome", "completed");
        JsonFiles.writeMap(run.testJson(), test);
        return run;
    }

    private static List<Op> clientEvents(Random random, int operations, int concurrency, int keys) {
        List<Op> events = new ArrayList<>(operations * 2 + 100);
        long[] next = new long[concurrency];
        int[] process = new int[concurrency];
        long value = 0;
        for (int worker = 0; worker < concurrency; worker++) {
            process[worker] = worker;
            next[worker] = 50_000_000L + worker * 100_000L;
        }
        for (int op = 0; op < operations; op++) {
            int worker = op % concurrency;
            long invoke = next[worker];
            long latency = (long) (2_000_000 * Math.exp(random.nextGaussian() * 0.8));
            long complete = invoke + latency;
            next[worker] = complete + 20_000 + random.nextInt(200_000);
            long key = random.nextInt(keys);
            String f = List.of("read", "write", "cas").get(random.nextInt(3));
            Object argument = switch (f) {
                case "write" -> ++value;
                case "cas" -> List.of(value, ++value);
                default -> null;
            };
            int roll = random.nextInt(100);
            OpType outcome = roll < 4 ? OpType.INFO : f.equals("cas") && roll < 30 ? OpType.FAIL : OpType.OK;
            Object result = f.equals("read") && outcome == OpType.OK ? (Object) (long) random.nextInt((int) value + 1) : argument;
            String node = NODES.get(worker % NODES.size());
            events.add(new Op(0, invoke, process[worker], OpType.INVOKE, f, key, argument, node, null, Map.of(), false));
            events.add(new Op(0, complete, process[worker], outcome, f, key, result, node,
                    outcome == OpType.INFO ? "timeout" : outcome == OpType.FAIL ? "cas-mismatch" : null, Map.of(), false));
            if (outcome == OpType.INFO) {
                process[worker] += concurrency;
            }
        }
        return events;
    }

    private static Op nemesis(long at, String f, int fault, String node) {
        return new Op(0, at, Op.NEMESIS, OpType.INFO, f, null, Map.of("fault", (long) fault, "nodes", List.of(node)), null, null,
                Map.of(), false);
    }

    private static Map<String, Object> faultLine(long at, String action, int fault, String kind, Map<String, Object> applied) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", at);
        line.put("action", action);
        line.put("fault", (long) fault);
        line.put("kind", kind);
        line.put("plan", Map.of("kind", kind, "targets", "one"));
        line.put("applied", applied);
        return line;
    }

    /** A leader that moves to the next node at each fault; the faulted node unreachable meanwhile. */
    private static void writeStatuses(RunDirectory run, long endNanos) throws IOException {
        for (int n = 0; n < NODES.size(); n++) {
            StringBuilder lines = new StringBuilder();
            for (long at = 0, term = 1; at < endNanos; at += FAULT_EVERY_NANOS, term++) {
                String leader = NODES.get((int) (term % NODES.size()));
                String role = leader.equals(NODES.get(n)) ? "leader" : "follower";
                lines.append(json(Map.of("time", at + 100_000_000L, "role", role, "term", term, "leader", leader))).append('\n');
            }
            Files.createDirectories(run.node(NODES.get(n)));
            Files.writeString(run.node(NODES.get(n)).resolve(StoredRun.STATUS_LINES), lines);
        }
    }

    private static List<Verdict> verdicts(History history, Random random) {
        List<Operation> operations = history.operations();
        Object key = operations.get(operations.size() / 2).key();
        List<Operation> onKey = operations.stream().filter(op -> key.equals(op.key()) && !op.isInfo()).limit(9).toList();
        Map<String, Object> linear = new LinkedHashMap<>();
        linear.put("partition", key);
        linear.put("engine", "search");
        linear.put("op", (long) onKey.get(6).invoke().index());
        linear.put("previous", (long) onKey.get(5).invoke().index());
        linear.put("initialState", "nil");
        linear.put("prefixLength", 6L);
        linear.put("prefixOmitted", 0L);
        List<Object> prefix = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            prefix.add(step(onKey.get(i), "state", "v" + i));
        }
        linear.put("prefix", prefix);
        linear.put("stuckState", "v5");
        linear.put("finalPaths", List.of(List.of(step(onKey.get(6), "illegal", "read 7 but the register holds v5")),
                List.of(step(onKey.get(7), "state", "v7"), step(onKey.get(6), "illegal", "read 7 but the register holds v7"))));
        Anomaly nonlinearizable = new Anomaly("nonlinearizable", "p" + onKey.get(6).process() + "'s read on " + key
                + " (op " + onKey.get(6).invoke().index() + ") cannot be linearized (synthetic).",
                List.of(onKey.get(6).invoke().index(), onKey.get(5).invoke().index(), onKey.get(7).invoke().index()), linear);

        Operation write = operations.stream().filter(op -> op.isOk() && op.f().equals("write")).findFirst().orElseThrow();
        Operation later = operations.stream().filter(op -> op.process() == write.process() && op.invocation() > write.completion())
                .findFirst().orElseThrow();
        Operation read = operations.stream().filter(op -> op.isOk() && op.process() != write.process()
                && op.invocation() > later.completion()).findFirst().orElseThrow();
        List<Object> steps = List.of(edge(write, later, "po"), edge(later, read, "rf"));
        Anomaly causal = new Anomaly("WriteCORead", "P" + write.process() + " wrote then wrote again; P" + read.process()
                + " read the later write (synthetic).", List.of(write.complete().index(), later.complete().index(),
                        read.complete().index()), Map.of("pattern", "WriteCORead", "steps", steps));

        Anomaly stale = new Anomaly("stale-read", "the read at op " + read.complete().index() + " missed a newer version (synthetic).",
                List.of(write.invoke().index(), write.complete().index(), read.invoke().index(), read.complete().index()),
                Map.of("key", read.key(), "read", (long) read.complete().index(), "newestWrite", (long) write.invoke().index(),
                        "k", 1L, "delta", 1000L));
        Map<String, Object> distribution = Map.of("count", 3L, "mean", 2.0e6, "quantiles", Map.of("0", 1_000_000L, "0.5", 2_000_000L,
                "1", 3_000_000L), "cdf", List.of(List.of(1_000_000L, 0.33), List.of(2_000_000L, 0.66), List.of(3_000_000L, 1.0)));
        return List.of(Verdict.invalid("linearizable", List.of(nonlinearizable), Map.of("model", "cas-register")),
                Verdict.invalid("causal", List.of(causal), Map.of("consistency", "CC")),
                Verdict.invalid("staleness", List.of(stale), Map.of("timeUnit", "nanos", "delta", distribution,
                        "k", Map.of("histogram", List.of(List.of(0L, 10L), List.of(1L, 3L)), "max", 1L))),
                Verdict.valid("convergence", Map.of("timeUnit", "nanos", "timeToConvergence", distribution)));
    }

    private static Map<String, Object> step(Operation operation, String field, String text) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("op", (long) operation.invoke().index());
        step.put("process", Integer.toString(operation.process()));
        step.put("call", operation.f() + " " + operation.invoke().value());
        step.put(field, text);
        return step;
    }

    private static Map<String, Object> edge(Operation from, Operation to, String relation) {
        return Map.of("from", (long) from.complete().index(), "to", (long) to.complete().index(), "rel", relation);
    }

    private static String json(Map<String, Object> line) {
        try {
            java.io.StringWriter text = new java.io.StringWriter();
            try (com.fasterxml.jackson.core.JsonGenerator json = dev.faultline.checker.VerdictJson.generator(text)) {
                JsonlWriter.writeValue(json, line);
            }
            return text.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
