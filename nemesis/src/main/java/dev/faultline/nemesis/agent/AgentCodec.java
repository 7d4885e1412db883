package dev.faultline.nemesis.agent;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;

/**
 * JSON Lines encoding of {@link AgentCall} and {@link AgentResponse}, used by both ends. Unknown
 * fields and unknown {@code op} names are errors, never ignored: a controller and a node built
 * from different versions must not half-apply a fault.
 */
public final class AgentCodec {
    /** The longest line either side accepts, so a stray client cannot make an agent buffer without end. */
    public static final int LINE_CHARS_MAX = 64 * 1024;

    /** Records carry their own fields; helpers such as {@code isNone()} are not part of the format. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);

    private AgentCodec() {}

    public static String writeCall(AgentCall call) {
        return write(call);
    }

    public static String writeResponse(AgentResponse response) {
        return write(response);
    }

    /** @throws IllegalArgumentException naming what is wrong with the line */
    public static AgentCall readCall(String line) {
        AgentCall call = read(line, AgentCall.class);
        if (call.request() == null) {
            throw new IllegalArgumentException("missing field \"request\"");
        }
        return call;
    }

    /** @throws IllegalArgumentException naming what is wrong with the line */
    public static AgentResponse readResponse(String line) {
        return read(line, AgentResponse.class);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value, e);
        }
    }

    private static <T> T read(String line, Class<T> type) {
        try {
            return JSON.readValue(line, type);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException invalid ? invalid : e;
            String message = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new IllegalArgumentException("bad agent " + type.getSimpleName() + ": " + message, e);
        }
    }

    /**
     * Reads one line without its terminator, or null at the end of the stream.
     *
     * @throws IOException when the line is longer than {@link #LINE_CHARS_MAX}
     */
    public static String readLine(Reader in) throws IOException {
        StringBuilder line = new StringBuilder(128);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return line.toString();
            }
            if (line.length() == LINE_CHARS_MAX) {
                throw new IOException("agent line longer than " + LINE_CHARS_MAX + " characters");
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }
}
