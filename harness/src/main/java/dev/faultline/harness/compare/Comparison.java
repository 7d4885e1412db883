package dev.faultline.harness.compare;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished comparison: the settings every run shared, the ladder, each system's result and the
 * expectations judged on them.
 *
 * @param command the command line that repeats the comparison, seed included
 * @param settings the shared settings of every run (workload, faults, pace, seed), as canonical values
 */
public record Comparison(String command, Map<String, Object> settings, ModelLadder ladder, List<SystemResult> systems,
        List<Expectation> expectations) {

    public Comparison {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        systems = List.copyOf(systems);
        expectations = List.copyOf(expectations);
    }

    /** The result of the system with that label. */
    public SystemResult system(String label) {
        return systems.stream().filter(result -> result.system().label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no system labelled " + label));
    }

    /** Each expectation's outcome, in the order given. */
    public Map<Expectation, Expectation.Outcome> judged() {
        Map<Expectation, Expectation.Outcome> judged = new LinkedHashMap<>();
        for (Expectation expectation : expectations) {
            judged.put(expectation, expectation.judge(system(expectation.label())));
        }
        return judged;
    }

    public boolean anyExpectation(Expectation.Outcome outcome) {
        return judged().containsValue(outcome);
    }

    /** True when some system's run could not be made or checked. */
    public boolean anyRunFailed() {
        return systems.stream().anyMatch(SystemResult::hasFailed);
    }
}
