package dev.faultline.harness.generator;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * An independent copy of a generator for each thread (Jepsen's {@code each-thread}), or for each
 * process, so that a thread that continues as a new process after an indeterminate completion
 * starts afresh (Jepsen's {@code each-process}). Copies are made lazily by the factory, which must
 * be a pure function of its argument; of the free threads' operations, the soonest wins, the
 * lowest thread on a tie.
 *
 * @param perProcess true for a copy per process, false for a copy per thread
 * @param factory makes the copy for a thread number or a process number
 * @param copies the copies made so far, by thread; null where none was kept
 * @param owners for each kept copy, the process it was made for
 */
record PerWorker(boolean perProcess, IntFunction<Generator> factory, Generator[] copies, int[] owners) implements Generator {

    static PerWorker of(boolean perProcess, IntFunction<Generator> factory) {
        return new PerWorker(perProcess, factory, new Generator[0], new int[0]);
    }

    @Override
    public Step next(Context context) {
        Step.Emit soonest = null;
        int soonestThread = -1;
        long wake = Long.MAX_VALUE;
        boolean alive = false;
        for (int thread : context.visibleThreads()) {
            if (!context.isFree(thread)) {
                alive = true;
                continue;
            }
            Step step = copyFor(context, thread).next(context.restrictedTo(thread));
            if (step instanceof Step.Emit emit) {
                alive = true;
                if (soonest == null || emit.op().timeNanos() < soonest.op().timeNanos()) {
                    soonest = emit;
                    soonestThread = thread;
                }
            } else if (step instanceof Step.Pending pending) {
                alive = true;
                wake = Math.min(wake, pending.wakeNanos());
            }
        }
        if (soonest != null) {
            return new Step.Emit(soonest.op(), with(context, soonestThread, soonest.next()));
        }
        // The pending copies' new states are not kept: asking again gives the same answer.
        return alive ? new Step.Pending(this, wake) : Step.EXHAUSTED;
    }

    @Override
    public Generator update(Context context, Event event) {
        int thread = event.thread();
        if (!context.isVisible(thread) || thread >= copies.length || copies[thread] == null
                || owners[thread] != event.process()) {
            return this;
        }
        Generator updated = copies[thread].update(context.restrictedTo(thread), event);
        Generator[] newCopies = copies.clone();
        newCopies[thread] = updated;
        return new PerWorker(perProcess, factory, newCopies, owners);
    }

    private Generator copyFor(Context context, int thread) {
        int process = context.process(thread);
        if (thread < copies.length && copies[thread] != null && (!perProcess || owners[thread] == process)) {
            return copies[thread];
        }
        return factory.apply(perProcess ? process : thread);
    }

    private PerWorker with(Context context, int thread, Generator copy) {
        int size = Math.max(copies.length, thread + 1);
        Generator[] newCopies = Arrays.copyOf(copies, size);
        int[] newOwners = Arrays.copyOf(owners, size);
        newCopies[thread] = copy;
        newOwners[thread] = context.process(thread);
        return new PerWorker(perProcess, factory, newCopies, newOwners);
    }
}
