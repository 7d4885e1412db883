package dev.faultline.harness.run;

import dev.faultline.harness.RunFailedException;
import dev.faultline.harness.cli.VersionProvider;
import dev.faultline.harness.cluster.Cluster;
import dev.faultline.harness.cluster.ClusterLauncher;
import dev.faultline.harness.cluster.ClusterStartException;
import dev.faultline.harness.generator.Generator;
import dev.faultline.harness.generator.Generators;
import dev.faultline.harness.generator.Scheduler;
import dev.faultline.harness.store.JsonFiles;
import dev.faultline.harness.store.RunDirectory;
import dev.faultline.harness.store.Store;
import dev.faultline.harness.workload.FinalReads;
import dev.faultline.harness.workload.Workload;
import dev.faultline.nemesis.ValidatingNemesis;
import dev.faultline.nemesis.schedule.FaultSchedule;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run, start to finish (Jepsen's {@code core/run!}):
 *
 * <ol>
 *   <li>choose the checkers and draw the fault schedule (errors here cost nothing);
 *   <li>create the run directory and write {@code test.json};
 *   <li>start the cluster; start the workers, the progress line and the nemesis;
 *   <li>main phase: the workload's operations at the configured rate until the time limit,
 *       recorded to {@code history.jsonl} as they happen;
 *   <li>heal every fault — always, also when the run fails or is aborted;
 *   <li>final phase: wait for quiescence, then read every key on every node ({@code final: true});
 *   <li>collect the node logs, stop the cluster, point {@code store/latest} at the run;
 *   <li>check the history read back from disk and write {@code results.json}.
 * </ol>
 *
 * A run that fails half-way still leaves its history, fault log and node logs; the failure is
 * rethrown as a {@link RunFailedException} naming the directory.
 */
public final class TestRunner {
    private static final Logger log = LoggerFactory.getLogger(TestRunner.class);
    /** Attempts of each final read, and the pause between them. */
    private static final int FINAL_READ_ATTEMPTS = 10;
    private static final Duration FINAL_READ_RETRY = Duration.ofMillis(200);

    private final TestConfig config;
    private final ClusterLauncher launcher;
    private final CheckerSource checkerSource;
    private final PrintWriter console;
    private final Duration progressInterval;
    private final AtomicBoolean aborted = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * @param console where the start line, the progress lines and warnings go
     * @param progressInterval how often the progress line is printed
     */
    public TestRunner(TestConfig config, ClusterLauncher launcher, CheckerSource checkerSource, PrintWriter console,
            Duration progressInterval) {
        this.config = config;
        this.launcher = launcher;
        this.checkerSource = checkerSource;
        this.console = console;
        this.progressInterval = progressInterval;
    }

    /**
     * Asks the run to stop early (Ctrl-C): no new operations, then the heal, the teardown and the
     * check of what was recorded.
     */
    public void abort() {
        aborted.set(true);
    }

    /** Waits until the run, its heal and its teardown are over; for a shutdown hook. */
    public boolean awaitFinished(Duration max) throws InterruptedException {
        return finished.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs the test and checks it. */
    public RunOutcome run() throws IOException, InterruptedException {
        try {
            Workload workload = config.createWorkload();
            CheckerSelection selection = CheckerSelection.choose(config.checkers(), workload.name(), workload.checkers(),
                    workload.checkerOptions(), checkerSource);
            Recording recording = record(workload, selection);
            Analysis.Result analysis = Analysis.check(recording.directory(), selection.checkers(), config.checkTimeLimit());
            recording.testJson().put("valid", analysis.valid().wireName());
            JsonFiles.writeMap(recording.directory().testJson(), recording.testJson());
            return new RunOutcome(config, recording.directory(), analysis, selection, recording.healed());
        } finally {
            finished.countDown();
        }
    }

    /**
     * Runs the test and stores it without checking it: for the harness benchmark, which measures
     * how fast the harness drives and records operations.
     */
    public Recording record() throws IOException, InterruptedException {
        try {
            return record(config.createWorkload(), new CheckerSelection(List.of(), List.of()));
        } finally {
            finished.countDown();
        }
    }

    /**
     * A stored, unchecked run.
     *
     * @param healed true when every heal succeeded
     * @param testJson the content of {@code test.json}, to complete after the check
     */
    public record Recording(RunDirectory directory, boolean healed, Map<String, Object> testJson) {}

    private Recording record(Workload workload, CheckerSelection selection) throws IOException, InterruptedException {
        FaultSchedule schedule = config.schedule();
        Store store = new Store(config.store());
        RunDirectory directory = store.create(config.name(), LocalDateTime.now());
        Map<String, Object> testJson = testJson(selection, schedule);
        JsonFiles.writeMap(directory.testJson(), testJson);
        console.printf("faultline: %s, seed %d, checkers %s%s%n", directory.path(), config.seed(),
                selection.checkers().isEmpty() ? "none" : String.join(",", selection.names()),
                selection.missing().isEmpty() ? "" : " (not in this build: " + String.join(",", selection.missing()) + ")");
        console.flush();

        boolean healed;
        try {
            healed = drive(workload, schedule, directory);
        } catch (Exception | Error e) {
            testJson.put("outcome", "failed: " + message(e));
            testJson.put("end-time", OffsetDateTime.now().toString());
            writeQuietly(directory, testJson);
            markLatest(store, directory);
            String what = e instanceof ClusterStartException ? "the target could not start: " : "the run failed: ";
            throw new RunFailedException(what + message(e) + "; what it recorded is in " + directory.path(), e,
                    directory.path());
        }
        markLatest(store, directory);
        if (!healed) {
            console.println("faultline: warning: some faults could not be healed (see faults.jsonl)");
        }
        testJson.put("outcome", aborted.get() ? "aborted" : "completed");
        testJson.put("healed", healed);
        testJson.put("end-time", OffsetDateTime.now().toString());
        JsonFiles.writeMap(directory.testJson(), testJson);
        return new Recording(directory, healed, testJson);
    }

    /** Starts the cluster, runs both phases, heals and tears down. @return true when every heal succeeded */
    @SuppressWarnings("try") // The status poller only has to run, and stop, with the history.
    private boolean drive(Workload workload, FaultSchedule schedule, RunDirectory directory) throws Exception {
        RunClock clock = new RunClock();
        Cluster cluster = launcher.start(config.nodes(), directory.path());
        try (HistoryRecorder history = new HistoryRecorder(directory.history(), clock);
                FaultLog faults = new FaultLog(directory.faults());
                StatusPoller statuses = StatusPoller.start(cluster, clock, directory.nodes())) {
            ValidatingNemesis nemesis = new ValidatingNemesis(cluster.nemesis());
            nemesis.requireSupported(schedule.kinds());
            NemesisDriver driver = new NemesisDriver(schedule, nemesis, cluster, clock, history, faults);
            boolean healed = false;
            try (WorkerPool workers = new WorkerPool(config.nodes(), config.concurrency(), cluster.clients(), history, clock,
                    config.requestTimeout());
                    Progress progress = new Progress(console, clock, history, driver::inForce, config.timeLimit(),
                            progressInterval)) {
                progress.start();
                Scheduler scheduler = new Scheduler(mainPhase(workload), config.concurrency());
                Interpreter interpreter = new Interpreter(scheduler, workers, clock);
                progress.phase("main");
                try {
                    driver.start();
                    interpreter.run(aborted::get);
                } finally {
                    driver.stop();
                    progress.phase("heal");
                    healed = driver.healEverything();
                }
                if (!aborted.get()) {
                    cluster.awaitQuiescence(config.quiescence());
                    progress.phase("final");
                    scheduler.continueWith(finalPhase(workload, history));
                    interpreter.run(aborted::get);
                }
                progress.print();
            } finally {
                if (!healed) {
                    driver.healEverything();
                }
            }
            return healed;
        } finally {
            try {
                cluster.collectLogs(directory.nodes());
            } catch (Exception e) {
                console.println("faultline: warning: could not collect the node logs: " + message(e));
            }
            cluster.close();
        }
    }

    private Generator mainPhase(Workload workload) {
        Generator operations = workload.generator(config.concurrency(), config.seedFor("workload"));
        if (config.rate() > 0) {
            operations = Generators.rate(config.rate(), operations, config.seedFor("rate"));
        }
        return Generators.timeLimit(config.timeLimit().toNanos(), operations);
    }

    /** One thread per node: thread k is bound to node k. */
    private Generator finalPhase(Workload workload, HistoryRecorder history) {
        List<Integer> threadForNode = IntStream.range(0, config.nodeCount()).boxed().toList();
        List<Object> keys = workload.keyed() ? history.keys() : Collections.singletonList(null);
        return Generators.timeLimit(config.finalPhaseLimit().toNanos(),
                FinalReads.of(threadForNode, keys, FINAL_READ_ATTEMPTS, FINAL_READ_RETRY.toNanos()));
    }

    private Map<String, Object> testJson(CheckerSelection selection, FaultSchedule schedule) {
        Map<String, Object> fields = new LinkedHashMap<>(config.describe());
        fields.put("checkers", selection.names());
        fields.put("checker-options", new LinkedHashMap<>(config.createWorkload().checkerOptions().asMap()));
        fields.put("faults-scheduled", (long) schedule.faults().size());
        fields.put("faultline-version", VersionProvider.version());
        fields.put("git-commit", VersionProvider.commit());
        fields.put("command", String.join(" ", config.commandLine()));
        fields.put("start-time", OffsetDateTime.now().toString());
        return fields;
    }

    private void writeQuietly(RunDirectory directory, Map<String, Object> testJson) {
        try {
            JsonFiles.writeMap(directory.testJson(), testJson);
        } catch (IOException e) {
            log.warn("cannot update {}: {}", directory.testJson(), e.toString());
        }
    }

    private void markLatest(Store store, RunDirectory directory) {
        try {
            store.markLatest(directory);
        } catch (IOException | UnsupportedOperationException e) {
            console.println("faultline: warning: cannot point " + store.root().resolve("latest") + " at the run: " + e);
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
