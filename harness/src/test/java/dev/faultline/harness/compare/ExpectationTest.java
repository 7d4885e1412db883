package dev.faultline.harness.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.harness.UserInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Goal: --expect LABEL=MODEL is judged from the model's verdict alone, and refused up front when it cannot be judged. */
class ExpectationTest {
    private static final ModelLadder FULL = new ModelLadder(List.of(Model.values()), List.of());
    private static final List<String> LABELS = List.of("raft", "gossip:w=1,r=1");

    @Test
    void theLabelIsEverythingBeforeTheLastEqualsSign() {
        assertThat(Expectation.parse("raft=linearizable", LABELS, FULL)).isEqualTo(new Expectation("raft", Model.LINEARIZABLE));
        assertThat(Expectation.parse("gossip:w=1,r=1=convergence", LABELS, FULL))
                .isEqualTo(new Expectation("gossip:w=1,r=1", Model.CONVERGENCE));
    }

    @Test
    void whatCannotBeJudgedIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> Expectation.parse("raft", LABELS, FULL)).isInstanceOf(UserInputException.class)
                .hasMessage("--expect raft: expected LABEL=MODEL, e.g. raft=linearizable");
        assertThatThrownBy(() -> Expectation.parse("zab=sequential", LABELS, FULL))
                .hasMessage("--expect zab=sequential: no system is labelled zab (labels: raft, gossip:w=1,r=1)");
        assertThatThrownBy(() -> Expectation.parse("raft=strict", LABELS, FULL))
                .hasMessageStartingWith("--expect raft=strict: unknown model strict (models: linearizable, sequential, causal");
        ModelLadder withCas = new ModelLadder(List.of(Model.LINEARIZABLE, Model.SEQUENTIAL), List.of());
        assertThatThrownBy(() -> Expectation.parse("raft=causal", LABELS, withCas))
                .hasMessage("--expect raft=causal: this workload's comparison does not check causal (it checks linearizable, sequential)");
    }

    @Test
    void theVerdictDecides() {
        Expectation sequential = new Expectation("s", Model.SEQUENTIAL);
        Path run = Path.of("run");
        assertThat(sequential.judge(Verdicts.checked("s", run, Verdicts.invalid(Model.LINEARIZABLE, "x", 1), Verdicts.valid(Model.SEQUENTIAL))))
                .isEqualTo(Expectation.Outcome.KEPT);
        assertThat(sequential.judge(Verdicts.checked("s", run, Verdicts.invalid(Model.SEQUENTIAL, "x", 1))))
                .isEqualTo(Expectation.Outcome.BROKEN);
        assertThat(sequential.judge(Verdicts.checked("s", run, Verdicts.unknown(Model.SEQUENTIAL))))
                .isEqualTo(Expectation.Outcome.UNDECIDED);
        assertThat(sequential.judge(SystemResult.failed(new SystemSpec("s", "zab", Map.of()), Optional.empty(), "did not start")))
                .isEqualTo(Expectation.Outcome.UNDECIDED);
    }
}
