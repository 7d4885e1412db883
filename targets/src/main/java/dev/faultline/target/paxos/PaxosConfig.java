package dev.faultline.target.paxos;

import dev.faultline.target.TargetSettings;
import dev.faultline.target.common.PlantedBug;
import java.util.EnumSet;
import java.util.Set;

/**
 * The limits and timings of one Paxos node, validated once (etcd raft's {@code Config}).
 *
 * @param heartbeatIntervalMillis how often a leader tells its followers it is alive (and what is
 *     chosen), and retransmits accepts and prepares that got no answer
 * @param electionTimeoutMillis the least time without a leader before a node campaigns; each wait
 *     is drawn from {@code [t, 2t)} so that two proposers rarely duel twice; a leader that has
 *     not heard a majority for {@code 4t} steps down. With the read lease on, also how long an
 *     acceptor refuses other proposers after hearing a live leader
 * @param readLease whether a leader answers reads from its own state while it holds a lease
 *     instead of ordering them through the log
 * @param clockRateRatioMax the largest ratio between two nodes' monotonic clock rates the lease
 *     tolerates: the leader's lease lasts {@code electionTimeout / ratio} from the heartbeat a
 *     majority acknowledged, so it ends before any acceptor stops refusing others even when the
 *     leader's clock runs that much slower than theirs
 * @param snapshotEverySlots executed slots between two snapshots (log compaction)
 * @param batchSlotsMax the most slots in one accept or learn message
 * @param inflightSlotsMax the most slots a leader has proposed and not yet seen chosen; beyond
 *     it, client requests are refused as {@code overloaded}
 * @param bugs the planted bugs switched on
 */
public record PaxosConfig(
        long heartbeatIntervalMillis,
        long electionTimeoutMillis,
        boolean readLease,
        double clockRateRatioMax,
        long snapshotEverySlots,
        int batchSlotsMax,
        int inflightSlotsMax,
        Set<PaxosBug> bugs) {

    static final String HEARTBEAT = "heartbeat-millis";
    static final String ELECTION_TIMEOUT = "election-timeout-millis";
    static final String READ_LEASE = "read-lease";
    static final String SNAPSHOT_EVERY = "snapshot-every";
    static final String INFLIGHT_MAX = "inflight-max";
    static final String LEASE_RATIO = "lease-clock-ratio-percent";

    public PaxosConfig {
        bugs = bugs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(bugs));
        if (heartbeatIntervalMillis <= 0 || electionTimeoutMillis < 2 * heartbeatIntervalMillis) {
            throw new IllegalArgumentException("need heartbeatIntervalMillis > 0 and electionTimeoutMillis >= 2 heartbeats, was "
                    + heartbeatIntervalMillis + " and " + electionTimeoutMillis);
        }
        if (!(clockRateRatioMax >= 1 && clockRateRatioMax <= 100)) {
            throw new IllegalArgumentException("clockRateRatioMax must be in [1, 100], was " + clockRateRatioMax);
        }
        if (snapshotEverySlots < 1 || batchSlotsMax < 1 || inflightSlotsMax < 1) {
            throw new IllegalArgumentException("snapshotEverySlots, batchSlotsMax and inflightSlotsMax must be positive");
        }
        if (bugs.contains(PaxosBug.LEASE_WALLCLOCK) && !readLease) {
            throw new IllegalArgumentException("the lease-wallclock bug needs the read lease on");
        }
    }

    /**
     * 50 ms heartbeats, 300 ms election timeout, no lease (when on: tolerating clock rates 2.5
     * times apart, so a lease of 120 ms; the harness's clock nemesis runs a node's clock between
     * half and twice real time), snapshots every 1,000 slots.
     */
    public static PaxosConfig defaults() {
        return new PaxosConfig(50, 300, false, 2.5, 1_000, 256, 4_096, Set.of());
    }

    static PaxosConfig of(TargetSettings settings) {
        Set<PaxosBug> bugs = PlantedBug.chosen(PaxosBug.class, settings.bugs());
        PaxosConfig defaults = defaults();
        boolean lease = settings.picks(READ_LEASE, "off", "on")
                || bugs.contains(PaxosBug.LEASE_WALLCLOCK);
        long heartbeat = settings.longOption(HEARTBEAT, defaults.heartbeatIntervalMillis(), 1, 60_000);
        long election = settings.longOption(ELECTION_TIMEOUT, Math.max(defaults.electionTimeoutMillis(), 6 * heartbeat),
                2 * heartbeat, 600_000);
        double ratio = settings.longOption(LEASE_RATIO, Math.round(defaults.clockRateRatioMax() * 100), 100, 10_000) / 100.0;
        return new PaxosConfig(heartbeat, election, lease, ratio,
                settings.longOption(SNAPSHOT_EVERY, defaults.snapshotEverySlots(), 1, 1_000_000_000),
                defaults.batchSlotsMax(),
                (int) settings.longOption(INFLIGHT_MAX, defaults.inflightSlotsMax(), 1, 1_000_000), bugs);
    }

    public PaxosConfig withBugs(Set<PaxosBug> planted) {
        return new PaxosConfig(heartbeatIntervalMillis, electionTimeoutMillis,
                readLease || planted.contains(PaxosBug.LEASE_WALLCLOCK), clockRateRatioMax, snapshotEverySlots,
                batchSlotsMax, inflightSlotsMax, planted);
    }

    public PaxosConfig withReadLease(boolean on) {
        return new PaxosConfig(heartbeatIntervalMillis, electionTimeoutMillis, on, clockRateRatioMax, snapshotEverySlots,
                batchSlotsMax, inflightSlotsMax, bugs);
    }

    public PaxosConfig withSnapshotEverySlots(long slots) {
        return new PaxosConfig(heartbeatIntervalMillis, electionTimeoutMillis, readLease, clockRateRatioMax, slots,
                batchSlotsMax, inflightSlotsMax, bugs);
    }

    public boolean has(PaxosBug bug) {
        return bugs.contains(bug);
    }

    /**
     * Whether the core asserts the protocol's own promises (one value per slot, execution never
     * ahead of the chosen prefix). A planted bug breaks them on purpose, and the point of planting
     * it is to see whether the harness notices, so with any bug on only the structural checks stay.
     */
    public boolean strictInvariants() {
        return bugs.isEmpty();
    }

    long heartbeatIntervalNanos() {
        return heartbeatIntervalMillis * 1_000_000L;
    }

    long electionTimeoutNanos() {
        return electionTimeoutMillis * 1_000_000L;
    }

    /**
     * How long a leader goes on without hearing a majority before it steps down: four election
     * timeouts, well past the time the other nodes take to elect a successor. The step-down is a
     * liveness measure (clients stop waiting on a cut-off leader); safety never depends on it, and
     * the lease alone decides whether a leader may read locally, so a wrong lease shows while the
     * old leader still believes in itself; a leader whose lease holds does not step down.
     */
    long leaderQuorumTimeoutNanos() {
        return 4 * electionTimeoutNanos();
    }

    /** How long a leader's lease lasts after the heartbeat a majority acknowledged (see {@link #clockRateRatioMax}). */
    long leaseNanos() {
        return (long) (electionTimeoutNanos() / clockRateRatioMax);
    }
}
