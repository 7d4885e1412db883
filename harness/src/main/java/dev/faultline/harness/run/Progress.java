package dev.faultline.harness.run;

import dev.faultline.history.OpType;
import dev.faultline.nemesis.Fault;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The progress line, printed every few seconds while a run goes:
 * {@code [ 12 s / 60 s] main   812 ops/s  ok 9021  fail 12  info 3  faults: partition n1,n2}.
 */
final class Progress implements AutoCloseable {
    private final PrintWriter out;
    private final RunClock clock;
    private final HistoryRecorder history;
    private final Supplier<List<Fault>> inForce;
    private final Duration total;
    private final long intervalNanos;
    private final Thread thread;
    private volatile String phase = "start";
    private long lastCompleted;
    private long lastNanos;

    Progress(PrintWriter out, RunClock clock, HistoryRecorder history, Supplier<List<Fault>> inForce, Duration total,
            Duration interval) {
        this.out = out;
        this.clock = clock;
        this.history = history;
        this.inForce = inForce;
        this.total = total;
        this.intervalNanos = interval.toNanos();
        this.thread = new Thread(this::loop, "faultline-progress");
        thread.setDaemon(true);
    }

    void start() {
        lastNanos = clock.nanos();
        thread.start();
    }

    /** Names the phase the run is in: main, heal, final. */
    void phase(String name) {
        phase = name;
    }

    private void loop() {
        try {
            while (true) {
                Thread.sleep(Math.max(1, intervalNanos / 1_000_000));
                print();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints one line now. */
    synchronized void print() {
        long now = clock.nanos();
        long ok = history.completed(OpType.OK);
        long fail = history.completed(OpType.FAIL);
        long info = history.completed(OpType.INFO);
        long completed = ok + fail + info;
        double opsPerSecond = now > lastNanos ? (completed - lastCompleted) * 1e9 / (now - lastNanos) : 0;
        lastCompleted = completed;
        lastNanos = now;
        List<Fault> faults = inForce.get();
        String faultText = faults.isEmpty() ? "none" : faults.stream()
                .map(fault -> fault.kind().cliName() + " " + String.join(",", fault.nodes()))
                .collect(Collectors.joining("; "));
        out.printf(Locale.ROOT, "[%5.0f s / %d s] %-5s %8.0f ops/s  ok %d  fail %d  info %d  faults: %s%n",
                now / 1e9, total.toSeconds(), phase, opsPerSecond, ok, fail, info, faultText);
        out.flush();
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
