package dev.faultline.checker.sequential;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Seeded random tiny register histories with cas, for the sequential checker's properties: the
 * operations run one at a time against a map of registers, in a random order of processes, but half
 * the reads return an older or an arbitrary value, and a cas may expect a wrong value
 * (then it fails, as in Jepsen). Written values are unique per key when asked, else drawn from
 * {1, 2, 3} so that the search has to decide. Some operations end indeterminate, applied or not.
 */
final class RandomRegisters {
    private RandomRegisters() {}

    static History generate(long seed, int processes, int operations, int keys, boolean uniqueValues) {
        Random random = new Random(seed);
        List<Op> ops = new ArrayList<>();
        List<List<Object>> written = new ArrayList<>();
        Object[] state = new Object[keys];
        for (int key = 0; key < keys; key++) {
            written.add(new ArrayList<>());
        }
        long counter = 0;
        for (int step = 0; step < operations; step++) {
            int process = random.nextInt(processes);
            int key = random.nextInt(keys);
            Object name = keys == 1 ? null : "k" + key;
            int roll = random.nextInt(10);
            boolean indeterminate = random.nextInt(10) == 0;
            boolean applied = !indeterminate || random.nextBoolean();
            if (roll < 4) {
                Object value = random.nextBoolean() || written.get(key).isEmpty() ? state[key]
                        : random.nextInt(4) == 0 ? null : written.get(key).get(random.nextInt(written.get(key).size()));
                ops.add(Op.invoke(process, "read", name, null));
                ops.add(Op.completion(indeterminate ? OpType.INFO : OpType.OK, process, "read", name, indeterminate ? null : value));
            } else if (roll < 7) {
                Object value = uniqueValues ? Long.valueOf(++counter) : Long.valueOf(1 + random.nextInt(3));
                written.get(key).add(value);
                if (applied) {
                    state[key] = value;
                }
                ops.add(Op.invoke(process, "write", name, value));
                ops.add(Op.completion(indeterminate ? OpType.INFO : OpType.OK, process, "write", name, value));
            } else {
                Object expected = random.nextInt(3) > 0 ? state[key] : (Object) (long) (1 + random.nextInt(3));
                Object value = uniqueValues ? Long.valueOf(++counter) : Long.valueOf(1 + random.nextInt(3));
                boolean succeeds = Objects.equals(expected, state[key]);
                List<Object> swap = Arrays.asList(expected, value);
                OpType outcome = !succeeds ? OpType.FAIL : indeterminate ? OpType.INFO : OpType.OK;
                if (succeeds && applied) {
                    state[key] = value;
                    written.get(key).add(value);
                }
                ops.add(Op.invoke(process, "cas", name, swap));
                ops.add(Op.completion(outcome, process, "cas", name, swap));
            }
        }
        return History.of(ops);
    }
}
