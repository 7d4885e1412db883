package dev.faultline.target.gossip;

/**
 * 64-bit hashes that are the same in every JVM and on every node (unlike {@code hashCode} of
 * arbitrary values): the ring places keys with them and anti-entropy compares digests built from
 * them. FNV-1a over the value's wire encoding, finished with SplitMix64's mixer so that nearby
 * inputs spread over all bits.
 */
final class StableHash {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StableHash() {}

    static long ofValue(Object value) {
        return ofBytes(ValueOrder.encode(value));
    }

    static long ofBytes(byte[] bytes) {
        long hash = FNV_OFFSET;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return mix(hash);
    }

    /** SplitMix64's finalizer. */
    static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
