package dev.faultline.target.ping;

import dev.faultline.target.common.wire.Codec;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;

/** The ping target's only message: the sender's ping counter. */
public record Ping(long sequence) {
    public static final Codec<Ping> CODEC = new Codec<>() {
        @Override
        public void encode(Ping ping, WireOutput out) {
            out.writeLong(ping.sequence());
        }

        @Override
        public Ping decode(WireInput in) {
            return new Ping(in.readLong());
        }
    };
}
