package dev.faultline.target.zab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.target.TargetRegistry;
import dev.faultline.target.TargetSpec;
import dev.faultline.target.common.core.CoreContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Goal: {@code zab} is registered with its bugs and options, and bad settings fail in one clear line. */
class ZabTargetTest {
    private static final TargetSpec SPEC = TargetRegistry.builtIn().find("zab");

    @Test
    void everyBugAndOptionIsListedAndTakesEffect() {
        assertThat(SPEC.bugs().keySet()).containsExactlyElementsOf(Arrays.stream(Bug.values()).map(Bug::flag).toList());
        assertThat(SPEC.options()).containsOnlyKeys("read", "observers", "snapshot-every");
        ZabTarget target = (ZabTarget) SPEC.create(Set.of("commit-out-of-order"),
                Map.of("read", "sync", "observers", "2", "snapshot-every", "7"));
        assertThat(target.config().syncReads()).isTrue();
        assertThat(target.config().observerCount()).isEqualTo(2);
        assertThat(target.config().snapshotEveryTxns()).isEqualTo(7);
        assertThat(target.config().bugs()).containsExactly(Bug.COMMIT_OUT_OF_ORDER);
    }

    @Test
    void badSettingsFailInOneLine() {
        assertThatThrownBy(() -> SPEC.create(Set.of(), Map.of("read", "fast"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target zab: option read must be one of [local, sync], was 'fast'");
        ZabTarget allObservers = (ZabTarget) SPEC.create(Set.of(), Map.of("observers", "3"));
        CoreContext three = new CoreContext("n1", List.of("n1", "n2", "n3"), new SplittableRandom(1), 10_000_000L);
        assertThatThrownBy(() -> allObservers.start(three, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target zab: option observers=3 leaves no voter among 3 nodes");
    }
}
