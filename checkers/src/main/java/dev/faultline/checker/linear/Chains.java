package dev.faultline.checker.linear;

import java.util.Arrays;

/**
 * A cover of a partition's ops by chains in which each op is invoked after the one before it
 * returned, found greedily (interval partitioning; each process's ops already form one). The
 * search only ever linearizes the first unlinearized op of a chain, so the set of linearized ops
 * is exactly one counter per chain: the memo stores k counters instead of an n-bit set.
 *
 * <p>Chains {@code 0 … finiteCount − 1} hold the ops that completed; the others hold {@code info}
 * ops only, which return at "never": one chain per op, or, with {@code shareInfoChains}, one
 * chain per op class in invocation order, so that only the earliest unlinearized of equal
 * {@code info} calls is ever a candidate (the symmetry rule of {@link Pruning#symmetry()}: equal
 * calls are interchangeable). Keeping {@code info} ops apart is what lets {@link Dominance}
 * compare configurations by their {@code info} counters alone.
 */
final class Chains {
    final int count;
    /** Chains below this index hold completed ops; the rest hold {@code info} ops. */
    final int finiteCount;
    final int[] chainOf;
    final int[] start;
    final int[] length;
    /** The ops of chain c are {@code ops[start[c]] … ops[start[c] + length[c] - 1]}. */
    final int[] ops;

    private Chains(int count, int finiteCount, int[] chainOf, int[] start, int[] length, int[] ops) {
        this.count = count;
        this.finiteCount = finiteCount;
        this.chainOf = chainOf;
        this.start = start;
        this.length = length;
        this.ops = ops;
    }

    static Chains of(CompiledPartition partition, boolean shareInfoChains) {
        int size = partition.size;
        int[] chainOf = new int[size];
        int count = 0;
        LongHeap free = new LongHeap(16);
        for (int op = 0; op < size; op++) {
            if (partition.isOptional(op)) {
                continue;
            }
            int chain;
            if (!free.isEmpty() && (int) (free.peek() >>> 32) < partition.callRank[op]) {
                chain = (int) free.poll();
            } else {
                chain = count++;
            }
            chainOf[op] = chain;
            free.add(((long) partition.returnRank[op] << 32) | chain);
        }
        int finiteCount = count;
        int[] opClass = partition.opClass();
        int[] infoChainOfClass = new int[partition.space().classCount()];
        Arrays.fill(infoChainOfClass, -1);
        for (int op = 0; op < size; op++) {
            if (!partition.isOptional(op)) {
                continue;
            }
            if (!shareInfoChains) {
                chainOf[op] = count++;
            } else {
                int cls = opClass[op];
                if (infoChainOfClass[cls] < 0) {
                    infoChainOfClass[cls] = count++;
                }
                chainOf[op] = infoChainOfClass[cls];
            }
        }
        int[] length = new int[count];
        for (int op = 0; op < size; op++) {
            length[chainOf[op]]++;
        }
        int[] start = new int[count];
        for (int chain = 1; chain < count; chain++) {
            start[chain] = start[chain - 1] + length[chain - 1];
        }
        int[] fill = Arrays.copyOf(start, count);
        int[] ops = new int[size];
        for (int op = 0; op < size; op++) {
            ops[fill[chainOf[op]]++] = op;
        }
        return new Chains(count, finiteCount, chainOf, start, length, ops);
    }

    /** A binary min-heap of longs, so that chain assignment boxes nothing. */
    private static final class LongHeap {
        private long[] items;
        private int size;

        LongHeap(int capacity) {
            items = new long[capacity];
        }

        boolean isEmpty() {
            return size == 0;
        }

        long peek() {
            return items[0];
        }

        void add(long item) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            int at = size++;
            while (at > 0 && items[(at - 1) / 2] > item) {
                items[at] = items[(at - 1) / 2];
                at = (at - 1) / 2;
            }
            items[at] = item;
        }

        long poll() {
            long top = items[0];
            long last = items[--size];
            int at = 0;
            while (true) {
                int child = 2 * at + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && items[child + 1] < items[child]) {
                    child++;
                }
                if (items[child] >= last) {
                    break;
                }
                items[at] = items[child];
                at = child;
            }
            items[at] = last;
            return top;
        }
    }
}
