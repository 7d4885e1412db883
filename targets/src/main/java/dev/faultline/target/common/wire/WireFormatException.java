package dev.faultline.target.common.wire;

/**
 * Bytes that do not decode: a truncated buffer, an unknown tag, a checksum mismatch. Unchecked, so
 * that a core's {@link Codec#decode} needs no {@code throws} clause; the shell catches it at the
 * connection or file boundary and drops the frame (or the torn tail) that caused it.
 */
public final class WireFormatException extends RuntimeException {
    public WireFormatException(String message) {
        super(message);
    }
}
