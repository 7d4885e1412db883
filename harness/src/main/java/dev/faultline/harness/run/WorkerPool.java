package dev.faultline.harness.run;

import dev.faultline.harness.client.Client;
import dev.faultline.harness.client.ClientFactory;
import dev.faultline.harness.client.Clients;
import dev.faultline.harness.client.Completion;
import dev.faultline.harness.client.Invocation;
import dev.faultline.harness.generator.PlannedOp;
import dev.faultline.history.OpType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker threads: thread {@code t} is bound to node {@code t mod n} and runs one operation at
 * a time through its own client (Jepsen's interpreter workers). The dispatcher hands a thread its
 * operation; the thread invokes it, records the completion and reports it back.
 *
 * <p>Each operation's completion is decided once, by a compare-and-set on the thread's slot:
 * either the worker records what its client answered, or the watchdog, when the client has not
 * returned long after the request timeout, records {@code info} for it and replaces the stuck
 * thread with a fresh one (the stuck thread exits when its client finally returns). So a client
 * that ignores its timeout cannot hang a run. After an {@code info} the thread's next operation
 * belongs to a new process and goes through a new client (a reconnect).
 */
final class WorkerPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    /** An operation handed to a thread, and the time after which the watchdog gives up on it. */
    record Task(PlannedOp op, int process, long deadlineNanos) {}

    /** A thread's operation completed with this outcome. */
    record Done(int thread, OpType outcome) {}

    private static final Task STOP = new Task(new PlannedOp(0, 0, "stop", null, null, false), -1, 0);

    private final Slot[] slots;
    private final BlockingQueue<Done> done = new LinkedBlockingQueue<>();
    private final ClientFactory clients;
    private final HistoryRecorder history;
    private final RunClock clock;
    private final long timeoutNanos;
    private final long watchdogNanos;
    private final Thread watchdog;
    private volatile boolean closed;

    private static final class Slot {
        final int thread;
        final String node;
        final BlockingQueue<Task> inbox = new ArrayBlockingQueue<>(1);
        final AtomicReference<Task> inFlight = new AtomicReference<>();
        volatile Thread worker;

        Slot(int thread, String node) {
            this.thread = thread;
            this.node = node;
        }
    }

    /**
     * @param requestTimeout what clients are asked to respect; the watchdog steps in after this
     *     plus a grace of half of it, at least one second
     */
    WorkerPool(List<String> nodes, int threadCount, ClientFactory clients, HistoryRecorder history, RunClock clock,
            Duration requestTimeout) {
        this.clients = clients;
        this.history = history;
        this.clock = clock;
        this.timeoutNanos = requestTimeout.toNanos();
        this.watchdogNanos = timeoutNanos + Math.max(Duration.ofSeconds(1).toNanos(), timeoutNanos / 2);
        this.slots = new Slot[threadCount];
        for (int thread = 0; thread < threadCount; thread++) {
            slots[thread] = new Slot(thread, nodes.get(thread % nodes.size()));
            startWorker(slots[thread]);
        }
        this.watchdog = new Thread(this::watch, "faultline-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** The node a thread is bound to. */
    String node(int thread) {
        return slots[thread].node;
    }

    /** Records the invocation and hands the operation to its thread, which is free. */
    void dispatch(PlannedOp op, int process) {
        Slot slot = slots[op.thread()];
        history.invoke(process, op, slot.node);
        Task task = new Task(op, process, clock.nanos() + watchdogNanos);
        if (!slot.inFlight.compareAndSet(null, task) || !slot.inbox.offer(task)) {
            throw new IllegalStateException("thread " + op.thread() + " is busy");
        }
    }

    /** The next completion, waiting at most this long; null if none came. */
    Done poll(long waitNanos) throws InterruptedException {
        return waitNanos <= 0 ? done.poll() : done.poll(waitNanos, TimeUnit.NANOSECONDS);
    }

    private void startWorker(Slot slot) {
        Thread thread = new Thread(() -> work(slot, Thread.currentThread()), "faultline-worker-" + slot.thread);
        thread.setDaemon(true);
        slot.worker = thread;
        thread.start();
    }

    private void work(Slot slot, Thread self) {
        Client client = null;
        int clientProcess = -1;
        try {
            while (slot.worker == self) {
                Task task = slot.inbox.take();
                if (task == STOP) {
                    return;
                }
                if (client != null && clientProcess != task.process()) {
                    client.close();
                    client = null;
                }
                Completion completion;
                if (client == null) {
                    try {
                        client = clients.open(slot.node);
                        clientProcess = task.process();
                    } catch (Exception e) {
                        client = null;
                        log.debug("thread {} cannot open a client to {}: {}", slot.thread, slot.node, e.toString());
                    }
                }
                if (client == null) {
                    completion = Completion.fail("no client: cannot connect to " + slot.node);
                } else {
                    completion = invoke(client, task);
                }
                if (!slot.inFlight.compareAndSet(task, null)) {
                    return; // The watchdog recorded this operation and replaced this thread.
                }
                history.complete(task.process(), task.op(), completion, slot.node);
                done.add(new Done(slot.thread, completion.type()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    private Completion invoke(Client client, Task task) {
        PlannedOp op = task.op();
        return Clients.invoke(client, new Invocation(task.process(), op.f(), op.key(), op.value(), op.finalRead(), timeoutNanos));
    }

    /** Gives up on operations whose client has not returned long after the request timeout. */
    private void watch() {
        long periodMillis = Math.max(10, Math.min(100, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 4));
        while (!closed) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = clock.nanos();
            for (Slot slot : slots) {
                Task task = slot.inFlight.get();
                if (task != null && task != STOP && now > task.deadlineNanos() && slot.inFlight.compareAndSet(task, null)) {
                    log.warn("thread {}: the client to {} has not returned {} ms after the timeout; recorded info and replaced the thread",
                            slot.thread, slot.node, TimeUnit.NANOSECONDS.toMillis(watchdogNanos - timeoutNanos));
                    history.complete(task.process(), task.op(),
                            Completion.info("timeout: the client did not return within "
                                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"), slot.node);
                    Thread stuck = slot.worker;
                    startWorker(slot);
                    stuck.interrupt();
                    done.add(new Done(slot.thread, OpType.INFO));
                }
            }
        }
    }

    /** Stops every thread; their clients are closed as they exit. */
    @Override
    public void close() {
        closed = true;
        watchdog.interrupt();
        for (Slot slot : slots) {
            slot.inbox.offer(STOP);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (Slot slot : slots) {
            try {
                slot.worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (slot.worker.isAlive()) {
                slot.worker.interrupt();
            }
        }
    }
}
