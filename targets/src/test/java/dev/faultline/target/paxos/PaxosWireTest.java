package dev.faultline.target.paxos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.target.TargetRegistry;
import dev.faultline.target.common.kv.KvRequest;
import dev.faultline.target.common.wire.WireFormatException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Goal: every message and record survives its codec, bad bytes are refused, and the target's settings are checked. */
class PaxosWireTest {
    private static final Ballot BALLOT = new Ballot(7, "n2");
    private static final Command WRITE = new Command.Client("n1", 42, KvRequest.write("x", 5L, 3, 9));
    private static final Command CAS = new Command.Client("n3", 43, KvRequest.cas(List.of("k", 1L), null, "v", 4, 1));

    @Test
    void everyMessageRoundTrips() {
        List<PaxosMessage> messages = List.of(
                new PaxosMessage.Prepare(BALLOT, 11),
                new PaxosMessage.Promise(BALLOT, 10, List.of(new AcceptedValue(11, new Ballot(6, "n1"), WRITE),
                        new AcceptedValue(12, BALLOT, Command.NOOP))),
                new PaxosMessage.Accept(BALLOT, List.of(new Proposal(13, CAS), new Proposal(14, Command.NOOP)), 12),
                new PaxosMessage.Accepted(BALLOT, List.of(13L, 14L)),
                new PaxosMessage.Reject(new Ballot(6, "n1"), BALLOT),
                new PaxosMessage.Heartbeat(BALLOT, 14, -5),
                new PaxosMessage.HeartbeatAck(BALLOT, Long.MAX_VALUE, 14),
                new PaxosMessage.Learn(List.of(new Proposal(1, WRITE))),
                new PaxosMessage.InstallSnapshot(14, Map.of("x", List.of(1L, 2L), "y", "z")));
        for (PaxosMessage message : messages) {
            assertThat(PaxosMessage.CODEC.fromBytes(PaxosMessage.CODEC.toBytes(message))).isEqualTo(message);
        }
    }

    @Test
    void everyRecordRoundTrips() {
        List<PaxosRecord> records = List.of(
                new PaxosRecord.Promised(BALLOT),
                new PaxosRecord.Accepted(new AcceptedValue(3, BALLOT, CAS)),
                new PaxosRecord.Chosen(new Proposal(3, CAS)),
                new PaxosRecord.Snapshot(BALLOT, 2, Map.of("x", 1L), List.of(new AcceptedValue(3, BALLOT, WRITE)),
                        List.of(new Proposal(3, WRITE))));
        for (PaxosRecord record : records) {
            assertThat(PaxosRecord.CODEC.fromBytes(PaxosRecord.CODEC.toBytes(record))).isEqualTo(record);
        }
    }

    @Test
    void malformedBytesAreRefusedWithACodecError() {
        byte[] valid = PaxosMessage.CODEC.toBytes(new PaxosMessage.Accept(BALLOT, List.of(new Proposal(1, WRITE)), 0));
        assertThatThrownBy(() -> PaxosMessage.CODEC.fromBytes(Arrays.copyOf(valid, valid.length - 3)))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> PaxosMessage.CODEC.fromBytes(new byte[] {99})).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("unknown paxos message tag 99");
        byte[] zeroSlot = PaxosMessage.CODEC.toBytes(new PaxosMessage.Learn(List.of(new Proposal(1, Command.NOOP))));
        zeroSlot[1 + 4 + 7] = 0; // the slot's low byte, after the tag and the count
        assertThatThrownBy(() -> PaxosMessage.CODEC.fromBytes(zeroSlot)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("slots start at 1");
    }

    @Test
    void ballotsOrderByRoundThenNode() {
        assertThat(new Ballot(2, "n1")).isGreaterThan(new Ballot(1, "n9"));
        assertThat(new Ballot(2, "n2")).isGreaterThan(new Ballot(2, "n1"));
        assertThat(Ballot.above(4, "n3")).isEqualTo(new Ballot(5, "n3"));
        assertThat(new Ballot(1, "n1").isAbove(Ballot.ZERO)).isTrue();
        assertThatThrownBy(() -> new Ballot(0, "n1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTargetChecksItsBugsAndOptions() {
        var spec = TargetRegistry.builtIn().find("paxos");
        assertThat(spec.bugs().keySet()).containsExactly("acceptor-no-fsync", "ignore-phase1-value", "accept-lower-ballot",
                "learn-without-majority", "execute-past-gap", "lease-wallclock");
        PaxosTarget leased = (PaxosTarget) spec.create(Set.of("lease-wallclock"), Map.of());
        assertThat(leased.config().readLease()).as("the lease bug needs the lease").isTrue();
        PaxosTarget tuned = (PaxosTarget) spec.create(Set.of(), Map.of("heartbeat-millis", "20", "read-lease", "on"));
        assertThat(tuned.config().heartbeatIntervalMillis()).isEqualTo(20);
        assertThat(tuned.config().electionTimeoutMillis()).isEqualTo(300);
        assertThatThrownBy(() -> spec.create(Set.of(), Map.of("election-timeout-millis", "10")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("election-timeout-millis");
        PaxosTarget tolerant = (PaxosTarget) spec.create(Set.of(), Map.of("read-lease", "on", "lease-clock-ratio-percent", "300"));
        assertThat(tolerant.config().leaseNanos()).isEqualTo(100_000_000L);
        assertThatThrownBy(() -> spec.create(Set.of(), Map.of("read-lease", "maybe")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-lease");
        assertThatThrownBy(() -> new PaxosConfig(50, 300, false, 2.5, 10, 10, 10, Set.of(PaxosBug.LEASE_WALLCLOCK)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease");
    }
}
