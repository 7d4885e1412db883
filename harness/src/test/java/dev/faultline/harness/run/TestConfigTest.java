package dev.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The command line a run prints to repeat itself ("reproduce with"). */
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
}
