package dev.faultline.target.common.wire;

/**
 * Turns one type into bytes and back, with {@link WireOutput} and {@link WireInput}. Every core
 * writes one for its messages and one for its durable records; the shell uses them for the peer
 * transport and the write-ahead log, and the simulator round-trips every message through one so
 * that no two simulated nodes ever share an object.
 *
 * <p>Contract: {@code decode(encode(x))} equals {@code x}, and {@code decode} consumes exactly the
 * bytes {@code encode} wrote. Both are pure.
 */
public interface Codec<T> {
    void encode(T value, WireOutput out);

    T decode(WireInput in);

    /** Encodes one value into a fresh array. */
    default byte[] toBytes(T value) {
        WireOutput out = new WireOutput(64);
        encode(value, out);
        return out.toByteArray();
    }

    /** Decodes one value that must fill {@code bytes} exactly. */
    default T fromBytes(byte[] bytes) {
        WireInput in = new WireInput(bytes);
        T value = decode(in);
        in.expectEnd();
        return value;
    }
}
