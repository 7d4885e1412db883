package dev.faultline.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.history.History;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class VerdictTest {
    private static final Anomaly WITNESS = Anomaly.of("stale-read", "p1 read 1 after p0 wrote 2", List.of(3, 7));

    @Property
    void compositionLetsFalseWinThenUnknown(@ForAll Validity a, @ForAll Validity b) {
        Validity composed = a.and(b);
        if (a == Validity.FALSE || b == Validity.FALSE) {
            assertThat(composed).isEqualTo(Validity.FALSE);
        } else if (a == Validity.UNKNOWN || b == Validity.UNKNOWN) {
            assertThat(composed).isEqualTo(Validity.UNKNOWN);
        } else {
            assertThat(composed).isEqualTo(Validity.TRUE);
        }
        assertThat(composed).isEqualTo(b.and(a));
    }

    @Test
    void mapsValidityToTheExitCodesOfTheDesign() {
        assertThat(Validity.TRUE.exitCode()).isZero();
        assertThat(Validity.FALSE.exitCode()).isEqualTo(1);
        assertThat(Validity.UNKNOWN.exitCode()).isEqualTo(2);
    }

    @Test
    void anInvalidVerdictNeedsAWitnessAndAnUnknownOneACause() {
        assertThatThrownBy(() -> Verdict.invalid("x", List.of(), Map.of())).hasMessageContaining("witness");
        assertThatThrownBy(() -> new Verdict("x", Validity.UNKNOWN, List.of(), Map.of(), null)).hasMessageContaining("why");
    }

    @Test
    void composesAnomaliesAndCauses() {
        Verdict composed = Verdict.compose("all", List.of(
                Verdict.valid("a", Map.of()),
                Verdict.unknown("b", "time limit of 1 s reached after 40% of the ops", Map.of()),
                Verdict.invalid("c", List.of(WITNESS), Map.of())));
        assertThat(composed.valid()).isEqualTo(Validity.FALSE);
        assertThat(composed.anomalies()).containsExactly(WITNESS);
        assertThat(composed.cause()).isNull();

        Verdict undecided = Verdict.compose("all", List.of(Verdict.valid("a", Map.of()),
                Verdict.unknown("b", "out of time", Map.of())));
        assertThat(undecided.cause()).isEqualTo("b: out of time");
        assertThat(undecided.stats()).containsEntry("a", "true").containsEntry("b", "unknown");
    }

    @Test
    void writesJsonWithJepsenStyleValidity() {
        String json = VerdictJson.toJson(Verdict.invalid("c", List.of(WITNESS), Map.of("ops", 12)));
        assertThat(json).isEqualTo("{\"checker\":\"c\",\"valid\":false,\"anomalies\":[{\"type\":\"stale-read\","
                + "\"explanation\":\"p1 read 1 after p0 wrote 2\",\"ops\":[3,7],\"data\":{}}],\"stats\":{\"ops\":12}}");
        assertThat(VerdictJson.toJson(Verdict.unknown("u", "why", Map.of())))
                .contains("\"valid\":\"unknown\"").contains("\"cause\":\"why\"");
    }

    @Test
    void aThrowingCheckerYieldsUnknownWithItsCause() {
        Checker broken = new Checker() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Verdict check(History history, CheckContext context) {
                throw new IllegalStateException("model has no state for key 7");
            }
        };
        Verdict verdict = Checkers.safely(broken, History.of(List.of()), CheckContext.withTimeLimit(Duration.ofSeconds(1)));
        assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
        assertThat(verdict.cause()).contains("model has no state for key 7");
    }

    @Test
    void aContextStopsAtItsDeadlineOrWhenCancelled() throws InterruptedException {
        CheckContext context = CheckContext.withTimeLimit(Duration.ofMillis(20));
        assertThat(context.shouldStop()).isFalse();
        Thread.sleep(40);
        assertThat(context.isExpired()).isTrue();
        CheckContext other = CheckContext.defaults();
        other.cancel();
        assertThat(other.shouldStop()).isTrue();
    }

    @Test
    void optionsAreTypedAndNameTheOptionWhenWrong() {
        CheckerOptions options = CheckerOptions.of(Map.of("guarantees", "ryw, mr", "partition", "maybe", "model", "queue"));
        assertThat(options.list("guarantees", List.of())).containsExactly("ryw", "mr");
        assertThatThrownBy(() -> options.flag("partition", true)).hasMessage("--partition must be true or false, was maybe");
        assertThatThrownBy(() -> options.choice("model", "register", "register", "cas-register"))
                .hasMessage("--model must be one of register, cas-register, was queue");
        assertThat(options.choice("nil-read", "absent", "absent", "unknown")).isEqualTo("absent");
    }
}
