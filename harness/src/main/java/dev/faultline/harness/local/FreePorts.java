package dev.faultline.harness.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Loopback ports for processes that must know each other's ports before any of them starts. */
public final class FreePorts {
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
                ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                probes.add(probe);
                ports.add(probe.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket probe : probes) {
                try {
                    probe.close();
                } catch (IOException ignored) {
                    // A probe that cannot close still frees its port when the controller exits.
                }
            }
        }
    }
}
