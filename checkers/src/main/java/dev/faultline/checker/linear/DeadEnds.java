package dev.faultline.checker.linear;

import java.util.Arrays;

/**
 * Keeps the furthest dead end of a search for its witness: the one whose blocking op (the first
 * unlinearized op to return) returns latest, and among those the deepest. Copying the whole
 * stack at every improvement would cost O(n) each time on long histories, so it keeps a low-water
 * mark: the stack below it has not changed since the last copy, and only the part above is copied.
 */
final class DeadEnds {
    private int[] prefix = new int[16];
    private int prefixLength = -1;
    private int blockingReturn = -1;
    private int blockingOp = -1;
    private int lowWater;

    /** The stack was popped down to this depth. */
    void popped(int depth) {
        if (depth < lowWater) {
            lowWater = depth;
        }
    }

    /** A dead end with this stack, stuck on the blocking op. */
    void reached(int[] stack, int depth, int blockingOp, int blockingReturn) {
        boolean further = blockingReturn > this.blockingReturn
                || (blockingReturn == this.blockingReturn && depth > prefixLength);
        if (!further) {
            return;
        }
        if (depth > prefix.length) {
            prefix = Arrays.copyOf(prefix, Math.max(depth, prefix.length * 2));
        }
        int from = Math.min(lowWater, depth);
        System.arraycopy(stack, from, prefix, from, depth - from);
        prefixLength = depth;
        lowWater = depth;
        this.blockingOp = blockingOp;
        this.blockingReturn = blockingReturn;
    }

    int[] prefix() {
        return prefixLength < 0 ? new int[0] : Arrays.copyOf(prefix, prefixLength);
    }

    /** The blocking op of the furthest dead end, or -1 when there was none. */
    int blockingOp() {
        return blockingOp;
    }
}
