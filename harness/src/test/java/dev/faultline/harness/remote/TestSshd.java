package dev.faultline.harness.remote;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SSH server for tests (Apache MINA sshd) on 127.0.0.1: a generated RSA host key, public-key
 * login for the keys it is told to authorize, SFTP, local port forwarding, and an exec channel
 * that runs each command with {@code /bin/sh -c} on this machine, as the test's own user. So the
 * remote code runs real commands against a real SSH server without OpenSSH, root or other hosts.
 */
final class TestSshd implements AutoCloseable {
    static final String USER = "tester";

    private final SshServer server;
    private final KeyPair hostKey;
    private final Set<PublicKey> authorized = new CopyOnWriteArraySet<>();

    private TestSshd(SshServer server, KeyPair hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    static TestSshd start() throws IOException, GeneralSecurityException {
        KeyPair hostKey = rsaKeyPair();
        SshServer server = SshServer.setUpDefaultServer();
        TestSshd sshd = new TestSshd(server, hostKey);
        server.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user)
                && sshd.authorized.stream().anyMatch(known -> KeyUtils.compareKeys(known, key)));
        server.setCommandFactory((channel, command) -> new ProcessShellFactory(command, "/bin/sh", "-c", command).createShell(channel));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        server.start();
        return sshd;
    }

    static KeyPair rsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    void authorize(PublicKey key) {
        authorized.add(key);
    }

    int port() {
        return server.getPort();
    }

    SshHost host() {
        return new SshHost(USER, "127.0.0.1", port());
    }

    /** The known_hosts line for this server, or for another key under its name. */
    String knownHostsLine(PublicKey key) {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key);
    }

    String knownHostsLine() {
        return knownHostsLine(hostKey.getPublic());
    }

    /** Writes a known_hosts file holding this server's key. */
    Path knownHosts(Path file) throws IOException {
        Files.writeString(file, knownHostsLine() + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Writes an unencrypted OpenSSH private key file, as ssh-keygen would. */
    static Path writePrivateKey(KeyPair key, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", null, out);
        }
        return file;
    }

    /** Settings that log in with one key file and check host keys strictly against {@code knownHosts}. */
    static SshSettings settings(Path key, Path knownHosts) {
        return new SshSettings(List.of(key), null, knownHosts, false, Duration.ofSeconds(10));
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
