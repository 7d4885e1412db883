package dev.faultline.target.raft;

import dev.faultline.target.TargetSettings;
import dev.faultline.target.TargetSpec;
import dev.faultline.target.common.PlantedBug;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.Protocol;
import dev.faultline.target.common.wire.Codec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code raft} target: {@link RaftCore} on the node shell, with its options and planted bugs. */
public final class RaftTarget implements Protocol<RaftMessage, RaftRecord> {
    static final String READS = "reads";
    static final String ELECTION_TICKS = "election-ticks";
    static final String HEARTBEAT_TICKS = "heartbeat-ticks";
    static final String SNAPSHOT_EVERY = "snapshot-every";
    static final String SNAPSHOT_CHUNK_BYTES = "snapshot-chunk-bytes";
    static final String MAX_INFLIGHT = "max-inflight";
    static final String MAX_APPEND_ENTRIES = "max-append-entries";
    static final String VOTERS = "voters";

    public static final TargetSpec SPEC = new TargetSpec(
            "raft",
            "A Raft key-value store (read, write, cas, add, append): pre-vote, check-quorum, pipelined replication, "
                    + "ReadIndex or lease reads, client sessions, snapshots with chunked InstallSnapshot, single-server "
                    + "membership change (write a list of voters to the key " + RaftCore.VOTERS_KEY + "). Followers answer "
                    + "not-leader with the leader's id.",
            PlantedBug.descriptions(Bug.class),
            options(),
            true,
            settings -> new RaftTarget(config(settings)));

    private final RaftConfig config;

    public RaftTarget(RaftConfig config) {
        this.config = config;
    }

    private static Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(READS, "read-index (default): confirm each batch of reads with a heartbeat round; lease: skip the round "
                + "while the leader's lease (3/4 of the shortest election timeout, on the monotonic clock) holds");
        options.put(ELECTION_TICKS, "shortest election timeout in ticks; each is drawn from [N, 2N) (default 50)");
        options.put(HEARTBEAT_TICKS, "ticks between heartbeats, below election-ticks (default 5)");
        options.put(SNAPSHOT_EVERY, "applied entries between two log compactions (default 10000)");
        options.put(SNAPSHOT_CHUNK_BYTES, "snapshot bytes per InstallSnapshot message (default 1048576)");
        options.put(MAX_INFLIGHT, "appends pipelined to one follower before waiting for answers (default 64)");
        options.put(MAX_APPEND_ENTRIES, "entries in one append (default 256; etcd's MaxSizePerMsg): small values make a lagging "
                + "follower catch up in many round trips");
        options.put(VOTERS, "the initial voters, comma-separated ids (default: every node of --peers); the others follow as non-voters");
        return options;
    }

    static RaftConfig config(TargetSettings settings) {
        RaftConfig defaults = RaftConfig.defaults();
        boolean lease = settings.picks(READS, ReadMode.READ_INDEX.optionValue(), ReadMode.LEASE.optionValue());
        int heartbeatTicks = (int) settings.longOption(HEARTBEAT_TICKS, defaults.heartbeatTicks(), 1, 10_000);
        int electionTicks = (int) settings.longOption(ELECTION_TICKS, defaults.electionTicksMin(), heartbeatTicks + 1, 100_000);
        String voters = settings.option(VOTERS, "");
        return RaftConfig.builder()
                .timeouts(heartbeatTicks, electionTicks)
                .readMode(lease ? ReadMode.LEASE : ReadMode.READ_INDEX)
                .inflightAppendsMax((int) settings.longOption(MAX_INFLIGHT, defaults.inflightAppendsMax(), 1, 4_096))
                .appendEntriesMax((int) settings.longOption(MAX_APPEND_ENTRIES, defaults.appendEntriesMax(), 1, 1_000_000))
                .snapshots(settings.longOption(SNAPSHOT_EVERY, defaults.snapshotEveryEntries(), 1, 1_000_000_000),
                        (int) settings.longOption(SNAPSHOT_CHUNK_BYTES, defaults.snapshotChunkBytes(), 1,
                                RaftConfig.SNAPSHOT_CHUNK_BYTES_MAX))
                .voters(voters.isBlank() ? List.of()
                        : Arrays.stream(voters.split(",")).map(String::trim).filter(voter -> !voter.isEmpty()).toList())
                .bugs(PlantedBug.chosen(Bug.class, settings.bugs()))
                .build();
    }

    public RaftConfig config() {
        return config;
    }

    @Override
    public Codec<RaftMessage> messageCodec() {
        return RaftCodecs.MESSAGES;
    }

    @Override
    public Codec<RaftRecord> recordCodec() {
        return RaftCodecs.RECORDS;
    }

    @Override
    public Core<RaftMessage, RaftRecord> start(CoreContext context, List<RaftRecord> recovered) {
        if (!context.nodes().containsAll(config.voters())) {
            throw new IllegalArgumentException("raft: voters " + config.voters() + " are not all among the nodes " + context.nodes());
        }
        return new RaftCore(context, config, recovered);
    }
}
