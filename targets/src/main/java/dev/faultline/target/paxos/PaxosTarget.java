package dev.faultline.target.paxos;

import dev.faultline.target.TargetSpec;
import dev.faultline.target.common.PlantedBug;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.Protocol;
import dev.faultline.target.common.wire.Codec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code paxos} target: a Multi-Paxos key-value store ({@link PaxosCore}) on the node shell. */
public final class PaxosTarget implements Protocol<PaxosMessage, PaxosRecord> {
    public static final TargetSpec SPEC = new TargetSpec(
            "paxos",
            "Multi-Paxos key-value store: every node an acceptor and learner, a stable leader elected by ballots that runs "
                    + "phase 1 once and then phase 2 per slot; reads through the log or, with read-lease=on, under a lease.",
            PlantedBug.descriptions(PaxosBug.class),
            options(),
            settings -> new PaxosTarget(PaxosConfig.of(settings)));

    private final PaxosConfig config;

    public PaxosTarget(PaxosConfig config) {
        this.config = config;
    }

    private static Map<String, String> options() {
        PaxosConfig defaults = PaxosConfig.defaults();
        Map<String, String> options = new LinkedHashMap<>();
        options.put(PaxosConfig.READ_LEASE, "on: the leader answers reads alone while it holds a lease on its monotonic clock; "
                + "off (default): every read goes through the log");
        options.put(PaxosConfig.HEARTBEAT, "leader heartbeat and retransmission interval (default "
                + defaults.heartbeatIntervalMillis() + ")");
        options.put(PaxosConfig.ELECTION_TIMEOUT, "least time without a leader before a node campaigns; waits are drawn from "
                + "[t, 2t) (default " + defaults.electionTimeoutMillis() + ", at least 6 heartbeats)");
        options.put(PaxosConfig.LEASE_RATIO, "with read-lease=on: the largest ratio between two nodes' clock rates the lease "
                + "survives, in percent; the lease lasts election-timeout * 100 / this (default "
                + Math.round(defaults.clockRateRatioMax() * 100) + ")");
        options.put(PaxosConfig.SNAPSHOT_EVERY, "executed slots between two snapshots (default " + defaults.snapshotEverySlots() + ")");
        options.put(PaxosConfig.INFLIGHT_MAX, "slots a leader may have proposed and not yet chosen before it answers overloaded "
                + "(default " + defaults.inflightSlotsMax() + ")");
        return options;
    }

    public PaxosConfig config() {
        return config;
    }

    @Override
    public Codec<PaxosMessage> messageCodec() {
        return PaxosMessage.CODEC;
    }

    @Override
    public Codec<PaxosRecord> recordCodec() {
        return PaxosRecord.CODEC;
    }

    @Override
    public Core<PaxosMessage, PaxosRecord> start(CoreContext context, List<PaxosRecord> recovered) {
        return new PaxosCore(context, config, recovered);
    }
}
