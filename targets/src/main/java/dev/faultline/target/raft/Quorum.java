package dev.faultline.target.raft;

import java.util.Arrays;
import java.util.Collection;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/** Majority arithmetic over a set of voters (etcd raft {@code quorum/majority.go}). */
final class Quorum {
    private Quorum() {}

    static int majority(int voters) {
        return voters / 2 + 1;
    }

    /**
     * The highest value that at least a majority of {@code voters} have reached: the commit index
     * when {@code value} is each voter's matchIndex. Sort descending; the majority-th value is it.
     */
    static long majorityValue(Collection<String> voters, ToLongFunction<String> value) {
        long[] values = new long[voters.size()];
        int i = 0;
        for (String voter : voters) {
            values[i++] = value.applyAsLong(voter);
        }
        Arrays.sort(values);
        // Ascending: the value at size - majority is reached by exactly `majority` voters or more.
        return values[values.length - majority(values.length)];
    }

    static boolean hasMajority(Collection<String> voters, Predicate<String> yes) {
        int count = 0;
        for (String voter : voters) {
            if (yes.test(voter)) {
                count++;
            }
        }
        return count >= majority(voters.size());
    }
}
