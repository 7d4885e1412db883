package dev.faultline.harness.bench;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates {@link SyntheticWorkload} histories: each step picks a random process; an idle one
 * invokes a new operation, a busy one completes its pending operation, which takes effect at that
 * moment. So operations overlap as in a real run, and the history is linearizable apart from the
 * stale reads asked for. Deterministic for a seed.
 */
public final class SyntheticHistories {
    private final SyntheticWorkload workload;
    private final Random random;
    private final List<Op> ops = new ArrayList<>();
    /** Each key's successive states: the values written (register) or elements added, in order. */
    private final Map<Long, List<Long>> states = new HashMap<>();
    private long nextValue = 1;
    private long timeNanos;

    private SyntheticHistories(SyntheticWorkload workload) {
        this.workload = workload;
        this.random = new Random(workload.seed());
    }

    public static History generate(SyntheticWorkload workload) {
        return new SyntheticHistories(workload).run();
    }

    private History run() {
        int processes = workload.processes();
        int[] processIds = new int[processes];
        Op[] pending = new Op[processes];
        for (int slot = 0; slot < processes; slot++) {
            processIds[slot] = slot;
        }
        int invoked = 0;
        int open = 0;
        while (invoked < workload.operations() || open > 0) {
            int slot = random.nextInt(processes);
            timeNanos += 1 + random.nextInt(1000);
            if (pending[slot] == null) {
                if (invoked == workload.operations()) {
                    continue;
                }
                pending[slot] = invoke(processIds[slot], invoked++);
                open++;
            } else {
                boolean indeterminate = random.nextDouble() < workload.infoProbability();
                complete(pending[slot], indeterminate);
                pending[slot] = null;
                open--;
                if (indeterminate) {
                    processIds[slot] += processes;
                }
            }
        }
        return History.of(ops);
    }

    private Op invoke(int process, int sequence) {
        long window = sequence / workload.operationsPerKey();
        long key = window * workload.keysInFlight() + random.nextInt(workload.keysInFlight());
        boolean read = random.nextDouble() < workload.readFraction();
        String f = read ? "read" : switch (workload.kind()) {
            case "register" -> "write";
            case "set" -> "add";
            default -> "append";
        };
        Op op = Op.invoke(process, f, key, read ? null : (Object) nextValue++).withTime(timeNanos).withIndex(ops.size());
        ops.add(op);
        return op;
    }

    private void complete(Op invocation, boolean indeterminate) {
        long key = (Long) invocation.key();
        List<Long> state = states.computeIfAbsent(key, k -> new ArrayList<>());
        Object value = invocation.value();
        if (invocation.f().equals("read")) {
            value = indeterminate ? null : observe(state);
        } else if (!indeterminate || random.nextBoolean()) {
            state.add((Long) invocation.value());
        }
        OpType type = indeterminate ? OpType.INFO : OpType.OK;
        ops.add(Op.completion(type, invocation.process(), invocation.f(), key, value).withTime(timeNanos).withIndex(ops.size()));
    }

    /** What a read returns: the current state, or now and then an older one. */
    private Object observe(List<Long> state) {
        int length = state.size();
        if (length > 0 && random.nextDouble() < workload.staleReadProbability()) {
            length = random.nextInt(length);
        }
        if (workload.kind().equals("register")) {
            return length == 0 ? null : state.get(length - 1);
        }
        return List.copyOf(state.subList(0, length));
    }
}
