package dev.faultline.harness.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.harness.UserInputException;
import dev.faultline.nemesis.FaultKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Goal: the target refuses what it cannot do with one line naming the option, bug, fault or function. */
class ZooKeeperTargetTest {
    private static final Set<String> REGISTER = Set.of("read", "write", "cas");

    @Test
    void readModesParseAndPlainIsTheDefault() {
        assertThat(ZooKeeperTarget.check(Map.of(), List.of(), Set.of(FaultKind.KILL), REGISTER)).isEqualTo(ReadMode.PLAIN);
        assertThat(ZooKeeperTarget.check(Map.of("read", "barrier"), List.of(), Set.of(), REGISTER)).isEqualTo(ReadMode.BARRIER);
        assertThat(ZooKeeperTarget.check(Map.of("read", "sync"), List.of(), Set.of(), REGISTER)).isEqualTo(ReadMode.SYNC);
    }

    @Test
    void refusesClockAndPowerLossFaultsNamingTheKindAndTheTarget() {
        assertThatThrownBy(() -> ZooKeeperTarget.check(Map.of(), List.of(), Set.of(FaultKind.CLOCK), REGISTER))
                .isInstanceOf(UserInputException.class)
                .hasMessage("target zookeeper cannot take clock faults (it takes: partition, kill, pause, link)");
        assertThatThrownBy(() -> ZooKeeperTarget.check(Map.of(), List.of(), Set.of(FaultKind.POWER_LOSS), REGISTER))
                .hasMessageContaining("cannot take power-loss faults");
    }

    @Test
    void refusesUnknownOptionsModesBugsAndFunctions() {
        assertThatThrownBy(() -> ZooKeeperTarget.check(Map.of("read", "lease"), List.of(), Set.of(), REGISTER))
                .hasMessage("target zookeeper has no read mode 'lease' (known: plain, sync, barrier)");
        assertThatThrownBy(() -> ZooKeeperTarget.check(Map.of("durability", "fsync"), List.of(), Set.of(), REGISTER))
                .hasMessageContaining("has no option 'durability'");
        assertThatThrownBy(() -> ZooKeeperTarget.check(Map.of(), List.of("stale-read"), Set.of(), REGISTER))
                .hasMessageContaining("no planted bugs");
        assertThatThrownBy(() -> ZooKeeperTarget.check(Map.of(), List.of(), Set.of(), Set.of("add", "read")))
                .hasMessageContaining("not add");
    }
}
