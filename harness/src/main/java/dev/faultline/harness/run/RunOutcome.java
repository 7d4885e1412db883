package dev.faultline.harness.run;

import dev.faultline.checker.Validity;
import dev.faultline.harness.store.RunDirectory;

/**
 * What a completed run left: its directory, the checked history and verdicts, and whether every
 * fault was healed.
 */
public record RunOutcome(TestConfig config, RunDirectory directory, Analysis.Result analysis, CheckerSelection checkers,
        boolean healed) {

    public Validity valid() {
        return analysis.valid();
    }
}
