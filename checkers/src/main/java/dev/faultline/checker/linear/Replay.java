package dev.faultline.checker.linear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays a sequence of a partition's ops through the model, from its initial state, checking
 * that each step is legal and respects real time. Every linearization and every witness the
 * engine reports is replayed first (Porcupine's {@code computeVisualizationData} does the same):
 * the search and its pruning rules work on interned states and op classes, and the replay is an
 * independent check on the plain model. A failed replay is a bug in the engine, never a verdict.
 */
final class Replay {
    private Replay() {}

    /**
     * @return the states before the first step and after each step (length + 1 states)
     * @throws IllegalStateException when a step is illegal or jumps an op that returned before it
     */
    static <S> List<S> states(CompiledPartition partition, Model<S> model, int[] sequence) {
        boolean[] placed = new boolean[partition.size];
        int[] byReturn = opsByReturn(partition);
        int pointer = 0;
        List<S> states = new ArrayList<>(sequence.length + 1);
        S state = model.initialState();
        states.add(state);
        for (int step = 0; step < sequence.length; step++) {
            int op = sequence[step];
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
            S next = model.step(state, partition.ops[op].call());
            if (next == null) {
                throw new IllegalStateException("replay: step " + step + " " + describe(partition, op)
                        + " is illegal in state " + model.describeState(state));
            }
            placed[op] = true;
            state = next;
            states.add(state);
        }
        return states;
    }

    /** Checks that a linearization holds every op that completed. */
    static void checkComplete(CompiledPartition partition, int[] order) {
        boolean[] placed = new boolean[partition.size];
        for (int op : order) {
            placed[op] = true;
        }
        for (int op = 0; op < partition.size; op++) {
            if (!placed[op] && !partition.isOptional(op)) {
                throw new IllegalStateException("replay: the linearization leaves out " + describe(partition, op)
                        + ", which completed");
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
