package dev.faultline.harness.remote;

import dev.faultline.harness.UserInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host to reach over SSH: {@code user@host:port}, the way a nodes file or the command line
 * names it ({@code [user@]host[:port]}, the user and port defaulting to the run's).
 */
public record SshHost(String user, String host, int port) {
    private static final Pattern SPEC = Pattern.compile("(?:([^@\\s]+)@)?([^@:\\s\\[\\]]+|\\[[0-9a-fA-F:.]+\\])(?::(\\d{1,5}))?");

    public SshHost {
        if (port < 1 || port > 65_535) {
            throw new UserInputException("ssh port out of range for " + host + ": " + port);
        }
    }

    /**
     * Reads {@code [user@]host[:port]}; an IPv6 address goes in brackets ({@code [::1]:2222}).
     *
     * @throws UserInputException naming the spec when it is not of that form
     */
    public static SshHost parse(String spec, String defaultUser, int defaultPort) {
        Matcher match = SPEC.matcher(spec.strip());
        if (!match.matches()) {
            throw new UserInputException("not a host of the form [user@]host[:port]: '" + spec.strip() + "'");
        }
        String host = match.group(2).startsWith("[") ? match.group(2).substring(1, match.group(2).length() - 1) : match.group(2);
        return new SshHost(match.group(1) != null ? match.group(1) : defaultUser, host,
                match.group(3) != null ? Integer.parseInt(match.group(3)) : defaultPort);
    }

    @Override
    public String toString() {
        return user + "@" + host + (port == 22 ? "" : ":" + port);
    }
}
