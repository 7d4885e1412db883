package dev.faultline.checker.linear;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap one check may use for its search structures, shared by the partitions that run at
 * once. A structure reserves before it grows; when the reservation fails the search stops with
 * "unknown" instead of running the JVM out of memory.
 */
final class MemoryBudget {
    private final long limitBytes;
    private final AtomicLong usedBytes = new AtomicLong();

    MemoryBudget(long limitBytes) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("memory limit must be positive, was " + limitBytes);
        }
        this.limitBytes = limitBytes;
    }

    long limitBytes() {
        return limitBytes;
    }

    long usedBytes() {
        return usedBytes.get();
    }

    /**
     * Reserves bytes.
     *
     * @throws SearchStopped when the reservation would pass the limit
     */
    void reserve(long bytes) {
        long after = usedBytes.addAndGet(bytes);
        if (after > limitBytes) {
            usedBytes.addAndGet(-bytes);
            throw new SearchStopped(SearchStopped.Reason.MEMORY);
        }
    }

    void release(long bytes) {
        usedBytes.addAndGet(-bytes);
    }
}
