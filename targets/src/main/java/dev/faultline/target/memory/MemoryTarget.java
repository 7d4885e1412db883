package dev.faultline.target.memory;

import dev.faultline.target.TargetSpec;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.Nothing;
import dev.faultline.target.common.core.Protocol;
import dev.faultline.target.common.wire.Codec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code memory} target: {@link MemoryCore} on the node shell. */
public final class MemoryTarget implements Protocol<Nothing, MemoryRecord> {
    public static final TargetSpec SPEC = new TargetSpec(
            "memory",
            "A single-node in-memory key-value store (read, write, cas, add, append); linearizable; ignores peers. The harness's trivial target.",
            bugs(),
            options(),
            settings -> new MemoryTarget(MemoryOptions.of(settings)));

    private final MemoryOptions options;

    MemoryTarget(MemoryOptions options) {
        this.options = options;
    }

    private static Map<String, String> bugs() {
        Map<String, String> bugs = new LinkedHashMap<>();
        bugs.put(MemoryOptions.ACK_BEFORE_FSYNC, "acknowledges writes before they are fsynced: power loss loses acknowledged writes");
        bugs.put(MemoryOptions.STALE_READ, "reads return the value a key held before its latest change");
        return bugs;
    }

    private static Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(MemoryOptions.DURABILITY, "fsync (default): persist every change and fsync before replying; none: keep nothing across restarts");
        options.put(MemoryOptions.SNAPSHOT_EVERY, "records between two snapshots of the whole store (default 10000)");
        return options;
    }

    @Override
    public Codec<Nothing> messageCodec() {
        return Nothing.CODEC;
    }

    @Override
    public Codec<MemoryRecord> recordCodec() {
        return MemoryRecord.CODEC;
    }

    @Override
    public Core<Nothing, MemoryRecord> start(CoreContext context, List<MemoryRecord> recovered) {
        return new MemoryCore(context.nodeId(), options, recovered);
    }
}
