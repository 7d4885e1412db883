package dev.faultline.target.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.target.TargetSettings;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Goal: {@code --target-opt} values reach the Raft config, and out-of-range ones are refused. */
class RaftTargetTest {

    @Test
    void appendSizeAndPipelineComeFromTheOptions() {
        RaftConfig config = RaftTarget.config(settings(Map.of("max-append-entries", "4", "max-inflight", "1",
                "election-ticks", "500")));
        assertThat(config.appendEntriesMax()).isEqualTo(4);
        assertThat(config.inflightAppendsMax()).isEqualTo(1);
        assertThat(config.electionTicksMin()).isEqualTo(500);
        assertThat(RaftTarget.config(settings(Map.of())).appendEntriesMax()).isEqualTo(RaftConfig.defaults().appendEntriesMax());
    }

    @Test
    void anAppendOfNoEntriesIsRefused() {
        assertThatThrownBy(() -> RaftTarget.config(settings(Map.of("max-append-entries", "0"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-append-entries");
    }

    private static TargetSettings settings(Map<String, String> options) {
        return new TargetSettings("raft", Set.of(), options);
    }
}
