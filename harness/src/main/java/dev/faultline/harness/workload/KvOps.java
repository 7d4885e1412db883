package dev.faultline.harness.workload;

import dev.faultline.harness.generator.OpSource;
import dev.faultline.harness.generator.SplitRandom;

/**
 * One group's register operations over a succession of keys, {@code opsPerKey} on each, as in
 * Jepsen's independent keys ({@code independent/concurrent-generator}): group g of G works on
 * keys g, g + G, g + 2G, ..., so no two groups share a key, and key k's written values are
 * {@code k * opsPerKey + 1 .. (k + 1) * opsPerKey}, unique across keys.
 *
 * @param keyOrdinal how many keys this group finished before the current one
 * @param remaining operations left on the current key
 */
record KvOps(int group, int groups, int opsPerKey, int readPercent, int casPercent, long keyOrdinal, int remaining,
        RegisterOps current)
        implements OpSource {

    static KvOps start(int group, int groups, int opsPerKey, int readPercent, int casPercent) {
        return new KvOps(group, groups, opsPerKey, readPercent, casPercent, 0, opsPerKey,
                register(group, opsPerKey, readPercent, casPercent));
    }

    @Override
    public Drawn draw(SplitRandom random) {
        if (remaining == 0) {
            long key = (keyOrdinal + 1) * groups + group;
            return new KvOps(group, groups, opsPerKey, readPercent, casPercent, keyOrdinal + 1, opsPerKey,
                    register(key, opsPerKey, readPercent, casPercent)).draw(random);
        }
        Drawn drawn = current.draw(random);
        return new Drawn(drawn.op(), new KvOps(group, groups, opsPerKey, readPercent, casPercent, keyOrdinal, remaining - 1,
                (RegisterOps) drawn.next()));
    }

    private static RegisterOps register(long key, int opsPerKey, int readPercent, int casPercent) {
        return new RegisterOps(key, key * opsPerKey + 1, 0, readPercent, casPercent);
    }
}
