package dev.faultline.history.io;

import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random valid histories of register operations, for property tests of the codecs. */
final class RandomHistories {
    private RandomHistories() {}

    /**
     * A valid history: up to {@code processes} clients each invoke read, write or cas and complete
     * with ok, fail or info (a crashed process continues as a new id), with a nemesis event now and
     * then; values are nil, integers, or [old new] pairs.
     */
    static List<Op> register(long seed, int events, int processes) {
        Random random = new Random(seed);
        List<Op> ops = new ArrayList<>();
        Op[] pending = new Op[processes];
        int[] ids = new int[processes];
        for (int slot = 0; slot < processes; slot++) {
            ids[slot] = slot;
        }
        long time = 0;
        while (ops.size() < events) {
            time += random.nextInt(1000);
            int slot = random.nextInt(processes);
            Op op;
            if (random.nextInt(20) == 0) {
                op = new Op(0, time, Op.NEMESIS, OpType.INFO, random.nextBoolean() ? "start" : "stop", null,
                        random.nextBoolean() ? null : "isolated n" + random.nextInt(5), null, null, null, false);
            } else if (pending[slot] == null) {
                String f = List.of("read", "write", "cas").get(random.nextInt(3));
                Object value = switch (f) {
                    case "read" -> null;
                    case "write" -> (long) random.nextInt(5);
                    default -> List.of((long) random.nextInt(5), (long) random.nextInt(5));
                };
                op = Op.invoke(ids[slot], f, null, value).withTime(time);
                pending[slot] = op;
            } else {
                Op invoke = pending[slot];
                OpType type = List.of(OpType.OK, OpType.OK, OpType.FAIL, OpType.INFO).get(random.nextInt(4));
                Object value = invoke.f().equals("read") && type == OpType.OK
                        ? (random.nextBoolean() ? null : (Object) (long) random.nextInt(5)) : invoke.value();
                op = Op.completion(type, ids[slot], invoke.f(), null, value).withTime(time);
                pending[slot] = null;
                if (type == OpType.INFO) {
                    ids[slot] += processes;
                }
            }
            ops.add(op.withIndex(ops.size()));
        }
        return ops;
    }
}
