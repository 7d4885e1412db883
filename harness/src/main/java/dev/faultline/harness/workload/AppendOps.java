package dev.faultline.harness.workload;

import dev.faultline.harness.generator.OpSource;
import dev.faultline.harness.generator.OpTemplate;
import dev.faultline.harness.generator.SplitRandom;

/**
 * Appends of 1, 2, 3, ... to a few lists at a time, and reads of them. A list takes at most
 * {@code appendsPerKey} appends and is then replaced by a fresh key, as Jepsen's list-append
 * bounds writes per key, so that reads stay short and the history grows linearly.
 *
 * @param keys the active lists' keys
 * @param appendsLeft for each active list, the appends it still takes
 * @param nextKey the key of the next fresh list
 */
record AppendOps(long[] keys, int[] appendsLeft, long nextKey, long nextValue, int appendsPerKey, int readPercent)
        implements OpSource {

    static AppendOps start(int activeKeys, int appendsPerKey, int readPercent) {
        long[] keys = new long[activeKeys];
        int[] left = new int[activeKeys];
        for (int slot = 0; slot < activeKeys; slot++) {
            keys[slot] = slot;
            left[slot] = appendsPerKey;
        }
        return new AppendOps(keys, left, activeKeys, 1, appendsPerKey, readPercent);
    }

    @Override
    public Drawn draw(SplitRandom random) {
        int slot = random.below(keys.length);
        Long key = keys[slot];
        if (random.next().below(100) < readPercent) {
            return new Drawn(OpTemplate.of("read", key, null), this);
        }
        long[] newKeys = keys.clone();
        int[] newLeft = appendsLeft.clone();
        long newNextKey = nextKey;
        if (--newLeft[slot] == 0) {
            newKeys[slot] = newNextKey++;
            newLeft[slot] = appendsPerKey;
        }
        return new Drawn(OpTemplate.of("append", key, nextValue),
                new AppendOps(newKeys, newLeft, newNextKey, nextValue + 1, appendsPerKey, readPercent));
    }
}
