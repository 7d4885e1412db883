package dev.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.checker.Checker;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.Validity;
import dev.faultline.harness.RunFailedException;
import dev.faultline.harness.cluster.ClusterStartException;
import dev.faultline.harness.fake.AtomStore;
import dev.faultline.harness.fake.FakeCluster;
import dev.faultline.harness.fake.StaleReadChecker;
import dev.faultline.harness.fake.StaleReadStore;
import dev.faultline.harness.store.JsonFiles;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.io.Histories;
import dev.faultline.nemesis.FaultKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs against the in-process fake cluster (Jepsen's atom-db): the store a run leaves, the
 * verdict of a correct and of a broken store, faults applied and healed, timeouts, the watchdog,
 * and runs that fail or are aborted half-way. Each run lasts about two seconds.
 */
@Timeout(60)
class TestRunnerTest {
    @TempDir
    Path dir;

    private final StringWriter console = new StringWriter();
    private final AtomicReference<FakeCluster> cluster = new AtomicReference<>();

    /** The test oracle as the only checker. */
    private static final CheckerSource STALE_READ = new CheckerSource() {
        @Override
        public Set<String> names() {
            return Set.of("stale-read");
        }

        @Override
        public Optional<Checker> create(String name, CheckerOptions options) {
            return name.equals("stale-read") ? Optional.of(new StaleReadChecker()) : Optional.empty();
        }
    };

    private TestConfig.Builder config() {
        return TestConfig.builder().target("fake").nodeCount(3).concurrency(6).rate(2000)
                .timeLimit(Duration.ofMillis(1500)).seed(42).checkers(List.of("stale-read"))
                .requestTimeout(Duration.ofMillis(200)).quiescence(Duration.ZERO).store(dir.resolve("store"))
                .argv(List.of("test", "--target", "fake"));
    }

    private RunOutcome run(TestConfig config, AtomStore store) throws Exception {
        return runner(config, store).run();
    }

    private TestRunner runner(TestConfig config, AtomStore store) {
        return new TestRunner(config, (nodes, runDirectory) -> {
            cluster.set(new FakeCluster(nodes, store));
            return cluster.get();
        }, STALE_READ, new PrintWriter(console, true), Duration.ofMillis(500));
    }

    private static List<Op> nemesisOps(History history) {
        return history.ops().stream().filter(Op::isNemesis).toList();
    }

    @Test
    void aCorrectStorePassesAndLeavesTheWholeStore() throws Exception {
        RunOutcome outcome = run(config().nemesis(EnumSet.allOf(FaultKind.class)).nemesisInterval(Duration.ofMillis(200))
                .build(), new AtomStore());

        assertThat(outcome.valid()).isEqualTo(Validity.TRUE);
        assertThat(outcome.healed()).isTrue();
        Path run = outcome.directory().path();
        assertThat(run.getParent()).isEqualTo(dir.resolve("store/fake-register"));
        assertThat(Files.readSymbolicLink(dir.resolve("store/latest"))).isEqualTo(Path.of("fake-register", run.getFileName().toString()));
        assertThat(run.resolve("nodes/n2/fake.log")).exists();

        Map<String, Object> test = JsonFiles.readMap(run.resolve("test.json"));
        assertThat(test).containsEntry("seed", 42L).containsEntry("outcome", "completed").containsEntry("valid", "true")
                .containsEntry("argv", List.of("test", "--target", "fake")).containsKeys("faultline-version", "git-commit");
        assertThat((String) test.get("command")).contains("--seed 42").contains("--nemesis partition,kill,pause,clock,power-loss,link");

        History history = Histories.read(run.resolve("history.jsonl"));
        assertThat(history.warnings()).isEmpty();
        assertThat(history.operations().stream().filter(operation -> operation.isOk()).count()).isGreaterThan(100);
        assertThat(history.ops()).filteredOn(Op::isClient).allMatch(op -> op.node() != null);

        List<Op> finalReads = history.ops().stream().filter(op -> op.finalRead() && op.type() == OpType.OK).toList();
        assertThat(finalReads).extracting(Op::node).containsExactlyInAnyOrder("n1", "n2", "n3");
        long lastNemesis = nemesisOps(history).get(nemesisOps(history).size() - 1).timeNanos();
        assertThat(finalReads).allMatch(op -> op.timeNanos() > lastNemesis);

        assertThat(cluster.get().isClosed()).isTrue();
        assertThat(cluster.get().healthy()).isTrue();
        assertThat(cluster.get().openClients()).isZero();
        assertThat(console.toString()).contains("seed 42").containsPattern("\\[ +\\d+ s / 1 s\\] (main|heal|final)");
    }

    @Test
    void everyFaultIsRecordedInBothLogsOnOneClockAndHealed() throws Exception {
        RunOutcome outcome = run(config().nemesis(EnumSet.of(FaultKind.KILL, FaultKind.PARTITION, FaultKind.CLOCK))
                .nemesisInterval(Duration.ofMillis(150)).build(), new AtomStore());
        History history = outcome.analysis().history();
        List<Op> nemesis = nemesisOps(history);
        List<String> faultLines = Files.readAllLines(outcome.directory().faults());

        assertThat(nemesis).isNotEmpty().hasSize(faultLines.size());
        assertThat(nemesis.get(nemesis.size() - 1).f()).isEqualTo("heal-all");
        for (int i = 0; i < nemesis.size(); i++) {
            assertThat(faultLines.get(i)).startsWith("{\"time\":" + nemesis.get(i).timeNanos() + ",");
        }
        Map<Object, List<String>> byFault = nemesis.stream().filter(op -> !op.f().equals("heal-all"))
                .collect(Collectors.groupingBy(op -> ((Map<?, ?>) op.value()).get("fault"),
                        Collectors.mapping(Op::f, Collectors.toList())));
        assertThat(byFault.values()).allSatisfy(fs -> {
            assertThat(fs).hasSize(2);
            assertThat(fs.get(0)).startsWith("start-");
            assertThat(fs.get(1)).isEqualTo("stop-" + fs.get(0).substring("start-".length()));
        });
        assertThat(cluster.get().nemesisCalls()).last().isEqualTo("heal all");
    }

    @Test
    void aStoreWithStaleReadsFailsTheCheck() throws Exception {
        RunOutcome outcome = run(config().build(), new StaleReadStore(50_000_000L));
        assertThat(outcome.valid()).isEqualTo(Validity.FALSE);
        assertThat(outcome.analysis().verdicts().get(0).anomalies()).isNotEmpty();
        assertThat(JsonFiles.readMap(outcome.directory().results())).containsEntry("valid", false);
    }

    @Test
    void aPausedNodeTimesOutAsInfoAndItsThreadsContinueAsNewProcesses() throws Exception {
        RunOutcome outcome = run(config().nodeCount(1).concurrency(2).nemesis(EnumSet.of(FaultKind.PAUSE))
                .nemesisInterval(Duration.ofMillis(500)).build(), new AtomStore());
        History history = outcome.analysis().history();
        assertThat(history.operations()).anyMatch(operation -> operation.isInfo()
                && "timeout".equals(operation.complete().error()));
        assertThat(history.ops()).anyMatch(op -> op.process() >= 2);
        assertThat(outcome.valid()).isEqualTo(Validity.TRUE);
    }

    @Test
    void theWatchdogRecordsInfoForAClientThatNeverReturns() throws Exception {
        TestRunner runner = new TestRunner(config().timeLimit(Duration.ofMillis(1000)).finalPhaseLimit(Duration.ofMillis(300)).build(),
                (nodes, runDirectory) -> {
            cluster.set(new FakeCluster(nodes, new AtomStore()).hang("n2"));
            return cluster.get();
        }, STALE_READ, new PrintWriter(console, true), Duration.ofSeconds(10));
        RunOutcome outcome = runner.run();
        List<Op> cutOff = outcome.analysis().history().ops().stream()
                .filter(op -> op.type() == OpType.INFO && String.valueOf(op.error()).startsWith("timeout: the client did not return"))
                .toList();
        assertThat(cutOff).isNotEmpty().allMatch(op -> op.node().equals("n2"));
        assertThat(outcome.analysis().history().warnings()).isEmpty();
    }

    @Test
    void kvFinalReadsReadEveryKeyOnEveryNode() throws Exception {
        RunOutcome outcome = run(config().workload("kv").workloadOptions(Map.of("ops-per-key", "20"))
                .timeLimit(Duration.ofMillis(500)).build(), new AtomStore());
        History history = outcome.analysis().history();
        Set<Object> keys = history.ops().stream().filter(op -> !op.finalRead() && op.isClient()).map(Op::key)
                .collect(Collectors.toSet());
        Set<String> finalReads = history.ops().stream().filter(op -> op.finalRead() && op.type() == OpType.OK)
                .map(op -> op.node() + "/" + op.key()).collect(Collectors.toSet());
        assertThat(keys).hasSizeGreaterThan(5);
        assertThat(finalReads).hasSize(keys.size() * 3);
    }

    @Test
    void aRunThatFailsHalfWayKeepsItsHistoryAndHealsEveryFault() throws Exception {
        TestRunner runner = new TestRunner(config().nemesis(EnumSet.of(FaultKind.KILL)).nemesisInterval(Duration.ofMillis(200))
                .build(), (nodes, runDirectory) -> {
                    cluster.set(new FakeCluster(nodes, new AtomStore()).failQuiescence(new IllegalStateException("the cluster broke")));
                    return cluster.get();
                }, STALE_READ, new PrintWriter(console, true), Duration.ofSeconds(10));

        assertThatThrownBy(runner::run).isInstanceOf(RunFailedException.class)
                .hasMessageStartingWith("the run failed: the cluster broke; what it recorded is in ");
        Path run = Files.readSymbolicLink(dir.resolve("store/latest"));
        Path runDir = dir.resolve("store").resolve(run);
        assertThat(Histories.read(runDir.resolve("history.jsonl")).size()).isGreaterThan(100);
        assertThat(JsonFiles.readMap(runDir.resolve("test.json"))).containsEntry("outcome", "failed: the cluster broke");
        assertThat(cluster.get().nemesisCalls()).contains("heal all");
        assertThat(cluster.get().healthy()).isTrue();
        assertThat(cluster.get().isClosed()).isTrue();
    }

    @Test
    void anAbortedRunStopsEarlyHealsAndIsStillChecked() throws Exception {
        TestRunner runner = runner(config().timeLimit(Duration.ofSeconds(50)).nemesis(EnumSet.of(FaultKind.PAUSE))
                .nemesisInterval(Duration.ofMillis(100)).build(), new AtomStore());
        Thread abort = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                return;
            }
            runner.abort();
        });
        abort.start();
        long start = System.nanoTime();
        RunOutcome outcome = runner.run();
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(20).toNanos());
        assertThat(runner.awaitFinished(Duration.ZERO)).isTrue();
        assertThat(outcome.valid()).isEqualTo(Validity.TRUE);
        assertThat(JsonFiles.readMap(outcome.directory().testJson())).containsEntry("outcome", "aborted");
        assertThat(cluster.get().healthy()).isTrue();
    }

    @Test
    void aTargetThatCannotStartIsAClearFailure() {
        TestRunner runner = new TestRunner(config().build(), (nodes, runDirectory) -> {
            throw new ClusterStartException("n1 exited with status 3 before it was healthy");
        }, STALE_READ, new PrintWriter(console, true), Duration.ofSeconds(10));
        assertThatThrownBy(runner::run).isInstanceOf(RunFailedException.class)
                .hasMessageStartingWith("the target could not start: n1 exited with status 3 before it was healthy; what it recorded is in");
    }

    @Test
    void aMissingCheckerIsAnErrorBeforeTheClusterStarts() {
        TestRunner named = new TestRunner(config().checkers(List.of("linearizable")).build(), (nodes, runDirectory) -> {
            throw new AssertionError("must not start");
        }, STALE_READ, new PrintWriter(console, true), Duration.ofSeconds(10));
        assertThatThrownBy(named::run).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checker linearizable is not in this build (available: stale-read)");

        TestRunner defaults = new TestRunner(config().checkers(List.of()).build(), (nodes, runDirectory) -> {
            throw new AssertionError("must not start");
        }, STALE_READ, new PrintWriter(console, true), Duration.ofSeconds(10));
        assertThatThrownBy(defaults::run).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no checker for the register workload is in this build: it needs linearizable"
                        + " (available: stale-read); name one with --checker");
        assertThat(dir.resolve("store")).doesNotExist();
    }
}
