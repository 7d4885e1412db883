package dev.faultline.target.common.core;

import dev.faultline.target.common.kv.KvReply;
import java.util.Objects;

/** A core's answer to the {@link ClientRequest} with the same {@code requestId}. */
public record ClientReply(long requestId, KvReply reply) {
    public ClientReply {
        Objects.requireNonNull(reply, "reply");
    }
}
