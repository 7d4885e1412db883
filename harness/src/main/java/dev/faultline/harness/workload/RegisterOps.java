package dev.faultline.harness.workload;

import dev.faultline.harness.generator.OpSource;
import dev.faultline.harness.generator.OpTemplate;
import dev.faultline.harness.generator.SplitRandom;
import java.util.Arrays;
import java.util.Collections;

/**
 * Reads, writes and compare-and-sets on one register: the given shares of reads and CAS, writes
 * for the rest. Each write and CAS carries the next value of a range no other
 * register uses; a CAS expects one of the last three values issued (or nil before any), so some
 * succeed and some fail.
 *
 * @param key the register's key, or null for the single register
 * @param nextValue the next value to write
 * @param issued how many values were issued so far
 * @param readPercent the share of reads, 0 to 100
 * @param casPercent the share of CAS, 0 to {@code 100 - readPercent}
 */
record RegisterOps(Object key, long nextValue, long issued, int readPercent, int casPercent) implements OpSource {

    /** The CAS share when none is chosen: half of what reads leave, as writes take the other half. */
    static int defaultCasPercent(int readPercent) {
        return (100 - readPercent) - (100 - readPercent) / 2;
    }

    @Override
    public Drawn draw(SplitRandom random) {
        int roll = random.below(100);
        if (roll < readPercent) {
            return new Drawn(OpTemplate.of("read", key, null), this);
        }
        RegisterOps after = new RegisterOps(key, nextValue + 1, issued + 1, readPercent, casPercent);
        if (roll < 100 - casPercent) {
            return new Drawn(OpTemplate.of("write", key, nextValue), after);
        }
        Long expected = issued == 0 ? null : nextValue - 1 - random.next().below(Math.min(3, issued));
        return new Drawn(OpTemplate.of("cas", key, Collections.unmodifiableList(Arrays.asList(expected, nextValue))), after);
    }
}
