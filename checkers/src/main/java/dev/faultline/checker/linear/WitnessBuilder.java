package dev.faultline.checker.linear;

import dev.faultline.checker.Anomaly;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a failed search into a witness a person can follow (Knossos's {@code :op},
 * {@code :previous-ok} and {@code :final-paths}; Porcupine's partial linearizations): the op that
 * cannot be linearized, the longest linearizable prefix before it with the state after each
 * step, and for each op that could come next, what happens when it does.
 *
 * <p>Everything is replayed through the model first ({@link Replay}), and the stuck op is checked
 * to be illegal where the witness says it is; a mismatch is an engine bug and throws.
 */
final class WitnessBuilder {
    /** The anomaly type of a linearizability violation. */
    static final String TYPE = "nonlinearizable";
    private static final int PREFIX_STEPS_SHOWN = 64;
    private static final int PATHS_SHOWN = 12;

    private final History history;
    private final CompiledPartition partition;

    private WitnessBuilder(History history, CompiledPartition partition) {
        this.history = history;
        this.partition = partition;
    }

    /**
     * @param prefix the longest linearizable prefix, as op ids of the partition
     * @param blocking the op no extension of the prefix could linearize
     * @param engineNote null for the search; else which pre-check found the violation, for the explanation
     */
    static Anomaly build(History history, CompiledPartition partition, int[] prefix, int blocking, String engineNote) {
        return new WitnessBuilder(history, partition).anomaly(partition.model(), prefix, blocking, engineNote);
    }

    private <S> Anomaly anomaly(Model<S> model, int[] prefix, int blocking, String engineNote) {
        List<S> states = Replay.states(partition, model, prefix);
        S stuck = states.get(states.size() - 1);
        Call blockingCall = partition.ops[blocking].call();
        if (model.step(stuck, blockingCall) != null) {
            throw new IllegalStateException("witness: " + describe(blocking) + " is legal in the stuck state "
                    + model.describeState(stuck));
        }
        int[] candidates = candidates(prefix, blocking);
        List<List<Map<String, Object>>> paths = new ArrayList<>();
        for (int i = 0; i < Math.min(candidates.length, PATHS_SHOWN); i++) {
            paths.add(path(model, stuck, candidates[i], blocking));
        }
        int previous = prefix.length == 0 ? -1 : prefix[prefix.length - 1];
        String explanation = explanation(model, stuck, prefix, blocking, previous, candidates.length - 1, engineNote);

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("partition", partition.partition.key());
        data.put("engine", engineNote == null ? "search" : "pre-check");
        data.put("op", (long) opIndex(blocking));
        data.put("previous", previous < 0 ? null : (long) opIndex(previous));
        data.put("initialState", model.describeState(states.get(0)));
        data.put("prefixLength", (long) prefix.length);
        int shownFrom = Math.max(0, prefix.length - PREFIX_STEPS_SHOWN);
        data.put("prefixOmitted", (long) shownFrom);
        data.put("stateBeforeShownPrefix", model.describeState(states.get(shownFrom)));
        List<Map<String, Object>> shown = new ArrayList<>();
        for (int step = shownFrom; step < prefix.length; step++) {
            shown.add(legalStep(prefix[step], model.describeState(states.get(step + 1))));
        }
        data.put("prefix", shown);
        data.put("stuckState", model.describeState(stuck));
        data.put("finalPaths", paths);
        if (engineNote != null) {
            List<Object> subhistory = new ArrayList<>();
            for (int op = 0; op < partition.size; op++) {
                subhistory.add((long) opIndex(op));
            }
            data.put("subhistory", subhistory);
        }
        Set<Integer> involved = new LinkedHashSet<>();
        involved.add(opIndex(blocking));
        if (previous >= 0) {
            involved.add(opIndex(previous));
        }
        for (int candidate : candidates) {
            involved.add(opIndex(candidate));
        }
        return new Anomaly(TYPE, explanation, List.copyOf(involved), data);
    }

    /** The ops that could come right after the prefix: the blocking op first, then by return, info last. */
    private int[] candidates(int[] prefix, int blocking) {
        boolean[] placed = new boolean[partition.size];
        for (int op : prefix) {
            placed[op] = true;
        }
        int earliest = EventRanks.NEVER;
        for (int op = 0; op < partition.size; op++) {
            if (!placed[op]) {
                earliest = Math.min(earliest, partition.returnRank[op]);
            }
        }
        if (placed[blocking] || partition.returnRank[blocking] != earliest) {
            throw new IllegalStateException("witness: " + describe(blocking) + " is not the first unlinearized op to return");
        }
        List<Integer> others = new ArrayList<>();
        for (int op = 0; op < partition.size; op++) {
            if (!placed[op] && op != blocking && partition.callRank[op] < earliest) {
                others.add(op);
            }
        }
        others.sort((a, b) -> Long.compare(((long) partition.returnRank[a] << 32) | a, ((long) partition.returnRank[b] << 32) | b));
        int[] candidates = new int[others.size() + 1];
        candidates[0] = blocking;
        for (int i = 0; i < others.size(); i++) {
            candidates[i + 1] = others.get(i);
        }
        return candidates;
    }

    /** What happens when the candidate comes next: illegal at once, or legal and then the blocking op. */
    private <S> List<Map<String, Object>> path(Model<S> model, S stuck, int candidate, int blocking) {
        Call call = partition.ops[candidate].call();
        S after = model.step(stuck, call);
        if (after == null) {
            return List.of(illegalStep(candidate, model.rejection(stuck, call)));
        }
        List<Map<String, Object>> path = new ArrayList<>();
        path.add(legalStep(candidate, model.describeState(after)));
        Call blockingCall = partition.ops[blocking].call();
        S then = model.step(after, blockingCall);
        if (then == null) {
            path.add(illegalStep(blocking, model.rejection(after, blockingCall)));
        } else {
            Map<String, Object> step = legalStep(blocking, model.describeState(then));
            step.put("note", "legal here, but every way on from here fails later");
            path.add(step);
        }
        return path;
    }

    private Map<String, Object> legalStep(int op, String state) {
        Map<String, Object> step = step(op);
        step.put("state", state);
        return step;
    }

    private Map<String, Object> illegalStep(int op, String reason) {
        Map<String, Object> step = step(op);
        step.put("illegal", reason);
        return step;
    }

    private Map<String, Object> step(int op) {
        Op invoke = history.get(partition.ops[op].position());
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("op", (long) invoke.index());
        step.put("process", invoke.processName());
        step.put("call", partition.ops[op].call().describe());
        return step;
    }

    private <S> String explanation(Model<S> model, S stuck, int[] prefix, int blocking, int previous, int alternatives,
            String engineNote) {
        StringBuilder text = new StringBuilder();
        text.append(describe(blocking)).append(" cannot be linearized: ")
                .append(model.rejection(stuck, partition.ops[blocking].call())).append('.');
        if (prefix.length == 0) {
            text.append(" It is illegal in the initial state ").append(model.describeState(stuck));
        } else {
            text.append(" The longest linearizable prefix before it has ").append(prefix.length)
                    .append(prefix.length == 1 ? " operation" : " operations").append(", ending with ")
                    .append(describe(previous)).append(", and leaves the state at ").append(model.describeState(stuck));
        }
        if (alternatives == 1) {
            text.append("; the one other operation that could come first does not make it legal");
        } else if (alternatives > 1) {
            text.append("; none of the ").append(alternatives).append(" other operations that could come first makes it legal");
        }
        text.append('.');
        if (engineNote != null) {
            text.append(" Found before any search (").append(engineNote).append("): ")
                    .append(partition.size == 1 ? "this operation alone cannot" : "these " + partition.size + " operations alone cannot")
                    .append(" be linearized.");
        }
        return text.toString();
    }

    private int opIndex(int op) {
        return history.get(partition.ops[op].position()).index();
    }

    private String describe(int op) {
        Op invoke = history.get(partition.ops[op].position());
        Call call = partition.ops[op].call();
        String key = call.key() == null ? "" : " on " + Values.describe(call.key());
        return "p" + invoke.process() + "'s " + call.describe() + key + " (op " + invoke.index() + ")";
    }
}
