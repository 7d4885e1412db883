package dev.faultline.checker.linear;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs the partition checks: largest first, on a pool of at most {@code threads} threads, and
 * none started after one partition was found not linearizable (the running ones stop through
 * their stop signal). Porcupine starts one goroutine per partition; a bounded pool keeps a
 * history of a million keys from starting a million tasks at once.
 */
final class PartitionRunner {
    /**
     * Below this many operations in all, the pool costs more than it saves (the whole check takes
     * microseconds), so partitions run on the calling thread.
     */
    static final int SEQUENTIAL_OPS = 4_096;

    private PartitionRunner() {}

    /**
     * @param failed set by a check that finds its partition not linearizable
     * @return the verdicts of the partitions that ran, largest partition first
     */
    static List<PartitionVerdict> run(List<Partition> partitions, int threads, Function<Partition, PartitionVerdict> check,
            AtomicBoolean failed) {
        List<Partition> ordered = new ArrayList<>(partitions);
        ordered.sort(Comparator.comparingInt(Partition::size).reversed());
        long operations = ordered.stream().mapToLong(Partition::size).sum();
        if (threads <= 1 || ordered.size() <= 1 || operations < SEQUENTIAL_OPS) {
            List<PartitionVerdict> verdicts = new ArrayList<>(ordered.size());
            for (Partition partition : ordered) {
                if (failed.get()) {
                    break;
                }
                verdicts.add(check.apply(partition));
            }
            return verdicts;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, ordered.size()), daemonThreads());
        try {
            List<Future<PartitionVerdict>> futures = new ArrayList<>(ordered.size());
            for (Partition partition : ordered) {
                futures.add(pool.submit(() -> failed.get() ? null : check.apply(partition)));
            }
            List<PartitionVerdict> verdicts = new ArrayList<>(ordered.size());
            for (Future<PartitionVerdict> future : futures) {
                PartitionVerdict verdict = await(future);
                if (verdict != null) {
                    verdicts.add(verdict);
                }
            }
            return verdicts;
        } finally {
            pool.shutdownNow();
        }
    }

    private static PartitionVerdict await(Future<PartitionVerdict> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a partition check", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "linearizable-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
