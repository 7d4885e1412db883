package dev.faultline.harness.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @RepeatedTest(5)
    void portsAreDistinctBindableAndBelowTheEphemeralRange() throws IOException {
        List<Integer> ports = FreePorts.onLoopback(9);
        assertThat(new HashSet<>(ports)).hasSize(9);
        assertThat(ports).allSatisfy(port -> assertThat(port).isBetween(FreePorts.LOWEST, FreePorts.ephemeralLow() - 1));
        for (int port : ports) {
            try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @RepeatedTest(5)
    void consecutivePortsAreAllFree() throws IOException {
        int base = FreePorts.consecutive(5);
        assertThat(base).isBetween(FreePorts.LOWEST, FreePorts.ephemeralLow() - 5);
        for (int port = base; port < base + 5; port++) {
            try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void theEphemeralRangeComesFromTheKernelOrLinuxsDefault() {
        assertThat(FreePorts.ephemeralLow()).isGreaterThan(FreePorts.LOWEST);
    }
}
