package dev.faultline.harness.remote;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * One SSH session to one host (jsch, the maintained fork): commands with their exit status and
 * output under a timeout, uploads over SFTP that skip a file the host already has (by SHA-256),
 * downloads, and local port forwards bound to 127.0.0.1. Thread-safe: jsch multiplexes channels
 * over the session, and each call opens its own channel.
 */
public final class SshRemote implements AutoCloseable {
    private static final int KEEPALIVE_INTERVAL_MILLIS = 10_000;
    private static final long POLL_MILLIS = 5;

    private final SshHost host;
    private final Session session;

    private SshRemote(SshHost host, Session session) {
        this.host = host;
        this.session = session;
    }

    /**
     * Connects and authenticates, checking the host's key against the known_hosts file.
     *
     * @throws RemoteException with one line naming the host and what went wrong: unreachable,
     *     unknown or changed host key, authentication refused, unusable private key
     */
    public static SshRemote connect(SshHost host, SshSettings settings) throws RemoteException {
        JSch jsch = new JSch();
        Session session;
        try {
            HostKeyRepository known = knownHosts(jsch, settings);
            identities(jsch, settings);
            session = jsch.getSession(host.user(), host.host(), host.port());
            session.setHostKeyRepository(settings.acceptNewHostKeys() ? new AcceptNewHostKeys(known) : known);
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            session.setServerAliveInterval(KEEPALIVE_INTERVAL_MILLIS);
        } catch (JSchException e) {
            throw new RemoteException(host + ": " + e.getMessage(), e);
        }
        try {
            session.connect((int) settings.connectTimeout().toMillis());
        } catch (JSchException e) {
            throw new RemoteException(whyNotConnected(host, settings, e), e);
        }
        return new SshRemote(host, session);
    }

    private static HostKeyRepository knownHosts(JSch jsch, SshSettings settings) throws JSchException, RemoteException {
        Path file = settings.knownHosts();
        if (settings.acceptNewHostKeys() && !Files.exists(file)) {
            try {
                // jsch only writes keys it accepts into a file that exists.
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.createFile(file);
            } catch (IOException e) {
                throw new RemoteException("cannot create the known_hosts file " + file + ": " + e.getMessage(), e);
            }
        }
        jsch.setKnownHosts(file.toString());
        return jsch.getHostKeyRepository();
    }

    private static void identities(JSch jsch, SshSettings settings) throws RemoteException {
        if (settings.privateKeys().isEmpty()) {
            if (settings.agentSocket() == null) {
                throw new RemoteException("no way to authenticate: pass --ssh-private-key, or run an ssh-agent (SSH_AUTH_SOCK)");
            }
            try {
                jsch.setIdentityRepository(new AgentIdentityRepository(new SSHAgentConnector(settings.agentSocket())));
            } catch (AgentProxyException e) {
                throw new RemoteException("the ssh-agent at " + settings.agentSocket() + " cannot be used: " + e.getMessage(), e);
            }
            return;
        }
        for (Path key : settings.privateKeys()) {
            try {
                jsch.addIdentity(key.toString());
            } catch (JSchException e) {
                throw new RemoteException("cannot use the private key " + key + ": " + e.getMessage(), e);
            }
        }
    }

    private static String whyNotConnected(SshHost host, SshSettings settings, JSchException e) {
        if (e instanceof JSchUnknownHostKeyException) {
            return host + ": its host key is not in " + settings.knownHosts() + " (add it, e.g. ssh-keyscan -p " + host.port()
                    + " " + host.host() + " >> " + settings.knownHosts() + ", or pass --ssh-accept-new)";
        }
        if (e instanceof JSchChangedHostKeyException) {
            return host + ": its host key does not match the one in " + settings.knownHosts()
                    + ": refusing to connect (if the host was reinstalled, remove the old key: ssh-keygen -R " + host.host() + ")";
        }
        Throwable cause = e.getCause();
        if (cause instanceof ConnectException || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException
                || cause instanceof SocketTimeoutException || String.valueOf(e.getMessage()).startsWith("timeout")) {
            return host + ": unreachable: " + (cause != null ? cause.toString() : e.getMessage());
        }
        if (String.valueOf(e.getMessage()).startsWith("Auth")) {
            return host + ": authentication refused for user " + host.user() + " with " + settings.credentials();
        }
        return host + ": ssh failed: " + e.getMessage();
    }

    public SshHost host() {
        return host;
    }

