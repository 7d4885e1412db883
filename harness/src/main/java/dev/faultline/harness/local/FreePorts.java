package dev.faultline.harness.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for processes that must know each other's ports before any of them starts.
 *
 * <p>They are drawn from below the kernel's ephemeral range, not from it: the local end of every
 * outgoing connection on the machine takes an ephemeral port, so a node killed by the nemesis could
 * find its port taken by some connection when it restarts on it (seen with two test classes
 * running at once: "the peer port ... is already in use"). Below that range only another process
 * choosing ports the same way competes, and it binds before it uses them.
 */
public final class FreePorts {
    /** Ports under this are left to well-known and registered services. */
    static final int LOWEST = 10_000;
    /** The ephemeral range's start when the kernel does not say (Linux's default, and IANA's is higher). */
    static final int EPHEMERAL_LOW_DEFAULT = 32_768;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int ATTEMPTS = 1_000;

    private FreePorts() {}

    /**
     * {@code count} distinct ports on 127.0.0.1 that were free a moment ago: each probe is held open
     * until every port is chosen, so no two are the same. Another process may still take one before
     * its user binds it; callers that care retry with new ports.
     */
    public static List<Integer> onLoopback(int count) throws IOException {
        List<ServerSocket> probes = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket probe = bindFree(1);
                probes.add(probe);
                ports.add(probe.getLocalPort());
            }
            return ports;
        } finally {
            closeAll(probes);
        }
    }

    /** The first of {@code count} consecutive ports on 127.0.0.1 that were all free a moment ago. */
    public static int consecutive(int count) throws IOException {
        try (ServerSocket probe = bindFree(count)) {
            return probe.getLocalPort();
        }
    }

    /** A probe bound to a random port below the ephemeral range whose {@code count - 1} next ports are free too. */
    private static ServerSocket bindFree(int count) throws IOException {
        int highest = ephemeralLow() - count;
        if (highest <= LOWEST) {
            throw new IOException("no ports below the ephemeral range (it starts at " + ephemeralLow() + ")");
        }
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            try {
                ServerSocket probe = bind(port);
                if (count == 1 || neighboursFree(port, count)) {
                    return probe;
                }
                probe.close();
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("no free port among " + ATTEMPTS + " tried between " + LOWEST + " and " + highest, last);
    }

    private static boolean neighboursFree(int port, int count) {
        for (int next = port + 1; next < port + count; next++) {
            try (ServerSocket probe = bind(next)) {
                // Free.
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static ServerSocket bind(int port) throws IOException {
        return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
    }

    /** The lowest ephemeral port, from the kernel when it says ({@code "32768\t60999"}). */
    static int ephemeralLow() {
        try {
            // readAllLines, not readString: a proc file reports size 0, and readString gave one byte of it.
            String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return EPHEMERAL_LOW_DEFAULT;
        }
    }

    private static void closeAll(List<ServerSocket> probes) {
        for (ServerSocket probe : probes) {
            try {
                probe.close();
            } catch (IOException ignored) {
                // A probe that cannot close still frees its port when the controller exits.
            }
        }
    }
}
