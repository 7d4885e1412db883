package dev.faultline.checker.linear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays a sequence of a partition's ops from the initial state, checking that each step is
 * legal and respects real time. Every witness is replayed through the plain model before it is
 * reported (Porcupine's {@code computeVisualizationData} does the same): the search works on
 * interned states, op classes, chains and a memo, and this is an independent check. Every
 * linearization is replayed too, through the interned transitions, which checks the search's
 * bookkeeping at the cost of one table lookup per op. A failed replay is a bug in the engine,
 * never a verdict.
 */
final class Replay {
    private Replay() {}

    /**
     * Replays a witness prefix through the model.
     *
     * @return the states before the first step and after each step (length + 1 states)
     * @throws IllegalStateException when a step is illegal or jumps an op that returned before it
     */
    static <S> List<S> states(CompiledPartition partition, Model<S> model, int[] sequence) {
        RealTime realTime = new RealTime(partition);
        List<S> states = new ArrayList<>(sequence.length + 1);
        S state = model.initialState();
        states.add(state);
        for (int step = 0; step < sequence.length; step++) {
            int op = sequence[step];
            realTime.place(step, op);
            S next = model.step(state, partition.ops[op].call());
            if (next == null) {
                throw new IllegalStateException("replay: step " + step + " " + describe(partition, op)
                        + " is illegal in state " + model.describeState(state));
            }
            state = next;
            states.add(state);
        }
        return states;
    }

    /**
     * Checks a linearization: real-time order, every step legal in the interned transitions, and
     * every op that completed present.
     *
     * @throws IllegalStateException when it is not a linearization of the partition
     */
    static void checkLinearization(CompiledPartition partition, int[] order) {
        RealTime realTime = new RealTime(partition);
        StateSpace space = partition.space();
        int[] opClass = partition.opClass();
        int state = space.initialState();
        for (int step = 0; step < order.length; step++) {
            int op = order[step];
            realTime.place(step, op);
            state = space.step(state, opClass[op]);
            if (state == StateSpace.ILLEGAL) {
                throw new IllegalStateException("replay: step " + step + " " + describe(partition, op) + " is illegal");
            }
        }
        realTime.checkComplete();
    }

    /** Tracks which ops are placed and the earliest return among the others. */
    private static final class RealTime {
        private final CompiledPartition partition;
        private final boolean[] placed;
        private final int[] byReturn;
        private int pointer;

        RealTime(CompiledPartition partition) {
            this.partition = partition;
            this.placed = new boolean[partition.size];
            this.byReturn = opsByReturn(partition);
        }

        void place(int step, int op) {
            if (placed[op]) {
                throw new IllegalStateException("replay: op " + describe(partition, op) + " appears twice");
            }
            while (pointer < byReturn.length && placed[byReturn[pointer]]) {
                pointer++;
            }
            int earliestReturn = pointer < byReturn.length ? partition.returnRank[byReturn[pointer]] : EventRanks.NEVER;
            if (partition.callRank[op] >= earliestReturn) {
                throw new IllegalStateException("replay: step " + step + " places " + describe(partition, op)
                        + " after " + describe(partition, byReturn[pointer]) + " returned, but that op is not placed yet");
            }
            placed[op] = true;
        }

        void checkComplete() {
            for (int op = 0; op < partition.size; op++) {
                if (!placed[op] && !partition.isOptional(op)) {
                    throw new IllegalStateException("replay: the linearization leaves out " + describe(partition, op)
                            + ", which completed");
                }
            }
        }
    }

    /** Op ids sorted by return rank, without boxing: each sort key is (return rank, op id) in a long. */
    private static int[] opsByReturn(CompiledPartition partition) {
        long[] keys = new long[partition.size];
        for (int op = 0; op < keys.length; op++) {
            keys[op] = ((long) partition.returnRank[op] << 32) | op;
        }
        Arrays.sort(keys);
        int[] ops = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            ops[i] = (int) keys[i];
        }
        return ops;
    }

    private static String describe(CompiledPartition partition, int op) {
        return partition.ops[op].call().describe() + " (history position " + partition.ops[op].position() + ")";
    }
}
