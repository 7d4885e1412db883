package dev.faultline.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetChoiceTest {
    private static final List<String> ORDER = List.of("n4", "n2", "n5", "n1", "n3");

    @Test
    void choicesTakeAPrefixOfTheDrawnOrder() {
        assertThat(TargetChoice.ONE.resolve(ORDER, Optional.of("n1"))).containsExactly("n4");
        assertThat(TargetChoice.MINORITY.resolve(ORDER, Optional.empty())).containsExactly("n2", "n4");
        assertThat(TargetChoice.MAJORITY.resolve(ORDER, Optional.empty())).containsExactly("n2", "n4", "n5");
        assertThat(TargetChoice.ALL.resolve(ORDER, Optional.empty())).hasSize(5);
    }

    @Test
    void theLeaderIsTheKnownLeaderElseTheFirstNode() {
        assertThat(TargetChoice.LEADER.resolve(ORDER, Optional.of("n3"))).containsExactly("n3");
        assertThat(TargetChoice.LEADER.resolve(ORDER, Optional.empty())).containsExactly("n4");
        assertThatThrownBy(() -> TargetChoice.LEADER.resolve(ORDER, Optional.of("n9")))
                .hasMessageContaining("leader n9 is not one of");
    }

    @Test
    void aMinorityOfOneOrTwoNodesIsOneNode() {
        assertThat(TargetChoice.minoritySize(1)).isEqualTo(1);
        assertThat(TargetChoice.minoritySize(2)).isEqualTo(1);
        assertThat(TargetChoice.minoritySize(7)).isEqualTo(3);
        assertThat(TargetChoice.majoritySize(1)).isEqualTo(1);
        assertThat(TargetChoice.majoritySize(4)).isEqualTo(3);
    }
}
