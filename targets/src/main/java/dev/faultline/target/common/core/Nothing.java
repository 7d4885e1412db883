package dev.faultline.target.common.core;

import dev.faultline.target.common.wire.Codec;
import dev.faultline.target.common.wire.WireFormatException;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;

/**
 * The type with no values, for a core that sends no messages (a single-node target) or persists
 * no records ({@code Core<Nothing, R>}, {@code Core<M, Nothing>}).
 */
public enum Nothing {
    ;

    /** A codec that never encodes (there is nothing to encode) and refuses every byte it is given. */
    public static final Codec<Nothing> CODEC = new Codec<>() {
        @Override
        public void encode(Nothing value, WireOutput out) {
            throw new IllegalStateException("Nothing has no values");
        }

        @Override
        public Nothing decode(WireInput in) {
            throw new WireFormatException("this protocol has no messages or records of this kind");
        }
    };
}
