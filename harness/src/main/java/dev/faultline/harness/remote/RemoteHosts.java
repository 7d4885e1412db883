package dev.faultline.harness.remote;

import dev.faultline.harness.UserInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SSH sessions of a run, one per distinct host, opened and checked before anything is started
 * on any host: every host reachable, its key known, the user let in, and a Java 17 or newer on the
 * PATH of a non-interactive shell. A host that fails any of that ends the run before it begins,
 * with one line naming the host and the problem, and no session left open.
 */
public final class RemoteHosts implements AutoCloseable {
    static final int JAVA_VERSION_MIN = 17;
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern JAVA_VERSION = Pattern.compile("version \"(\\d+)(?:\\.(\\d+))?");

    private final Map<SshHost, SshRemote> sessions;
    private final String java;

    private RemoteHosts(Map<SshHost, SshRemote> sessions, String java) {
        this.sessions = sessions;
        this.java = java;
    }

    /**
     * Connects to every host and checks its Java.
     *
     * @param java the Java command to run on the hosts
     * @throws UserInputException naming the first host that fails and why; every session opened is closed first
     */
    public static RemoteHosts connect(List<SshHost> hosts, SshSettings settings, String java) throws InterruptedException {
        Map<SshHost, SshRemote> sessions = new LinkedHashMap<>();
        RemoteHosts remote = new RemoteHosts(sessions, java);
        try {
            for (SshHost host : hosts) {
                if (!sessions.containsKey(host)) {
                    SshRemote session = SshRemote.connect(host, settings);
                    sessions.put(host, session);
                    remote.checkJava(session);
                }
            }
            return remote;
        } catch (RemoteException e) {
            remote.close();
            throw new UserInputException(e.getMessage(), e);
        } catch (InterruptedException | RuntimeException e) {
            remote.close();
            throw e;
        }
    }

    private void checkJava(SshRemote session) throws RemoteException, InterruptedException {
        ExecResult version = session.exec(Shell.quote(java) + " -version", CHECK_TIMEOUT);
        if (!version.succeeded()) {
            throw new RemoteException(session.host() + ": no usable java ('" + java + " -version' exited with " + version.exitStatus()
                    + ": " + version.lastLine() + "): install a JDK " + JAVA_VERSION_MIN
                    + " or newer on the PATH of a non-interactive shell, or pass --remote-java");
        }
        int major = majorVersion(version.stderr() + version.stdout());
        if (major < JAVA_VERSION_MIN) {
            throw new RemoteException(session.host() + ": " + java + " is Java " + (major < 0 ? "of unknown version" : major)
                    + "; faultline needs " + JAVA_VERSION_MIN + " or newer (pass --remote-java to choose another)");
        }
    }

    /** The major version in {@code java -version} output ({@code "17.0.15"}, or {@code "1.8.0_292"} for 8); -1 if none. */
    static int majorVersion(String versionOutput) {
        Matcher match = JAVA_VERSION.matcher(versionOutput);
        if (!match.find()) {
            return -1;
        }
        int first = Integer.parseInt(match.group(1));
        return first == 1 && match.group(2) != null ? Integer.parseInt(match.group(2)) : first;
    }

    /** The session to a host given to {@link #connect}. */
    public SshRemote session(SshHost host) {
        SshRemote session = sessions.get(host);
        if (session == null) {
            throw new IllegalArgumentException(host + " is not one of this run's hosts");
        }
        return session;
    }

    /** The distinct hosts, in the order first given. */
    public List<SshHost> hosts() {
        return new ArrayList<>(sessions.keySet());
    }

    public String java() {
        return java;
    }

    /** Ends every session and its forwards. */
    @Override
    public void close() {
        sessions.values().forEach(SshRemote::close);
    }
}
