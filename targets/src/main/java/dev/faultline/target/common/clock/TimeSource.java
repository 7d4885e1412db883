package dev.faultline.target.common.clock;

import java.time.Instant;

/** The host's clocks, behind an interface so that tests can drive a {@link NodeClock} by hand. */
public interface TimeSource {
    /** The host's monotonic clock, like {@link System#nanoTime()}. */
    long nanoTime();

    /**
     * The host's wall clock in nanoseconds since the Unix epoch, as fine as the host keeps it
     * ({@link java.time.Instant#now()}: microseconds on Linux).
     */
    long wallNanos();

    /** The real host clocks: the only place in the shell that reads them. */
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long wallNanos() {
            Instant now = Instant.now();
            return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        }
    };
}
