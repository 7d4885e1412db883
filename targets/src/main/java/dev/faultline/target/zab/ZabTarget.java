package dev.faultline.target.zab;

import dev.faultline.target.TargetSpec;
import dev.faultline.target.common.PlantedBug;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.Protocol;
import dev.faultline.target.common.wire.Codec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code zab} target: ZooKeeper's atomic broadcast ({@link ZabCore}) serving the key-value protocol. */
public final class ZabTarget implements Protocol<ZabMessage, ZabRecord> {
    public static final TargetSpec SPEC = new TargetSpec(
            "zab",
            "ZooKeeper's atomic broadcast (fast leader election, discovery, DIFF/TRUNC/SNAP sync, broadcast) as a key-value store "
                    + "with ZooKeeper's semantics: linearizable writes, sequentially consistent local reads, sync-then-read "
                    + "linearizable. 3 or 5 voters; the last N nodes are observers with observers=N.",
            PlantedBug.descriptions(Bug.class),
            options(),
            settings -> new ZabTarget(ZabConfig.of(settings), ZabProbe.NONE));

    private final ZabConfig config;
    private final ZabProbe probe;

    ZabTarget(ZabConfig config, ZabProbe probe) {
        this.config = config;
        this.probe = probe;
    }

    private static Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(ZabConfig.READ, "local (default): reads served from the connected server's state, sequentially consistent, "
                + "as ZooKeeper does; sync: every read syncs with the leader first, linearizable");
        options.put(ZabConfig.OBSERVERS, "how many nodes, the last in node order, are observers that never vote (default 0)");
        options.put(ZabConfig.SNAPSHOT_EVERY, "delivered txns between two snapshots (default 10000); small values exercise SNAP sync");
        return options;
    }

    ZabConfig config() {
        return config;
    }

    @Override
    public Codec<ZabMessage> messageCodec() {
        return ZabMessageCodec.INSTANCE;
    }

    @Override
    public Codec<ZabRecord> recordCodec() {
        return ZabRecordCodec.INSTANCE;
    }

    @Override
    public Core<ZabMessage, ZabRecord> start(CoreContext context, List<ZabRecord> recovered) {
        if (config.observerCount() >= context.nodes().size()) {
            throw new IllegalArgumentException("target zab: option observers=" + config.observerCount() + " leaves no voter among "
                    + context.nodes().size() + " nodes");
        }
        return new ZabCore(context, config, probe, recovered);
    }
}
