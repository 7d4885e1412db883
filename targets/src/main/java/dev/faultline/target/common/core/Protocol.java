package dev.faultline.target.common.core;

import dev.faultline.target.common.wire.Codec;
import java.util.List;

/**
 * A configured protocol (its bugs and options already chosen): how to encode its messages and
 * records, and how to start a core from what survived on disk. The shell and the simulator need
 * nothing else.
 */
public interface Protocol<M, R> {
    Codec<M> messageCodec();

    Codec<R> recordCodec();

    /**
     * Starts a core.
     *
     * @param recovered the durable records in the order they were persisted; when a snapshot was
     *     taken, the list starts with that snapshot and holds only what was persisted after it.
     *     Empty on a first start.
     */
    Core<M, R> start(CoreContext context, List<R> recovered);
}
