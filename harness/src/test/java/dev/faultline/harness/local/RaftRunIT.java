package dev.faultline.harness.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.cli.CommandRun;
import dev.faultline.harness.run.TestConfig;
import dev.faultline.history.History;
import dev.faultline.history.OpType;
import dev.faultline.history.io.Histories;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.TargetChoice;
import dev.faultline.nemesis.schedule.FaultSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Goal: issues 4 and 5 end to end for the raft target. {@code faultline test} against three real
 * {@code faultline node raft} processes finds no anomaly in the correct build while partitions,
 * kills, pauses and clock faults hit it, and fails the run (exit 1, a witness in results.json)
 * for each planted bug that a short run exposes.
 *
 * <p>Method: the CLI in this JVM; fixed seeds whose fault schedules (deterministic, checked first
 * so that a change to the schedule fails here instead of letting a bug test pass without its
 * fault) hold what each bug needs; afterwards no child process of this JVM may be alive. Each bug
 * run uses the nemesis and workload that expose it (docs/benchmarks.md, Raft, "End-to-end runs",
 * says why and how reliably; vote-not-persisted needs the sequence of a nemesis script,
 * docs/nemesis-scripts/raft-vote-twice.txt, and commit-old-term that of raft-figure8.txt).
 *
 * <p>Cost: six runs of 8 to 20 s, one of 50 s and one of 95 s, each plus about 10 s of start,
 * final reads and check: 113 to 140 s measured on the shared 2-core machine under load averages of
 * 10-20 before the 50 s run was added, which costs about 60 s more, and the 95 s one about 108 s,
 * when every bug is caught by its first run (each may take up to three). Failsafe runs this class
 * beside another one, so the build's wall time grows by about half of that.
 */
@Timeout(300)
class RaftRunIT extends LocalRunTest {
    RaftRunIT() {
        super("raft", 3);
    }

    /**
     * The faults of a three-node run's schedule, each as its plan's description plus
     * {@code startSeconds}: what the runs below rely on, drawn exactly as {@code faultline test} draws it.
     */
    private static List<Map<String, Object>> schedule(Set<FaultKind> kinds, double intervalSeconds, double timeLimitSeconds,
            List<TargetChoice> targets, long seed) {
        TestConfig config = TestConfig.builder().target("raft").nodeCount(3).nemesis(kinds)
                .nemesisInterval(Duration.ofMillis((long) (intervalSeconds * 1000)))
                .timeLimit(Duration.ofMillis((long) (timeLimitSeconds * 1000))).nemesisTargets(targets).seed(seed).build();
        return FaultSchedule.plan(config.scheduleConfig(), config.seedFor("nemesis")).faults().stream().map(fault -> {
            Map<String, Object> described = new LinkedHashMap<>(fault.plan().describe());
            described.put("startSeconds", fault.startNanos() / 1e9);
            described.put("window", (long) fault.window());
            return (Map<String, Object>) described;
        }).toList();
    }

    @Test
    void theCorrectBuildStaysLinearizableUnderPartitionsKillsPausesAndClockFaults() throws Exception {
        Set<FaultKind> kinds = EnumSet.of(FaultKind.PARTITION, FaultKind.KILL, FaultKind.PAUSE, FaultKind.CLOCK);
        long seed = 3;
        assertThat(schedule(kinds, 2, 20, List.of(TargetChoice.values()), seed).stream().map(fault -> fault.get("kind")))
                .as("seed %d's schedule", seed).contains("partition", "kill", "pause", "clock");

        CommandRun run = test("--nemesis", "partition,kill,pause,clock", "--nemesis-interval", "2", "--time-limit", "20",
                "--seed", Long.toString(seed));

        assertThat(run.exitCode()).as("%s%n%s", run.out(), run.err()).isZero();
        History history = Histories.read(latest().resolve("history.jsonl"));
        assertThat(history.operations().stream().filter(operation -> operation.isOk()).count()).as("ok operations")
                .isGreaterThan(300);
        assertThat(history.ops().stream().filter(op -> op.finalRead() && op.type() == OpType.OK).count())
                .as("a final read through every node, all ok").isEqualTo(3);
        List<String> faults = Files.readAllLines(latest().resolve("faults.jsonl"));
        assertThat(faults).noneMatch(line -> line.contains("\"error\""));
        assertThat(faults.stream().filter(line -> line.contains("\"action\":\"start\"")).count())
                .isEqualTo(faults.stream().filter(line -> line.contains("\"action\":\"heal\"")).count());
    }

    /** Followers answer reads from their own state, which lags the leader's by a round trip. */
    @Test
    void staleReadIsCaught() throws Exception {
        caughtWithin(3, "linearizable", "--bug", "stale-read", "--nemesis", "partition,pause", "--time-limit", "8",
                "--seed", "1");
    }

    /**
     * Acknowledged writes that no node synced are lost when the whole cluster loses power (a cut of
     * a minority loses nothing: a surviving node has the writes and wins the next election). The
     * set workload's final reads show every lost add.
     */
    @Test
    void noFsyncIsCaughtByAPowerCutOfTheWholeCluster() throws Exception {
        long seed = 1;
        assertThat(schedule(EnumSet.of(FaultKind.POWER_LOSS), 3, 10, List.of(TargetChoice.ALL), seed))
                .as("seed %d's schedule", seed).isNotEmpty();
        CommandRun run = caughtWithin(3, "convergence", "--workload", "set", "--bug", "no-fsync", "--nemesis",
                "power-loss", "--nemesis-targets", "all", "--nemesis-interval", "3", "--time-limit", "10",
                "--seed", Long.toString(seed));
        assertThat(run.out()).contains("lost: the acknowledged add of");
    }

