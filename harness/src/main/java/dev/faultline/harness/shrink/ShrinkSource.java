package dev.faultline.harness.shrink;

import dev.faultline.harness.UserInputException;
import dev.faultline.harness.run.TestConfig;
import dev.faultline.harness.store.JsonFiles;
import dev.faultline.harness.store.JsonLines;
import dev.faultline.harness.store.RunDirectory;
import dev.faultline.harness.zookeeper.ZooKeeperTarget;
import dev.faultline.nemesis.schedule.ScriptWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The failing run a shrink starts from: its configuration ({@code test.json}), the checkers that
 * found it invalid ({@code results.json}) and the faults it applied ({@code faults.jsonl}); and
 * the configuration of each candidate, which is the run's own with the nemesis replaced by a
 * script of some of those faults (or by none) and, possibly, a shorter main phase.
 *
 * @param failingCheckers the checkers whose verdict was invalid: a candidate fails when one of them finds it invalid again
 */
record ShrinkSource(RunDirectory run, Map<String, Object> test, TestConfig original, Set<String> failingCheckers,
        RecordedFaults faults) {

    /**
     * Reads a run directory.
     *
     * @throws UserInputException naming what makes it no failing run of faults this command can replay
     */
    static ShrinkSource read(Path directory) throws IOException {
        RunDirectory run = new RunDirectory(directory);
        if (!Files.isRegularFile(run.testJson())) {
            throw new UserInputException(directory + " is not a run directory: it has no test.json");
        }
        if (!Files.isRegularFile(run.results())) {
            throw new UserInputException(directory + " has no results.json: the run was not checked (faultline analyze "
                    + directory + " checks it)");
        }
        Map<String, Object> test = JsonFiles.readMap(run.testJson());
        TestConfig original;
        try {
            original = TestConfig.fromDescription(test, run.testJson().toString()).build();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        if (original.target().equals(ZooKeeperTarget.NAME)) {
            throw new UserInputException(directory + " is a zookeeper run: faultline shrink replays faultline node targets only");
        }
        Set<String> failing = failingCheckers(JsonFiles.readMap(run.results()));
        if (failing.isEmpty()) {
            throw new UserInputException(directory + " did not fail: no checker found it invalid, so there is nothing to shrink");
        }
        List<Map<String, Object>> lines = Files.isRegularFile(run.faults()) ? JsonLines.read(run.faults()) : List.of();
        RecordedFaults faults = RecordedFaults.read(lines, original.schedule(), original.timeLimit().toNanos());
        if (faults.applied().isEmpty()) {
            throw new UserInputException(directory + " applied no fault" + (faults.leftOut().isEmpty() ? "" : " that worked")
                    + ": there is nothing to shrink (its failure needs no fault)");
        }
        return new ShrinkSource(run, test, original, failing, faults);
    }

    private static Set<String> failingCheckers(Map<String, Object> results) {
        Set<String> failing = new LinkedHashSet<>();
        if (results.get("checkers") instanceof List<?> verdicts) {
            for (Object verdict : verdicts) {
                if (verdict instanceof Map<?, ?> fields && Boolean.FALSE.equals(fields.get("valid"))) {
                    failing.add(String.valueOf(fields.get("checker")));
                }
            }
        }
        return failing;
    }

    /**
     * The run's configuration with only {@code kept} faults, as the nemesis script {@code script}
     * (written there by this method), or with no nemesis when {@code kept} is empty.
     *
     * @param name the test name, which decides the candidate's directory in the store
     * @param header comment lines at the top of the script
     */
    TestConfig candidate(List<RecordedFault> kept, Duration timeLimit, String name, Path script, List<String> header,
            Path store) throws IOException {
        TestConfig.Builder builder = TestConfig.fromDescription(test, run.testJson().toString()).name(name)
                .timeLimit(timeLimit).store(store).nemesisScript(null);
        if (kept.isEmpty()) {
            builder.nemesis(Set.of());
        } else {
            String text = ScriptWriter.write(header, kept.stream().map(RecordedFault::entry).toList(), original.nodes());
            Files.createDirectories(script.getParent());
            Files.writeString(script, text);
            builder.nemesisScript(new TestConfig.ScriptFile(script, text));
        }
        return builder.build();
    }

    /** True when one of the checkers that found the run invalid found this attempt invalid too. */
    boolean failedAgain(Shrinker.Attempt attempt) {
        return attempt.invalidCheckers().stream().anyMatch(failingCheckers::contains);
    }

    /** The ids of the faults, in order, for the record. */
    static List<Long> ids(List<RecordedFault> faults) {
        List<Long> ids = new ArrayList<>();
        faults.forEach(fault -> ids.add((long) fault.id()));
        return ids;
    }
}
