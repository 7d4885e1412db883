package dev.faultline.harness.local;

import java.util.List;
import java.util.Map;

/** Reading a comparison's compare.json in the integration tests of {@code faultline compare}. */
final class CompareJson {
    private CompareJson() {}

    /** The {@code number}-th system of the comparison, in the order of its --system options. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> system(Map<String, Object> comparison, int number) {
        return ((List<Map<String, Object>>) comparison.get("systems")).get(number);
    }

    /** A system's verdict of {@code model}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> modelVerdict(Map<String, Object> system, String model) {
        return ((List<Map<String, Object>>) system.get("verdicts")).stream().filter(verdict -> model.equals(verdict.get("model")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + model + " verdict in " + system));
    }
}