    /**
     * After the whole cluster restarts, no node knows the commit index; without the no-op the new
     * leader serves ReadIndex reads at index 0 until a client write commits in its term.
     */
    @Test
    void skipNoopIsCaughtAfterAWholeClusterRestart() throws Exception {
        long seed = 1;
        assertThat(schedule(EnumSet.of(FaultKind.KILL), 3, 20, List.of(TargetChoice.ALL), seed))
                .as("seed %d's schedule", seed).anyMatch(fault -> (double) fault.get("startSeconds") < 5);
        caughtWithin(3, "linearizable", "--bug", "skip-noop", "--nemesis", "kill", "--nemesis-targets", "all",
                "--nemesis-interval", "3", "--time-limit", "20", "--seed", Long.toString(seed));
    }

    /**
     * Killing the leader leaves appends that followers stored but whose answer never came: the
     * client resends them (same session and sequence) to the next leader, which commits the first
     * copy with its no-op and, without sessions, applies the second too. Twelve clients as fast as
     * the cluster goes keep appends in flight whenever a kill comes (at 300 operations per second
     * about one kill in three found one, and a run of three kills sometimes none).
     */
    @Test
    void noDedupIsCaughtWhenTheLeaderIsKilled() throws Exception {
        long seed = 1;
        assertThat(schedule(EnumSet.of(FaultKind.KILL), 3, 15, List.of(TargetChoice.LEADER), seed))
                .as("seed %d's schedule", seed).hasSizeGreaterThanOrEqualTo(2);
        CommandRun run = caughtWithin(3, "causal", "--workload", "append", "--bug", "no-dedup", "--nemesis", "kill",
                "--nemesis-targets", "leader", "--nemesis-interval", "3", "--time-limit", "15", "--concurrency", "12",
                "--rate", "1000", "--seed", Long.toString(seed));
        assertThat(run.out()).contains("DuplicateElements");
    }

    /**
     * The leader is cut off, then its wall clock is set ten seconds back: trusting its lease, it keeps
     * leading and serving reads while the other two elect a leader and take writes. A client
     * bound to the old leader that sends it a write waits until the write times out, since that
     * leader can no longer commit it; with the default 5 s timeout every such client is stuck within
     * half a second, before the new leader's first write (the run missed this way at load 15), so
     * the clients give up after 500 ms, and most operations are reads.
     */
    @Test
    void leaseWallclockIsCaughtWhenTheIsolatedLeadersClockGoesBack() throws Exception {
        long seed = 59;
        List<Map<String, Object>> schedule = schedule(EnumSet.of(FaultKind.PARTITION, FaultKind.CLOCK), 3, 14,
                List.of(TargetChoice.LEADER), seed);
        assertThat(schedule).as("seed %d's schedule", seed)
                .anyMatch(fault -> "isolate-leader".equals(fault.get("shape")) && (long) fault.get("window") == 1)
                .anyMatch(fault -> "bump".equals(fault.get("change")) && (long) fault.get("deltaMillis") < -5_000
                        && (long) fault.get("window") == 1);
        caughtWithin(3, "linearizable", "--bug", "lease-wallclock", "--nemesis", "partition,clock", "--nemesis-targets",
                "leader", "--nemesis-interval", "3", "--time-limit", "14", "--concurrency", "15", "--rate", "150",
                "--workload-opt", "read-percent=90", "--request-timeout", "500", "--seed", Long.toString(seed));
    }

    /**
     * A restarted voter forgets its vote: the script makes it vote for one candidate, cuts it off
     * from that candidate before the candidate's delayed no-op reaches it, restarts it, and lets the
     * old leader ask it in the same term. Both candidates then lead that term, each committing
     * through the voter, and their clients read different values. Election timeouts of 5-10 s leave
     * room for a restart between the two votes; the script's first 15 s let the first leader win.
     */
    @Test
    void voteNotPersistedIsCaughtWhenARestartedVoterVotesTwiceInOneTerm() throws Exception {
        Path script = Path.of("..", "docs", "nemesis-scripts", "raft-vote-twice.txt").toAbsolutePath().normalize();
        assertThat(script).as("the script, read from the checkout").isRegularFile();
        caughtWithin(3, "linearizable", "--bug", "vote-not-persisted", "--nemesis-script", script.toString(),
                "--target-opt", "election-ticks=500", "--time-limit", "50", "--seed", "1");
    }

    /**
     * Figure 8 of the Raft paper, made visible to clients: leaders that commit an earlier term's
     * entries by counting raise a follower's commit index over entries the next leader lacks; that
     * leader counts the follower's commit-index answers for its own adds and acknowledges adds only
     * it holds, which the leader after it never had, so the final reads miss them. The script's
     * five elections take about 65 s; caught by 3 of 3 runs recorded in docs/benchmarks.md, and the
     * correct build stayed valid in 3 of 3 with the same script.
     */
    @Test
    @Timeout(360) // up to three runs of about 108 s
    void commitOldTermIsCaughtByTheScriptedFigure8() throws Exception {
        Path script = Path.of("..", "docs", "nemesis-scripts", "raft-figure8.txt").toAbsolutePath().normalize();
        assertThat(script).as("the script, read from the checkout").isRegularFile();
        caughtWithin(3, "convergence", "--workload", "set", "--bug", "commit-old-term", "--nemesis-script",
                script.toString(), "--request-timeout", "1000", "--target-opt", "election-ticks=500", "--target-opt",
                "max-append-entries=4", "--target-opt", "max-inflight=1", "--time-limit", "95", "--seed", "1");
    }
}
