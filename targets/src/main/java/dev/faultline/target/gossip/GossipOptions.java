package dev.faultline.target.gossip;

import dev.faultline.target.TargetSettings;
import dev.faultline.target.common.PlantedBug;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The gossip target's settings, from {@code --target-opt} and {@code --bug}, checked once.
 * N, W and R may depend on the cluster's size ({@code n=all}, majorities by default), so
 * {@link #quorums(int)} settles them when a core starts.
 *
 * @param replicas N, or 0 for every node
 * @param writeQuorum W, or 0 for a majority of N
 * @param readQuorum R, or 0 for a majority of N
 * @param versionVectors {@code resolve=vv}: siblings under version vectors; else last-writer-wins
 * @param readFromAll reads (and ABD's query phase) ask every home and use the first R replies
 *     (Dynamo); otherwise they ask R homes picked at random (Cassandra's consistency levels)
 * @param readRepair what a read does about stale replicas it heard from
 * @param handoff sloppy quorum with hinted handoff
 * @param abd ABD mode: reads write back to a quorum, writes query a quorum for the highest tag first
 * @param antiEntropyMillis node time between two anti-entropy rounds
 * @param rumorMillis node time between two rumor-mongering rounds; 0 turns rumor mongering off
 * @param rumorStopProbability the chance a node loses interest in a rumor each time a peer already knew it
 * @param hintMillis node time between two attempts to hand hints to their homes
 * @param handoffAfterMillis how long a write waits for a home's ack before handing its copy to a fallback
 * @param requestTimeoutMillis how long a coordinator waits for a quorum before giving up on a request
 * @param snapshotEveryRecords records between two snapshots of the whole state
 * @param bugs the planted bugs switched on
 */
record GossipOptions(
        int replicas,
        int writeQuorum,
        int readQuorum,
        boolean versionVectors,
        boolean readFromAll,
        ReadRepair readRepair,
        boolean handoff,
        boolean abd,
        long antiEntropyMillis,
        long rumorMillis,
        double rumorStopProbability,
        long hintMillis,
        long handoffAfterMillis,
        long requestTimeoutMillis,
        long snapshotEveryRecords,
        Set<Bug> bugs) {

    /** What a read does about stale replicas among those that answered. */
    enum ReadRepair {
        /** Nothing: only anti-entropy and rumors fix them. */
        OFF,
        /** Replies first, then sends the newest entry to every stale replica that answered (even late). */
        ASYNC,
        /** Sends the newest entry to the stale replicas among the first R and waits for their acks before replying. */
        SYNC
    }

    /** The planted bugs, each tested at one decision point. */
    enum Bug implements PlantedBug {
        /** {@link AntiEntropy#startRound}: rounds never start, so replicas missing mail stay behind. */
        NO_ANTI_ENTROPY("no-anti-entropy", "anti-entropy rounds never run: replicas that missed a write during a partition never catch up"),
        /** {@link Replica#hint}: a fallback acks a hinted write and throws it away. */
        DROP_HINTS("drop-hints", "a fallback acknowledges a hinted write, then discards it: sloppy-quorum writes are lost"),
        /** {@link Resolution}: a concurrent sibling is taken for an older version. */
        MERGE_LOSES_SIBLING("merge-loses-sibling", "with resolve=vv, a version concurrent with a local sibling is dropped on merge: replicas diverge and new writes vanish");

        private final String flag;
        private final String description;

        Bug(String flag, String description) {
            this.flag = flag;
            this.description = description;
        }

        @Override
        public String flag() {
            return flag;
        }

        @Override
        public String description() {
            return description;
        }
    }

    static final String N = "n";
    static final String W = "w";
    static final String R = "r";
    static final String RESOLVE = "resolve";
    static final String READ_FROM = "read-from";
    static final String READ_REPAIR = "read-repair";
    static final String HANDOFF = "handoff";
    static final String MODE = "mode";
    static final String ANTI_ENTROPY_MILLIS = "anti-entropy-millis";
    static final String RUMOR_MILLIS = "rumor-millis";
    static final String RUMOR_STOP = "rumor-stop";
    static final String HINT_MILLIS = "hint-millis";
    static final String HANDOFF_AFTER_MILLIS = "handoff-after-millis";
    static final String TIMEOUT_MILLIS = "timeout-millis";
    static final String SNAPSHOT_EVERY = "snapshot-every";

    private static final long MILLIS_MAX = 3_600_000;

    /** N, W and R for one cluster. */
    record Quorums(int replicas, int writeQuorum, int readQuorum) {
        /** W + R > N: every read quorum meets the quorum of every completed write. */
        boolean strict() {
            return writeQuorum + readQuorum > replicas;
        }
    }

    /** Option key to its one-line description (with the default), for {@code --help}. */
    static Map<String, String> descriptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(N, "replicas per key, N: an integer, or all (default all)");
        options.put(W, "acks a write waits for, W, in [1, N] (default a majority of N)");
        options.put(R, "replies a read waits for, R, in [1, N] (default a majority of N)");
        options.put(RESOLVE, "lww (default): last writer wins on (node clock, node id); vv: version vectors with siblings");
        options.put(READ_FROM, "all (default): reads ask every home and take the first R replies, the local copy first; "
                + "r: reads ask R homes picked at random, as Cassandra's consistency levels do");
        options.put(READ_REPAIR, "off (default), async (repair stale replicas after replying) or sync (repair, then reply)");
        options.put(HANDOFF, "off (default) or on: sloppy quorum, writes for unreachable homes go to fallbacks as hints");
        options.put(MODE, "quorum (default) or abd: reads write back to W replicas, writes first read the highest tag from R");
        options.put(ANTI_ENTROPY_MILLIS, "time between anti-entropy rounds with a random peer (default 500)");
        options.put(RUMOR_MILLIS, "time between rumor-mongering rounds; 0 turns rumors off (default 100)");
        options.put(RUMOR_STOP, "chance to stop spreading a rumor when a peer already knew it (default 0.25)");
        options.put(HINT_MILLIS, "time between attempts to hand hints to their homes (default 200)");
        options.put(HANDOFF_AFTER_MILLIS, "time a write waits for a home before writing a hint to a fallback (default 150)");
        options.put(TIMEOUT_MILLIS, "time a coordinator waits for W or R replies: writes then answer info, reads fail (default 1000)");
        options.put(SNAPSHOT_EVERY, "records between two snapshots of the whole state (default 10000)");
        return options;
    }

    static GossipOptions of(TargetSettings settings) {
        int replicas = settings.option(N, "all").equals("all") ? 0 : (int) settings.longOption(N, 0, 1, Stamp.NODES_MAX);
        int writeQuorum = (int) settings.longOption(W, 0, 1, Stamp.NODES_MAX);
        int readQuorum = (int) settings.longOption(R, 0, 1, Stamp.NODES_MAX);
        boolean versionVectors = settings.picks(RESOLVE, "lww", "vv");
        boolean readFromAll = !settings.picks(READ_FROM, "all", "r");
        ReadRepair readRepair = ReadRepair.valueOf(settings.choice(READ_REPAIR, "off", Set.of("off", "async", "sync"))
                .toUpperCase(Locale.ROOT));
        boolean handoff = settings.picks(HANDOFF, "off", "on");
        boolean abd = settings.picks(MODE, "quorum", "abd");
        if (abd && (versionVectors || handoff || readRepair != ReadRepair.OFF)) {
            throw new IllegalArgumentException("target gossip: mode=abd orders writes by its own tags and writes back "
                    + "on every read over strict quorums; it needs resolve=lww, handoff=off and read-repair=off");
        }
        Set<Bug> bugs = PlantedBug.chosen(Bug.class, settings.bugs());
        GossipOptions options = new GossipOptions(replicas, writeQuorum, readQuorum, versionVectors, readFromAll, readRepair, handoff, abd,
                settings.longOption(ANTI_ENTROPY_MILLIS, 500, 1, MILLIS_MAX),
                settings.longOption(RUMOR_MILLIS, 100, 0, MILLIS_MAX),
                settings.doubleOption(RUMOR_STOP, 0.25, 0, 1),
                settings.longOption(HINT_MILLIS, 200, 1, MILLIS_MAX),
                settings.longOption(HANDOFF_AFTER_MILLIS, 150, 1, MILLIS_MAX),
                settings.longOption(TIMEOUT_MILLIS, 1_000, 1, MILLIS_MAX),
                settings.longOption(SNAPSHOT_EVERY, 10_000, 1, 1_000_000_000), bugs);
        if (replicas > 0) {
            options.quorums(replicas);
        }
        return options;
    }

    GossipOptions {
        bugs = Set.copyOf(bugs);
        if (handoffAfterMillis >= requestTimeoutMillis && handoff) {
            throw new IllegalArgumentException("target gossip: handoff-after-millis (" + handoffAfterMillis
                    + ") must be below timeout-millis (" + requestTimeoutMillis + ")");
        }
    }

    boolean bug(Bug bug) {
        return bugs.contains(bug);
    }

    /**
     * N, W and R for a cluster of {@code clusterSize} nodes.
     *
     * @throws IllegalArgumentException when N exceeds the cluster or W or R exceeds N
     */
    Quorums quorums(int clusterSize) {
        int n = replicas == 0 ? clusterSize : replicas;
        if (n > clusterSize) {
            throw new IllegalArgumentException("target gossip: n=" + n + " exceeds the cluster's " + clusterSize + " nodes");
        }
        int majority = n / 2 + 1;
        int w = writeQuorum == 0 ? majority : writeQuorum;
        int r = readQuorum == 0 ? majority : readQuorum;
        if (w > n || r > n) {
            throw new IllegalArgumentException("target gossip: w=" + w + " and r=" + r + " must not exceed n=" + n);
        }
        return new Quorums(n, w, r);
    }
}
