package dev.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.TargetChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The command line a run prints to repeat itself ("reproduce with"), the schedule a run follows,
 * and the configuration read back from its description ({@code test.json}).
 */
class TestConfigTest {
    private static TestConfig.Builder config() {
        return TestConfig.builder().target("raft").nodeCount(3).seed(7);
    }

    @Test
    void theCommandLineRepeatsARequestTimeoutOtherThanTheDefault() {
        assertThat(config().build().commandLine()).doesNotContain("--request-timeout");
        assertThat(String.join(" ", config().requestTimeout(Duration.ofMillis(500)).build().commandLine()))
                .contains("--seed 7 --request-timeout 500");
    }

    /** Where the nodes ran decides how the kernel or the agents made the partitions: the run names it to repeat itself. */
    @Test
    void aNetnsRunSaysSo() {
        assertThat(config().build().commandLine()).doesNotContain("--netns");
        assertThat(config().build().describe()).containsEntry("netns", false);
        TestConfig netns = config().netns(true).build();
        assertThat(netns.commandLine()).contains("--netns");
        assertThat(netns.describe()).containsEntry("netns", true);
    }

    @Test
    void aRunWithoutFaultsRepeatsWithoutFaults() {
        assertThat(String.join(" ", config().build().commandLine())).contains("--nemesis none");
    }

    /** A script replaces the random schedule: the run follows it, names it to repeat itself, and keeps its text. */
    @Test
    void aNemesisScriptIsTheSchedule() {
        TestConfig.ScriptFile script = new TestConfig.ScriptFile(Path.of("faults.txt"), "repeat 10\n0 2 kill leader+1\n");
        TestConfig config = config().nemesisScript(script).timeLimit(Duration.ofSeconds(25)).build();

        assertThat(config.schedule().faults()).hasSize(3);
        assertThat(config.nemesis()).containsExactly(FaultKind.KILL);
        assertThat(String.join(" ", config.commandLine())).contains("--nemesis-script faults.txt").doesNotContain("--nemesis ");
        assertThat(config.describe()).containsEntry("nemesis-script", "faults.txt")
                .containsEntry("nemesis-script-text", script.text());
        assertThat(config().nemesis(Set.of(FaultKind.KILL)).build().schedule().faults())
                .as("without a script, the seeded random schedule").isNotEmpty();
    }

    /** Whatever a run was configured with, test.json gives it back: the same description, so the same run. */
    @Property(tries = 200)
    void aDescriptionGivesTheSameConfigurationBack(@ForAll long seed, @ForAll @IntRange(min = 2, max = 7) int nodes,
            @ForAll("workloads") String workload, @ForAll Set<FaultKind> kinds, @ForAll @IntRange(min = 1, max = 600_000) int timeLimitMillis,
            @ForAll @IntRange(min = 0, max = 2000) int rate, @ForAll boolean scripted, @ForAll @IntRange(min = 1, max = 9000) int timeoutMillis) {
        TestConfig.Builder builder = TestConfig.builder().target("raft").nodeCount(nodes).workload(workload).seed(seed)
                .nemesis(kinds).timeLimit(Duration.ofMillis(timeLimitMillis)).rate(rate / 10.0).bugs(List.of("stale-read"))
                .targetOptions(Map.of("election-ticks", "20")).workloadOptions(Map.of("read-percent", "30"))
                .requestTimeout(Duration.ofMillis(timeoutMillis)).nemesisInterval(Duration.ofMillis(2500))
                .nemesisTargets(List.of(TargetChoice.LEADER, TargetChoice.ALL)).checkers(List.of("linearizable"));
        if (scripted) {
            builder.nemesisScript(new TestConfig.ScriptFile(Path.of("s.txt"), "0 1 kill n1\n"));
        }
        TestConfig config = builder.build();

        TestConfig again = TestConfig.fromDescription(config.describe(), "test.json").build();

        assertThat(again.describe()).isEqualTo(config.describe());
    }

    @Provide
    Arbitrary<String> workloads() {
        return Arbitraries.of("register", "kv", "set", "append");
    }

    @Test
    void aDescriptionWithoutAFieldIsNamed() {
        Map<String, Object> described = new LinkedHashMap<>(config().build().describe());
        described.remove("seed");
        assertThatThrownBy(() -> TestConfig.fromDescription(described, "run/test.json"))
                .hasMessage("run/test.json: no seed");
        described.put("seed", "seven");
        assertThatThrownBy(() -> TestConfig.fromDescription(described, "run/test.json"))
                .hasMessage("run/test.json: seed has an unexpected value: seven");
    }
}
