package dev.faultline.harness.compare;

import static dev.faultline.harness.compare.Verdicts.checked;
import static dev.faultline.harness.compare.Verdicts.invalid;
import static dev.faultline.harness.compare.Verdicts.unknown;
import static dev.faultline.harness.compare.Verdicts.valid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Goal: the "strongest model kept" line says what the verdicts say: the strongest rung of the
 * chain that holds and the one above it that does not, the eventual measures when no rung holds,
 * and a contradiction between rungs out loud. Method: fake verdicts; a property over every
 * assignment of verdicts to the chain against an oracle that scans each rung's validity.
 */
class StrongestModelTest {
    private static final Path RUN = Path.of("run");

    @Test
    void aLinearizableSystemIsSimplyLinearizable() {
        assertThat(StrongestModel.of(checked("raft", RUN, valid(Model.LINEARIZABLE), valid(Model.SEQUENTIAL))))
                .isEqualTo("linearizable");
    }

    @Test
    void theRungAboveTheOneKeptIsNamedAsBrokenOrUndecided() {
        assertThat(StrongestModel.of(checked("zab", RUN, invalid(Model.LINEARIZABLE, "nonlinearizable", 1), valid(Model.SEQUENTIAL))))
                .isEqualTo("sequential, not linearizable");
        assertThat(StrongestModel.of(checked("zab", RUN, unknown(Model.LINEARIZABLE), valid(Model.SEQUENTIAL))))
                .isEqualTo("sequential, unknown if linearizable");
        assertThat(StrongestModel.of(checked("g", RUN, invalid(Model.LINEARIZABLE, "x", 1), invalid(Model.SEQUENTIAL, "y", 1),
                invalid(Model.CAUSAL, "z", 1), valid(Model.SESSION)))).isEqualTo("session guarantees, not causal");
    }

    @Test
    void staleReadsAndLostWritesBesideAKeptRungAreNamedToo() {
        Verdict lostWrites = Verdict.invalid("convergence", List.of(dev.faultline.checker.Anomaly.of("lost", "lost", List.of(1))),
                Map.of("converged", true, "anomalyCounts", Map.of("lost", 2L)));
        assertThat(StrongestModel.of(checked("g", RUN, invalid(Model.LINEARIZABLE, "x", 1), valid(Model.SEQUENTIAL),
                invalid(Model.STALENESS, "stale-read", 8), lostWrites))).isEqualTo("sequential, not linearizable; lost 2, stale reads 8");
    }

    @Test
    void withNoRungKeptTheEventualMeasuresSpeak() {
        Verdict converged = Verdict.valid("convergence", Map.of("converged", true));
        assertThat(StrongestModel.of(checked("gossip", RUN, invalid(Model.LINEARIZABLE, "x", 1), invalid(Model.SESSION, "RYW", 3),
                invalid(Model.STALENESS, "stale-read", 37), converged))).isEqualTo("eventual: converged, lost 0, stale reads 37");
        Verdict lostWrites = Verdict.invalid("convergence", List.of(dev.faultline.checker.Anomaly.of("lost", "lost", List.of(1))),
                Map.of("converged", true, "anomalyCounts", Map.of("lost", 12L)));
        assertThat(StrongestModel.of(checked("lww", RUN, invalid(Model.SESSION, "MR", 1), valid(Model.STALENESS), lostWrites)))
                .isEqualTo("eventual: converged, lost 12, stale reads 0");
        Verdict diverged = Verdict.invalid("convergence", List.of(dev.faultline.checker.Anomaly.of("divergent", "d", List.of(1))),
                Map.of("converged", false, "anomalyCounts", Map.of("divergent", 1L)));
        assertThat(StrongestModel.of(checked("bug", RUN, invalid(Model.CAUSAL, "x", 1), diverged)))
                .isEqualTo("not eventual: diverged, lost 0");
        assertThat(StrongestModel.of(checked("u", RUN, invalid(Model.CAUSAL, "x", 1), unknown(Model.CONVERGENCE), unknown(Model.STALENESS))))
                .isEqualTo("convergence unknown, staleness unknown");
    }

    @Test
    void withoutConvergenceNothingKeptIsSaidPlainly() {
        assertThat(StrongestModel.of(checked("a", RUN, invalid(Model.CAUSAL, "CausalVisibilityViolation", 2))))
                .isEqualTo("none: not causal");
        assertThat(StrongestModel.of(checked("a", RUN, unknown(Model.CAUSAL)))).isEqualTo("undecided");
    }

    @Test
    void aWeakerRungBrokenUnderOneKeptIsAContradictionSaidOutLoud() {
        assertThat(StrongestModel.of(checked("odd", RUN, valid(Model.LINEARIZABLE), invalid(Model.SEQUENTIAL, "x", 1))))
                .isEqualTo("linearizable (but sequential INVALID, which it implies: the checkers disagree)");
    }

    @Test
    void aWhiteBoxVerdictBelowAKeptBlackBoxRungIsNoContradiction() {
        // Seen in a comparison: a quorum store's reads went back in its own version order (session,
        // white-box), while some order of the values read still explains every session (sequential).
        Verdict byVersions = Verdict.invalid("session", List.of(dev.faultline.checker.Anomaly.of("MR", "went back", List.of(1, 2))),
                Map.of("mode", "white-box"));
        assertThat(StrongestModel.of(checked("quorum", RUN, invalid(Model.LINEARIZABLE, "x", 1), valid(Model.SEQUENTIAL),
                valid(Model.CAUSAL), byVersions))).isEqualTo("sequential, not linearizable (but session INVALID by the target's own"
                        + " versions, which the black-box sequential check does not read)");
    }

    @Test
    void aFailedRunSaysWhy() {
        SystemResult failed = SystemResult.failed(new SystemSpec("raft", "raft", Map.of()), Optional.empty(), "the target could not start");
        assertThat(StrongestModel.of(failed)).isEqualTo("run failed: the target could not start");
    }

    @Property
    void theStrongestKeptIsTheFirstValidRungAndNamesTheRungAboveIt(@ForAll("chains") List<Validity> validities) {
        List<Model> chain = List.of(Model.LINEARIZABLE, Model.SEQUENTIAL, Model.CAUSAL, Model.SESSION);
        String text = StrongestModel.of(checked(chain, validities));
        int kept = validities.indexOf(Validity.TRUE);
        if (kept < 0) {
            assertThat(text).isEqualTo(validities.contains(Validity.UNKNOWN) ? "undecided" : "none: not session guarantees");
            return;
        }
        // The oracle states the rule rung by rung: the kept rung, the one right above it, every broken one below.
        StringBuilder expected = new StringBuilder(chain.get(kept).title());
        if (kept > 0) {
            expected.append(validities.get(kept - 1) == Validity.FALSE ? ", not " : ", unknown if ").append(chain.get(kept - 1).title());
        }
        List<String> brokenBelow = new java.util.ArrayList<>();
        for (int rung = kept + 1; rung < chain.size(); rung++) {
            if (validities.get(rung) == Validity.FALSE) {
                brokenBelow.add(chain.get(rung).checker());
            }
        }
        if (!brokenBelow.isEmpty()) {
            expected.append(" (but ").append(String.join(", ", brokenBelow)).append(" INVALID, which it implies: the checkers disagree)");
        }
        assertThat(text).isEqualTo(expected.toString());
    }

    @Provide
    Arbitrary<List<Validity>> chains() {
        return Arbitraries.of(Validity.class).list().ofSize(4);
    }
}
