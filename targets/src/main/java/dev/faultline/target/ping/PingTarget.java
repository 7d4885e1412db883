package dev.faultline.target.ping;

import dev.faultline.target.TargetSpec;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.Nothing;
import dev.faultline.target.common.core.Protocol;
import dev.faultline.target.common.wire.Codec;
import java.util.List;
import java.util.Map;

/** The {@code ping} target: {@link PingCore}, a diagnostic for cluster wiring and link faults. */
public final class PingTarget implements Protocol<Ping, Nothing> {
    static final String EVERY_TICKS = "every-ticks";

    public static final TargetSpec SPEC = new TargetSpec(
            "ping",
            "A diagnostic: each node pings every peer and reports what it received (counts, reordering, duplicates) and its clock in its status; serves no client operations.",
            Map.of(),
            Map.of(EVERY_TICKS, "ticks between two rounds of pings (default 1)"),
            settings -> new PingTarget(settings.longOption(EVERY_TICKS, 1, 1, 1_000_000)));

    private final long everyTicks;

    public PingTarget(long everyTicks) {
        this.everyTicks = everyTicks;
    }

    @Override
    public Codec<Ping> messageCodec() {
        return Ping.CODEC;
    }

    @Override
    public Codec<Nothing> recordCodec() {
        return Nothing.CODEC;
    }

    @Override
    public Core<Ping, Nothing> start(CoreContext context, List<Nothing> recovered) {
        return new PingCore(context.peers(), everyTicks);
    }
}
