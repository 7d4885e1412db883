package dev.faultline.harness.generator;

import dev.faultline.history.OpType;

/**
 * Drives a generator: the single-threaded heart of Jepsen's interpreter, without threads or
 * clocks, shared by the runner and by {@link Simulation}. The caller polls it with the current
 * time and reports each completion; it keeps the context (free threads, processes) and feeds
 * every invocation and completion back into the generator. Not thread-safe.
 *
 * <p>An operation planned for later is not taken: the caller waits until then and polls again,
 * and since generators are pure the same operation comes back, unless a completion in between
 * changed the answer.
 */
public final class Scheduler {

    /** What the caller does next. */
    public sealed interface Decision {
        /** Invoke this operation now on its thread, as this process. */
        record Dispatch(PlannedOp op, int process) implements Decision {}

        /** Wait for a completion, or until this time, whichever comes first; then poll again. */
        record Wait(long untilNanos) implements Decision {}

        /** The generator is exhausted and no operation is in flight. */
        record Done() implements Decision {}
    }

    private Generator generator;
    private Context context;
    private final PlannedOp[] inFlight;
    private int inFlightCount;

    public Scheduler(Generator generator, int threadCount) {
        this.generator = generator;
        this.context = Context.start(threadCount);
        this.inFlight = new PlannedOp[threadCount];
    }

    /**
     * The next decision at this time.
     *
     * @throws IllegalStateException when the generator emits an operation for a busy or unknown
     *     thread, or waits for an event that cannot come (pending with nothing in flight and no
     *     time to wake at)
     */
    public Decision poll(long nowNanos) {
        context = context.withTime(Math.max(nowNanos, context.timeNanos()));
        Step step = generator.next(context);
        if (step instanceof Step.Emit emit) {
            PlannedOp op = emit.op();
            if (op.thread() >= context.threadCount() || !context.isFree(op.thread())) {
                throw new IllegalStateException("the generator emitted " + op.f() + " for thread " + op.thread()
                        + ", which is busy or does not exist");
            }
            if (op.timeNanos() > context.timeNanos()) {
                return new Decision.Wait(op.timeNanos());
            }
            PlannedOp now = op.withTime(context.timeNanos());
            int process = context.process(now.thread());
            generator = emit.next();
            context = context.busy(now.thread());
            inFlight[now.thread()] = now;
            inFlightCount++;
            generator = generator.update(context, new Event(OpType.INVOKE, now.thread(), process, now, context.timeNanos()));
            return new Decision.Dispatch(now, process);
        }
        if (step instanceof Step.Pending pending) {
            generator = pending.next();
            if (inFlightCount == 0 && pending.wakeNanos() == Long.MAX_VALUE) {
                throw new IllegalStateException("the generator waits for an event, but no operation is in flight");
            }
            return new Decision.Wait(pending.wakeNanos());
        }
        return inFlightCount == 0 ? new Decision.Done() : new Decision.Wait(Long.MAX_VALUE);
    }

    /**
     * The thread's operation completed. After an {@code info} completion the thread continues as
     * a new process.
     *
     * @return the process that ran the operation
     */
    public int completed(int thread, OpType outcome, long nowNanos) {
        if (!outcome.isCompletion()) {
            throw new IllegalArgumentException("a completion cannot be " + outcome.wireName());
        }
        PlannedOp op = inFlight[thread];
        if (op == null) {
            throw new IllegalStateException("thread " + thread + " has no operation in flight");
        }
        int process = context.process(thread);
        inFlight[thread] = null;
        inFlightCount--;
        context = context.withTime(Math.max(nowNanos, context.timeNanos())).freed(thread, outcome == OpType.INFO);
        generator = generator.update(context, new Event(outcome, thread, process, op, context.timeNanos()));
        return process;
    }

    /**
     * Continues with another generator once the current one is done, keeping the threads'
     * processes, so that a later phase (the final reads) never reuses a crashed process's id.
     */
    public void continueWith(Generator next) {
        if (inFlightCount != 0) {
            throw new IllegalStateException(inFlightCount + " operations are still in flight");
        }
        generator = next;
    }

    /** How many operations are in flight. */
    public int inFlightCount() {
        return inFlightCount;
    }

    /** The process the thread runs now. */
    public int process(int thread) {
        return context.process(thread);
    }
}
