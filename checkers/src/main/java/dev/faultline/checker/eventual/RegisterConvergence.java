package dev.faultline.checker.eventual;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.graph.AnomalyLog;
import dev.faultline.checker.graph.MetaKeys;
import dev.faultline.checker.graph.UnsupportedHistoryException;
import dev.faultline.checker.graph.UpdateIndex;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The last-writer-wins register model of {@code convergence} (notes §6.1 (c), §9.4): operations
 * {@code write} (value: unique) and {@code read}. A node's final value must have been written by
 * a write that did not fail ({@code unexpected} otherwise), and no acknowledged write may have
 * been invoked after that write was acknowledged: such a write is newer in real time, yet the
 * register ended without it. It was shadowed, typically by a timestamp from a clock running ahead,
 * and is reported as {@code lost}; when every node agrees the text says so too ("converged, and
 * lost acknowledged writes"), since agreement alone would pass a plain convergence check.
 *
 * <p>Both writes' {@code meta.timestamp} and {@code meta.version} are copied into the witness when
 * the target reports them ({@link MetaKeys}); the rule itself needs only real-time order.
 */
final class RegisterConvergence implements ConvergenceModel {
    private final Object initial;
    private long okWrites;
    private long indeterminateWrites;
    private long failedWrites;
    private long lostWrites;
    private long convergedKeysWithLostWrites;

    RegisterConvergence(Object initial) {
        this.initial = initial;
    }

    @Override
    public String name() {
        return "register";
    }

    @Override
    public Object stateOf(Operation read) {
        return read.value();
    }

    @Override
    public void checkKey(History history, Object key, List<Operation> operations, FinalReads finalReads,
            AnomalyLog findings) {
        UpdateIndex writes = new UpdateIndex(history);
        List<Operation> acknowledged = new ArrayList<>();
        for (Operation operation : operations) {
            switch (operation.f()) {
                case "read" -> { }
                case "write" -> indexWrite(operation, writes, acknowledged);
                default -> throw new UnsupportedHistoryException("the register model knows write and read, not "
                        + operation.f() + " (op " + operation.invoke().index() + ")");
            }
        }
        boolean converged = finalReads.agree();
        long lostBefore = lostWrites;
        for (Map.Entry<Object, List<String>> ending : finalReads.nodesByState().entrySet()) {
            Object value = ending.getKey();
            List<FinalReads.Reading> holders = ending.getValue().stream().map(finalReads.latestByNode()::get).toList();
            Operation winner = writes.updateOf(key, value);
            if (winner == null && !Objects.equals(value, initial)) {
                reportUnexpected(key, value, holders, "which no write ever wrote", null, findings);
            } else if (winner != null && winner.isFail()) {
                reportUnexpected(key, value, holders, "although its write failed", winner, findings);
            } else if (winner == null || winner.isOk()) {
                int after = winner == null ? -1 : winner.completion();
                for (Operation loser : acknowledged) {
                    if (loser.invocation() > after) {
                        lostWrites++;
                        reportLost(key, converged, holders, winner, loser, findings);
                    }
                }
            }
        }
        if (converged && lostWrites > lostBefore) {
            convergedKeysWithLostWrites++;
        }
    }

    private void indexWrite(Operation write, UpdateIndex writes, List<Operation> acknowledged) {
        writes.add(write);
        switch (write.outcome()) {
            case OK -> {
                okWrites++;
                acknowledged.add(write);
            }
            case INFO -> indeterminateWrites++;
            default -> failedWrites++;
        }
    }

    private static void reportUnexpected(Object key, Object value, List<FinalReads.Reading> holders, String why,
            Operation failedWrite, AnomalyLog findings) {
        findings.add("unexpected", () -> {
            List<Integer> ops = new ArrayList<>();
            if (failedWrite != null) {
                ops.addAll(KeyedOperations.indices(failedWrite));
            }
            holders.forEach(reading -> ops.add(reading.read().complete().index()));
            return new Anomaly("unexpected",
                    KeyedOperations.prefix(key) + nodeList(holders) + " ended with " + Values.describe(value) + ", " + why
                            + (failedWrite == null ? "" : " (op " + failedWrite.invoke().index() + ")"),
                    ops,
                    Data.of("key", key, "value", value, "nodes", nodeNames(holders)));
        });
    }

    private static void reportLost(Object key, boolean converged, List<FinalReads.Reading> holders, Operation winner,
            Operation loser, AnomalyLog findings) {
        findings.add("lost", () -> {
            FinalReads.Reading first = holders.get(0);
            Object value = first.state();
            String ending = (converged ? "converged: every node (" + nodeList(holders) + ") ends with "
                    : nodeList(holders) + (holders.size() == 1 ? " ends with " : " end with ")) + Values.describe(value);
            String source = winner == null ? ", the initial value"
                    : ", written at op " + winner.invoke().index() + " and acknowledged at op " + winner.complete().index()
                            + stamp(winner);
            String loss = (converged ? "; and lost the acknowledged write " : "; so the acknowledged write ")
                    + Values.describe(loser.invoke().value()) + " (op " + loser.invoke().index()
                    + (winner == null ? "" : ", invoked after op " + winner.complete().index())
                    + ", acknowledged at op " + loser.complete().index() + stamp(loser) + ")"
                    + (converged ? "" : " is lost on " + (holders.size() == 1 ? "that node" : "those nodes"));
            List<Integer> ops = new ArrayList<>();
            if (winner != null) {
                ops.addAll(KeyedOperations.indices(winner));
            }
            ops.addAll(KeyedOperations.indices(loser));
            holders.forEach(reading -> ops.add(reading.read().complete().index()));
            return new Anomaly("lost", KeyedOperations.prefix(key) + ending + source + loss, ops,
                    Data.of("key", key, "converged", converged, "nodes", nodeNames(holders),
                            "winner", winner == null ? Data.of("value", value, "initial", true) : describeWrite(winner),
                            "loser", describeWrite(loser)));
        });
    }

    /** ", timestamp 1700, version 4", from the write's meta, or nothing. */
    private static String stamp(Operation write) {
        Object timestamp = MetaKeys.of(write, MetaKeys.TIMESTAMP);
        Object version = MetaKeys.of(write, MetaKeys.VERSION);
        return (timestamp == null ? "" : ", timestamp " + Values.describe(timestamp))
                + (version == null ? "" : ", version " + Values.describe(version));
    }

    private static Map<String, Object> describeWrite(Operation write) {
        return Data.of("value", write.invoke().value(), "invoke", (long) write.invoke().index(),
                "complete", (long) write.complete().index(), "node", write.node(),
                MetaKeys.TIMESTAMP, MetaKeys.of(write, MetaKeys.TIMESTAMP),
                MetaKeys.VERSION, MetaKeys.of(write, MetaKeys.VERSION));
    }

    private static String nodeList(List<FinalReads.Reading> holders) {
        return String.join(", ", nodeNames(holders));
    }

    private static List<String> nodeNames(List<FinalReads.Reading> holders) {
        return holders.stream().map(FinalReads.Reading::node).toList();
    }

    @Override
    public void addStats(Map<String, Object> stats) {
        stats.put("okWrites", okWrites);
        stats.put("indeterminateWrites", indeterminateWrites);
        stats.put("failedWrites", failedWrites);
        stats.put("lostWrites", lostWrites);
        stats.put("convergedKeysWithLostWrites", convergedKeysWithLostWrites);
    }
}
