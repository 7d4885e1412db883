package dev.faultline.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ValidatingNemesisTest {
    private final List<String> calls = new ArrayList<>();

    /** Records calls; fails starting a pause, as a half-applied fault would. */
    private final Nemesis recording = new Nemesis() {
        @Override
        public Set<FaultKind> supportedKinds() {
            return EnumSet.of(FaultKind.KILL, FaultKind.PAUSE, FaultKind.PARTITION);
        }

        @Override
        public void start(Fault fault) throws Exception {
            calls.add("start " + fault.kind().cliName() + " " + fault.nodes());
            if (fault.kind() == FaultKind.PAUSE) {
                throw new Exception("SIGSTOP failed");
            }
        }

        @Override
        public void heal(Fault fault) {
            calls.add("heal " + fault.kind().cliName() + " " + fault.nodes());
        }

        @Override
        public void healAll() {
            calls.add("heal all");
        }
    };

    private final ValidatingNemesis nemesis = new ValidatingNemesis(recording);

    private static Fault process(FaultKind kind, String... nodes) {
        return new Fault.ProcessFault(kind, new TreeSet<>(List.of(nodes)));
    }

    @Test
    void anUnsupportedKindIsRefusedBeforeTheRunAndWhenStarted() {
        assertThatThrownBy(() -> nemesis.requireSupported(EnumSet.of(FaultKind.CLOCK)))
                .hasMessage("this cluster cannot inject clock faults (it supports: partition, kill, pause)");
        Fault clock = new Fault.ClockFault(new dev.faultline.nemesis.agent.ClockBump(5), new TreeSet<>(List.of("n1")));
        assertThatThrownBy(() -> nemesis.start(clock)).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).isEmpty();
    }

    @Test
    void twoProcessFaultsOnOneNodeAreRefusedButOtherFaultsMayOverlap() throws Exception {
        nemesis.start(process(FaultKind.KILL, "n1", "n2"));
        assertThatThrownBy(() -> nemesis.start(process(FaultKind.KILL, "n2")))
                .hasMessage("cannot start kill of n2: kill of n1,n2 is in force");
        nemesis.start(process(FaultKind.KILL, "n3"));
        Fault partition = new Fault.Partition(PartitionShape.ISOLATE_ONE,
                PartitionShape.ISOLATE_ONE.grudge(List.of("n1", "n2", "n3"), Optional.empty()));
        nemesis.start(partition);
        assertThat(nemesis.inForce()).hasSize(3);
    }

    @Test
    void onlyAFaultInForceCanBeHealed() throws Exception {
        Fault kill = process(FaultKind.KILL, "n1");
        assertThatThrownBy(() -> nemesis.heal(kill)).hasMessage("cannot heal kill of n1: it is not in force");
        nemesis.start(kill);
        nemesis.heal(kill);
        assertThat(nemesis.inForce()).isEmpty();
        assertThat(calls).containsExactly("start kill [n1]", "heal kill [n1]");
    }

    @Test
    void aStartThatFailsStaysInForceUntilEverythingIsHealed() throws Exception {
        Fault pause = process(FaultKind.PAUSE, "n1");
        assertThatThrownBy(() -> nemesis.start(pause)).hasMessage("SIGSTOP failed");
        assertThat(nemesis.inForce()).containsExactly(pause);
        nemesis.healAll();
        assertThat(nemesis.inForce()).isEmpty();
        assertThat(calls).containsExactly("start pause [n1]", "heal all");
    }

    @Test
    void theNoopNemesisSupportsNothingAndHealsQuietly() throws Exception {
        assertThat(Nemesis.noop().supportedKinds()).isEmpty();
        Nemesis.noop().healAll();
    }
}
