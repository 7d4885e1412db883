package dev.faultline.target.common.clock;

/** The host's clocks, behind an interface so that tests can drive a {@link NodeClock} by hand. */
public interface TimeSource {
    /** The host's monotonic clock, like {@link System#nanoTime()}. */
    long nanoTime();

    /** The host's wall clock, like {@link System#currentTimeMillis()}. */
    long currentTimeMillis();

    /** The real host clocks: the only place in the shell that reads them. */
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }
    };
}
