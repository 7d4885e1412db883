package dev.faultline.harness.run;

import dev.faultline.harness.generator.Scheduler;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs a scheduler's decisions on the worker threads in real time (the loop of Jepsen's
 * interpreter): completions first — waiting on them would add false concurrency — then the
 * generator's next operation, dispatched at once or waited for.
 */
final class Interpreter {
    /** The longest wait between checks of the abort flag. */
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Scheduler scheduler;
    private final WorkerPool workers;
    private final RunClock clock;

    Interpreter(Scheduler scheduler, WorkerPool workers, RunClock clock) {
        this.scheduler = scheduler;
        this.workers = workers;
        this.clock = clock;
    }

    /**
     * Runs until the generator is exhausted and every operation completed; once {@code aborted}
     * is true, dispatches nothing more and returns when the operations in flight completed (the
     * watchdog bounds how long that takes).
     */
    void run(BooleanSupplier aborted) throws InterruptedException {
        while (true) {
            drainCompletions();
            if (aborted.getAsBoolean()) {
                while (scheduler.inFlightCount() > 0) {
                    complete(workers.poll(WAIT_SLICE_NANOS));
                }
                return;
            }
            Scheduler.Decision decision = scheduler.poll(clock.nanos());
            if (decision instanceof Scheduler.Decision.Done) {
                return;
            }
            if (decision instanceof Scheduler.Decision.Dispatch dispatch) {
                workers.dispatch(dispatch.op(), dispatch.process());
                continue;
            }
            long until = ((Scheduler.Decision.Wait) decision).untilNanos();
            long wait = until == Long.MAX_VALUE ? WAIT_SLICE_NANOS : Math.min(WAIT_SLICE_NANOS, until - clock.nanos());
            complete(workers.poll(wait));
        }
    }

    private void drainCompletions() throws InterruptedException {
        WorkerPool.Done done;
        while ((done = workers.poll(0)) != null) {
            complete(done);
        }
    }

    private void complete(WorkerPool.Done done) {
        if (done != null) {
            scheduler.completed(done.thread(), done.outcome(), clock.nanos());
        }
    }
}
