package dev.faultline.target.common.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * The one framing used on every byte stream we own (peer links, the client protocol) and in the
 * write-ahead log: {@code [int length][int crc32c][payload]}. The checksum covers the length field
 * and the payload, so a torn or corrupted frame is detected whichever byte was damaged.
 *
 * <p>Writers build the frame in place: {@link #begin} reserves the header in a {@link WireOutput},
 * the payload is encoded after it, and {@link #finish} fills the header. The frame then goes out in
 * one write, so a reader never sees half a header from a healthy writer.
 */
public final class Frames {
    public static final int HEADER_BYTES = 8;
    /** Large enough for any message or record a core sends; cores chunk bigger snapshots. */
    public static final int MAX_PAYLOAD_BYTES = 16 << 20;

    private Frames() {}

    /** Reserves the header; returns the position to pass to {@link #finish}. */
    public static int begin(WireOutput out) {
        int start = out.size();
        out.writeLong(0);
        return start;
    }

    /** Fills in the header of the frame that starts at {@code start} and ends at the buffer's end. */
    public static void finish(WireOutput out, int start) {
        int length = out.size() - start - HEADER_BYTES;
        if (length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("frame of " + length + " bytes exceeds " + MAX_PAYLOAD_BYTES);
        }
        out.setInt(start, length);
        out.setInt(start + 4, checksum(out.array(), start, out.array(), start + HEADER_BYTES, length));
    }

    /** A complete frame around {@code payload}. */
    public static byte[] frame(byte[] payload) {
        WireOutput out = new WireOutput(payload.length + HEADER_BYTES);
        int start = begin(out);
        out.writeRaw(payload, 0, payload.length);
        finish(out, start);
        return out.toByteArray();
    }

    /** CRC32C over the four length bytes at {@code header[headerStart]} and then the payload. */
    static int checksum(byte[] header, int headerStart, byte[] payload, int payloadStart, int payloadLength) {
        CRC32C crc = new CRC32C();
        crc.update(header, headerStart, 4);
        crc.update(payload, payloadStart, payloadLength);
        return (int) crc.getValue();
    }

    /**
     * Reads one frame's payload. Returns null at a clean end of stream (no byte of a next frame);
     * throws {@link EOFException} when the stream ends inside a frame (a torn tail) and
     * {@link WireFormatException} when the length is impossible or the checksum does not match.
     */
    public static byte[] read(InputStream in) throws IOException {
        byte[] header = new byte[HEADER_BYTES];
        int first = in.read();
        if (first < 0) {
            return null;
        }
        header[0] = (byte) first;
        readFully(in, header, 1, HEADER_BYTES - 1);
        WireInput fields = new WireInput(header);
        int length = fields.readInt();
        int expected = fields.readInt();
        if (length < 0 || length > MAX_PAYLOAD_BYTES) {
            throw new WireFormatException("impossible frame length " + length);
        }
        byte[] payload = new byte[length];
        readFully(in, payload, 0, length);
        if (checksum(header, 0, payload, 0, length) != expected) {
            throw new WireFormatException("checksum mismatch in a frame of " + length + " bytes");
        }
        return payload;
    }

    private static void readFully(InputStream in, byte[] into, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int count = in.read(into, offset + done, length - done);
            if (count < 0) {
                throw new EOFException("stream ended " + done + " bytes into " + length);
            }
            done += count;
        }
    }
}
