package dev.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.nemesis.FaultKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command line a run prints to repeat itself ("reproduce with"), and the schedule a run follows. */
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
}
