package dev.faultline.harness.generator;

import java.util.Arrays;
import java.util.BitSet;

/**
 * What a generator may know when asked for its next operation: the run time, which worker
 * threads are free, and each thread's current process (Jepsen's generator context). Immutable:
 * the runner makes a new context for each event, and a combinator that confines a generator to
 * some threads ({@link Generators#onThreads}, {@link Generators#eachThread}) hands it a context
 * in which only those threads are visible.
 *
 * <p>Threads are numbered from 0 to {@link #threadCount()} - 1; thread {@code t} starts as process
 * {@code t}, and after an indeterminate ({@code info}) completion continues as process
 * {@code p + threadCount} (DESIGN.md §3), so {@code process mod threadCount = thread}.
 */
public final class Context {
    private final long timeNanos;
    private final int threadCount;
    private final BitSet free;
    private final BitSet visible;
    private final int[] processes;
    /** Computed on first use: most contexts (one per poll) are never asked. -1 until then. */
    private int freeVisibleCount = -1;

    private Context(long timeNanos, int threadCount, BitSet free, BitSet visible, int[] processes) {
        this.timeNanos = timeNanos;
        this.threadCount = threadCount;
        this.free = free;
        this.visible = visible;
        this.processes = processes;
    }

    /** The context at time 0: every thread free and visible, thread t running process t. */
    public static Context start(int threadCount) {
        if (threadCount < 1) {
            throw new IllegalArgumentException("at least one worker thread is needed, was " + threadCount);
        }
        BitSet all = new BitSet(threadCount);
        all.set(0, threadCount);
        int[] processes = new int[threadCount];
        Arrays.setAll(processes, thread -> thread);
        return new Context(0, threadCount, all, all, processes);
    }

    public long timeNanos() {
        return timeNanos;
    }

    /** Every worker thread of the run, visible or not. */
    public int threadCount() {
        return threadCount;
    }

    public boolean isVisible(int thread) {
        return visible.get(thread);
    }

    /** True when the thread is visible and has no operation in flight. */
    public boolean isFree(int thread) {
        return visible.get(thread) && free.get(thread);
    }

    /** How many visible threads are free. */
    public int freeCount() {
        if (freeVisibleCount < 0) {
            int count = 0;
            for (int thread = free.nextSetBit(0); thread >= 0; thread = free.nextSetBit(thread + 1)) {
                if (visible.get(thread)) {
                    count++;
                }
            }
            freeVisibleCount = count;
        }
        return freeVisibleCount;
    }

    /** True when no visible thread has an operation in flight. */
    public boolean allFree() {
        for (int thread = visible.nextSetBit(0); thread >= 0; thread = visible.nextSetBit(thread + 1)) {
            if (!free.get(thread)) {
                return false;
            }
        }
        return true;
    }

    /** The {@code ordinal}-th free visible thread, counting from 0 in thread order. */
    public int freeThread(int ordinal) {
        if (ordinal < 0 || ordinal >= freeCount()) {
            throw new IllegalArgumentException("no free thread number " + ordinal + " of " + freeCount());
        }
        int thread = -1;
        for (int seen = 0; seen <= ordinal; seen++) {
            thread = nextFreeVisible(thread + 1);
        }
        return thread;
    }

    /** A free visible thread drawn with the random source, or -1 when none is free. */
    public int someFreeThread(SplitRandom random) {
        int count = freeCount();
        return count == 0 ? -1 : freeThread(random.below(count));
    }

    /** The visible threads, in order. */
    public int[] visibleThreads() {
        return visible.stream().toArray();
    }

    /** The process the thread runs now. */
    public int process(int thread) {
        return processes[thread];
    }

    public Context withTime(long newTimeNanos) {
        return newTimeNanos == timeNanos ? this : new Context(newTimeNanos, threadCount, free, visible, processes);
    }

    /** The same context with only these threads visible (and only those that were already). */
    public Context restrictedTo(BitSet threads) {
        BitSet narrowed = (BitSet) visible.clone();
        narrowed.and(threads);
        return new Context(timeNanos, threadCount, free, narrowed, processes);
    }

    /** The same context with one thread visible. */
    public Context restrictedTo(int thread) {
        BitSet one = new BitSet(threadCount);
        one.set(thread);
        return restrictedTo(one);
    }

    /** The thread has started an operation. */
    Context busy(int thread) {
        if (!free.get(thread)) {
            throw new IllegalStateException("thread " + thread + " is already busy");
        }
        BitSet newFree = (BitSet) free.clone();
        newFree.clear(thread);
        return new Context(timeNanos, threadCount, newFree, visible, processes);
    }

    /**
     * The thread's operation completed; after an indeterminate completion the thread continues as
     * a new process.
     */
    Context freed(int thread, boolean crashed) {
        if (free.get(thread)) {
            throw new IllegalStateException("thread " + thread + " has no operation in flight");
        }
        BitSet newFree = (BitSet) free.clone();
        newFree.set(thread);
        int[] newProcesses = processes;
        if (crashed) {
            newProcesses = processes.clone();
            newProcesses[thread] += threadCount;
        }
        return new Context(timeNanos, threadCount, newFree, visible, newProcesses);
    }

    private int nextFreeVisible(int from) {
        int thread = free.nextSetBit(from);
        while (thread >= 0 && !visible.get(thread)) {
            thread = free.nextSetBit(thread + 1);
        }
        return thread;
    }
}
