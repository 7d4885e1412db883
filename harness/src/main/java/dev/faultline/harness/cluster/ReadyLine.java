package dev.faultline.harness.cluster;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line {@code faultline node} prints once every port is bound, as the node's host sees them:
 * {@code node ID ready target=T client=HOST:PORT agent=HOST:PORT ...}.
 */
public record ReadyLine(String node, InetSocketAddress client, InetSocketAddress agent) {
    private static final Pattern READY = Pattern.compile("node (\\S+) ready target=\\S+ client=(\\S+):(\\d+) agent=(\\S+):(\\d+) .*");

    /** The ready line in {@code line}, or empty when it is something else (or null). */
    public static Optional<ReadyLine> parse(String line) {
        Matcher match = READY.matcher(line == null ? "" : line.strip());
        if (!match.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ReadyLine(match.group(1), InetSocketAddress.createUnresolved(match.group(2), Integer.parseInt(match.group(3))),
                InetSocketAddress.createUnresolved(match.group(4), Integer.parseInt(match.group(5)))));
    }
}
