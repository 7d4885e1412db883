package dev.faultline.harness.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.workload.WorkloadOptions;
import dev.faultline.harness.workload.Workloads;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Goal: each workload is checked against exactly the models whose checkers handle its histories. */
class ModelLadderTest {

    private static ModelLadder ladder(String workload, Map<String, String> options) {
        return ModelLadder.of(Workloads.create(workload, WorkloadOptions.of(options)));
    }

    @Test
    void readWriteRegistersGetTheWholeLadder() {
        for (String workload : List.of("register", "kv")) {
            ModelLadder ladder = ladder(workload, Map.of("cas-percent", "0"));
            assertThat(ladder.checkers()).containsExactly("linearizable", "sequential", "causal", "session", "staleness", "convergence");
            assertThat(ladder.notes()).isEmpty();
        }
    }

    @Test
    void registersWithCasGetTheModelsWhoseCheckersTakeCasAndANoteSayingHowToGetTheRest() {
        ModelLadder ladder = ladder("register", Map.of());
        assertThat(ladder.models()).containsExactly(Model.LINEARIZABLE, Model.SEQUENTIAL);
        assertThat(ladder.notes()).singleElement().asString().contains("cas-percent=0");
    }

    @Test
    void setsAndListsGetCausalAndWhatElseFits() {
        assertThat(ladder("set", Map.of()).models()).containsExactly(Model.CAUSAL, Model.CONVERGENCE);
        assertThat(ladder("append", Map.of()).models()).containsExactly(Model.CAUSAL);
    }
}
