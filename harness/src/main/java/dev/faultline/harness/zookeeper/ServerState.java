package dev.faultline.harness.zookeeper;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.zookeeper.client.FourLetterWordMain;

/**
 * What a ZooKeeper server says of itself in answer to the {@code srvr} four-letter word: its mode
 * (leader, follower, observer, standalone) and the last zxid it applied, whose high 32 bits are the
 * epoch and low 32 bits the counter within it. A server that has no quorum answers that it is not
 * serving, which counts as no state.
 */
record ServerState(String mode, long zxid) {
    private static final Pattern MODE = Pattern.compile("(?m)^Mode: (\\S+)");
    private static final Pattern ZXID = Pattern.compile("(?m)^Zxid: 0x([0-9a-fA-F]+)");

    long epoch() {
        return zxid >>> 32;
    }

    long counter() {
        return zxid & 0xffff_ffffL;
    }

    boolean isLeader() {
        return "leader".equals(mode);
    }

    /** Parses a {@code srvr} answer; empty for one without a mode (not serving). */
    static Optional<ServerState> parse(String srvr) {
        Matcher mode = MODE.matcher(srvr);
        Matcher zxid = ZXID.matcher(srvr);
        if (!mode.find() || !zxid.find()) {
            return Optional.empty();
        }
        return Optional.of(new ServerState(mode.group(1), Long.parseUnsignedLong(zxid.group(1), 16)));
    }

    /** Asks the server on 127.0.0.1:{@code clientPort}; empty when it does not answer in time. */
    static Optional<ServerState> ask(int clientPort, int timeoutMillis) {
        try {
            return parse(FourLetterWordMain.send4LetterWord("127.0.0.1", clientPort, "srvr", false, timeoutMillis));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