    /**
     * Runs a command through the remote user's shell and waits for it to finish.
     *
     * @throws RemoteException when the channel cannot be opened or the command runs past the timeout
     *     (the channel is closed then; the command itself may go on running on the host)
     */
    public ExecResult exec(String command, Duration timeout) throws RemoteException, InterruptedException {
        ChannelExec channel;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command);
            channel.setInputStream(InputStream.nullInputStream());
            channel.setOutputStream(out);
            channel.setErrStream(err);
            channel.connect((int) Math.max(1, timeout.toMillis()));
        } catch (JSchException e) {
            throw new RemoteException(host + ": cannot run a command: " + e.getMessage(), e);
        }
        try {
            while (!channel.isClosed()) {
                if (System.nanoTime() > deadline) {
                    throw new RemoteException(host + ": '" + command + "' did not finish within " + timeout.toMillis() + " ms");
                }
                Thread.sleep(POLL_MILLIS);
            }
            return new ExecResult(channel.getExitStatus(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            channel.disconnect();
        }
    }

    /** Runs a command that must succeed; its standard output. @throws RemoteException with its last line otherwise */
    public String run(String command, Duration timeout) throws RemoteException, InterruptedException {
        ExecResult result = exec(command, timeout);
        if (!result.succeeded()) {
            throw new RemoteException(host + ": '" + command + "' exited with " + result.exitStatus() + ": " + result.lastLine());
        }
        return result.stdout();
    }

    /**
     * Puts a file at {@code remotePath} unless the host has it already with the same SHA-256; a new
     * copy goes to a temporary name first and is renamed once its checksum matches, so a reader
     * never sees half a file and two uploads of the same file may race.
     *
     * @return whether the file was sent
     */
    public boolean upload(Path local, String remotePath, Duration timeout) throws IOException, InterruptedException {
        String checksum = sha256(local);
        if (checksum.equals(remoteSha256(remotePath, timeout))) {
            return false;
        }
        String temporary = remotePath + ".upload-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        run("mkdir -p " + Shell.quote(parent(remotePath)), timeout);
        ChannelSftp sftp = sftp();
        try {
            sftp.put(local.toString(), temporary);
        } catch (SftpException e) {
            throw new RemoteException(host + ": cannot upload " + local + " to " + temporary + ": " + e.getMessage(), e);
        } finally {
            sftp.disconnect();
        }
        if (!checksum.equals(remoteSha256(temporary, timeout))) {
            run("rm -f " + Shell.quote(temporary), timeout);
            throw new RemoteException(host + ": the upload of " + local + " arrived with another checksum");
        }
        run("mv -f " + Shell.quote(temporary) + " " + Shell.quote(remotePath), timeout);
        return true;
    }

    /** The remote file's SHA-256 in hex, or null when it does not exist. */
    private String remoteSha256(String remotePath, Duration timeout) throws RemoteException, InterruptedException {
        ExecResult result = exec("test -f " + Shell.quote(remotePath) + " && sha256sum " + Shell.quote(remotePath), timeout);
        return result.succeeded() ? result.stdout().strip().split("\\s+")[0] : null;
    }

    /** Writes text into a remote file, keeping the mode of a file that exists. */
    public void write(String text, String remotePath) throws RemoteException {
        ChannelSftp sftp = sftp();
        try {
            sftp.put(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), remotePath, ChannelSftp.OVERWRITE);
        } catch (SftpException e) {
            throw new RemoteException(host + ": cannot write " + remotePath + ": " + e.getMessage(), e);
        } finally {
            sftp.disconnect();
        }
    }

    /** Copies a remote file to a local one, replacing it. */
    public void download(String remotePath, Path local) throws RemoteException {
        ChannelSftp sftp = sftp();
        try {
            sftp.get(remotePath, local.toString());
        } catch (SftpException e) {
            throw new RemoteException(host + ": cannot download " + remotePath + ": " + e.getMessage(), e);
        } finally {
            sftp.disconnect();
        }
    }

    private ChannelSftp sftp() throws RemoteException {
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect();
            return sftp;
        } catch (JSchException e) {
            throw new RemoteException(host + ": no SFTP: " + e.getMessage(), e);
        }
    }

    /**
     * Forwards a free port on 127.0.0.1 here to {@code remoteHost:remotePort} as the host sees it
     * (its loopback included), for as long as the session lasts.
     *
     * @return the local end
     */
    public InetSocketAddress forward(String remoteHost, int remotePort) throws RemoteException {
        try {
            int local = session.setPortForwardingL(InetAddress.getLoopbackAddress().getHostAddress(), 0, remoteHost, remotePort);
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), local);
        } catch (JSchException e) {
            throw new RemoteException(host + ": cannot forward a local port to " + remoteHost + ":" + remotePort + ": " + e.getMessage(), e);
        }
    }

    /** Ends the session, and with it every forward. */
    @Override
    public void close() {
        session.disconnect();
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String parent(String remotePath) {
        int slash = remotePath.lastIndexOf('/');
        return slash > 0 ? remotePath.substring(0, slash) : slash == 0 ? "/" : ".";
    }
}
