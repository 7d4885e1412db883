package dev.faultline.harness.netns;

import java.util.random.RandomGenerator;

/** A "random" that gives the run id bytes it was made with, then {@code nextInt} answers: a layout known in advance. */
final class FixedRandom implements RandomGenerator {
    private final int[] values;
    private int next;

    /** @param values three id bytes, then the answers of {@code nextInt(bound)} (taken modulo the bound) */
    FixedRandom(int... values) {
        this.values = values;
    }

    @Override
    public void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) values[next++];
        }
    }

    @Override
    public int nextInt(int bound) {
        return values[next++] % bound;
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("a layout needs id bytes and a subnet index only");
    }
}
