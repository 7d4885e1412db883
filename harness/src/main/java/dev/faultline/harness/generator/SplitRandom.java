package dev.faultline.harness.generator;

import java.nio.charset.StandardCharsets;

/**
 * A random number source that is a plain value: {@link #next()} returns the following source
 * instead of changing this one, so a generator holding one stays pure, and asking it twice for
 * its next operation gives the same answer (SplitMix64, as in {@link java.util.SplittableRandom}).
 *
 * <p>Use: {@code random = random.next(); int choice = random.below(3);}
 */
public record SplitRandom(long state) {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** The source after this one. */
    public SplitRandom next() {
        return new SplitRandom(state + GOLDEN_GAMMA);
    }

    /** This source's random 64 bits. */
    public long value() {
        return mix64(state);
    }

    /** A number in {@code [0, bound)}. */
    public int below(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        return (int) Math.floorMod(value(), (long) bound);
    }

    /** A number in {@code [0, bound)}. */
    public long below(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        return Math.floorMod(value(), bound);
    }

    /** A number in {@code [0, 1)}. */
    public double unit() {
        return (value() >>> 11) * 0x1.0p-53;
    }

    /**
     * A seed for one component of a run, derived from the run's seed and the component's name, so
     * that every component has its own stream and adding a component changes no other's.
     */
    public static long derive(long seed, String component) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : component.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix64(seed ^ mix64(hash));
    }

    /** SplitMix64's finaliser (Stafford's variant 13). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
