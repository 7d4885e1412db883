package dev.faultline.target.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Goal: the commit index a leader computes is the highest index a majority holds. Method: compare
 * {@link Quorum#majorityValue} with a dumb twin that tries every candidate index and counts
 * (etcd raft {@code quorum/quick_test.go}).
 */
class QuorumTest {
    @Property(tries = 2_000)
    void theMajorityValueIsTheHighestValueAMajorityReached(
            @ForAll @Size(min = 1, max = 9) List<@LongRange(min = 0, max = 20) Long> matchIndexes) {
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < matchIndexes.size(); i++) {
            voters.add("n" + i);
        }
        long fast = Quorum.majorityValue(voters, voter -> matchIndexes.get(voters.indexOf(voter)));
        assertThat(fast).isEqualTo(bruteForce(matchIndexes));
    }

    private static long bruteForce(List<Long> matchIndexes) {
        long best = 0;
        for (long candidate : matchIndexes) {
            long holding = matchIndexes.stream().filter(match -> match >= candidate).count();
            if (holding > matchIndexes.size() / 2 && candidate > best) {
                best = candidate;
            }
        }
        return best;
    }

    @Property(tries = 500)
    void aMajorityIsMoreThanHalf(@ForAll @Size(min = 1, max = 9) List<Boolean> answers) {
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            voters.add("n" + i);
        }
        long yes = answers.stream().filter(answer -> answer).count();
        assertThat(Quorum.hasMajority(voters, voter -> answers.get(voters.indexOf(voter)))).isEqualTo(2 * yes > answers.size());
    }
}
