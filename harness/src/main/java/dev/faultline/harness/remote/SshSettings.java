package dev.faultline.harness.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the controller authenticates to its hosts and checks theirs.
 *
 * @param privateKeys OpenSSH private keys (ed25519 or RSA) to offer; when empty, the ssh-agent
 *     at {@code agentSocket} is asked instead
 * @param agentSocket the ssh-agent's socket ({@code SSH_AUTH_SOCK}), or null for none
 * @param knownHosts the known_hosts file host keys are checked against
 * @param acceptNewHostKeys like OpenSSH's {@code StrictHostKeyChecking=accept-new}: a host not in
 *     {@code knownHosts} is trusted on first use and added; a host whose key changed is still refused
 * @param connectTimeout how long to wait for a host to answer and authenticate
 */
public record SshSettings(List<Path> privateKeys, Path agentSocket, Path knownHosts, boolean acceptNewHostKeys,
        Duration connectTimeout) {
    public SshSettings {
        privateKeys = List.copyOf(privateKeys);
    }

    /** What authentication offers, for an error message. */
    String credentials() {
        return privateKeys.isEmpty() ? "the ssh-agent" + (agentSocket != null ? " at " + agentSocket : " (none: SSH_AUTH_SOCK is not set)")
                : "key " + String.join(", ", privateKeys.stream().map(Path::toString).toList());
    }
}
