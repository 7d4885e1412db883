package dev.faultline.target.gossip;

import dev.faultline.target.TargetSpec;
import dev.faultline.target.common.PlantedBug;
import dev.faultline.target.common.core.Core;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.Protocol;
import dev.faultline.target.common.wire.Codec;
import dev.faultline.target.gossip.GossipOptions.Bug;
import java.util.List;

/** The {@code gossip} target: {@link GossipCore}, a Dynamo-style AP store, on the node shell. */
public final class GossipTarget implements Protocol<GossipMessage, GossipRecord> {
    public static final TargetSpec SPEC = new TargetSpec(
            "gossip",
            "A Dynamo-style AP store: any node coordinates; N replicas per key, W write acks, R read replies; "
                    + "last-writer-wins or version vectors; a grow-only set CRDT (add); direct mail, rumor mongering "
                    + "and anti-entropy; optional hinted handoff, read repair and ABD mode. cas is refused.",
            PlantedBug.descriptions(GossipOptions.Bug.class),
            GossipOptions.descriptions(),
            settings -> new GossipTarget(GossipOptions.of(settings)));

    private final GossipOptions options;

    GossipTarget(GossipOptions options) {
        this.options = options;
    }

    @Override
    public Codec<GossipMessage> messageCodec() {
        return GossipMessage.CODEC;
    }

    @Override
    public Codec<GossipRecord> recordCodec() {
        return GossipRecord.CODEC;
    }

    @Override
    public Core<GossipMessage, GossipRecord> start(CoreContext context, List<GossipRecord> recovered) {
        return new GossipCore(context, options, recovered);
    }
}
