package dev.faultline.nemesis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a clock fault changes a node's clock, after TigerBeetle's {@code TimeSim}: bump = a step,
 * strobe = a periodic offset, rate = linear drift. Healed by a reset to the true time. Only the
 * node clock that the target's core reads is changed, never the host clock.
 */
public sealed interface ClockChange {

    /** The change's name in {@code faults.jsonl}: {@code bump}, {@code strobe} or {@code rate}. */
    String name();

    /** The change's parameters, canonical values, for {@code faults.jsonl} and the history. */
    Map<String, Object> describe();

    /** The clock jumps by {@code offsetMillis} (negative: back) and keeps that offset. */
    record Bump(long offsetMillis) implements ClockChange {
        public Bump {
            if (offsetMillis == 0) {
                throw new IllegalArgumentException("a bump of 0 ms changes nothing");
            }
        }

        @Override
        public String name() {
            return "bump";
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("offsetMillis", offsetMillis);
        }
    }

    /** The clock's offset flips between 0 and {@code deltaMillis} every {@code periodMillis}. */
    record Strobe(long deltaMillis, long periodMillis) implements ClockChange {
        public Strobe {
            if (deltaMillis == 0 || periodMillis <= 0) {
                throw new IllegalArgumentException("a strobe needs a nonzero delta and a positive period, was "
                        + deltaMillis + " ms every " + periodMillis + " ms");
            }
        }

        @Override
        public String name() {
            return "strobe";
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("deltaMillis", deltaMillis);
            fields.put("periodMillis", periodMillis);
            return fields;
        }
    }

    /**
     * The clock runs at {@code rate} node seconds per real second from the moment it is applied
     * (0.5: half speed; 2: double speed).
     */
    record Rate(double rate) implements ClockChange {
        public Rate {
            if (!(rate > 0) || rate == 1.0 || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("a clock rate must be positive, finite and not 1, was " + rate);
            }
        }

        @Override
        public String name() {
            return "rate";
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("rate", rate);
        }
    }
}
