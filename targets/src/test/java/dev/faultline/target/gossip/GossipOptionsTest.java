package dev.faultline.target.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.target.TargetRegistry;
import dev.faultline.target.TargetSettings;
import dev.faultline.target.TargetSpec;
import dev.faultline.target.common.core.CoreContext;
import dev.faultline.target.common.core.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Goal: the gossip target is registered, and a bad option is one clear line naming it. */
class GossipOptionsTest {
    private static final TargetSpec SPEC = TargetRegistry.builtIn().find("gossip");

    @Test
    void theTargetListsItsBugsAndOptions() {
        assertThat(SPEC.bugs()).containsOnlyKeys("no-anti-entropy", "drop-hints", "merge-loses-sibling");
        assertThat(SPEC.options()).containsKeys("n", "w", "r", "resolve", "read-repair", "handoff", "mode",
                "anti-entropy-millis", "rumor-millis", "rumor-stop", "hint-millis", "timeout-millis");
    }

    @Test
    void quorumsDefaultToMajoritiesOfEveryNode() {
        GossipOptions options = GossipOptions.of(new TargetSettings("gossip", Set.of(), Map.of()));
        assertThat(options.quorums(5)).isEqualTo(new GossipOptions.Quorums(5, 3, 3));
        assertThat(options.quorums(5).strict()).isTrue();
        GossipOptions partial = GossipOptions.of(new TargetSettings("gossip", Set.of(),
                Map.of("n", "3", "w", "1", "r", "1")));
        assertThat(partial.quorums(5)).isEqualTo(new GossipOptions.Quorums(3, 1, 1));
        assertThat(partial.quorums(5).strict()).isFalse();
    }

    @Test
    void badOptionsAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> SPEC.create(Set.of(), Map.of("n", "3", "w", "4")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("target gossip: w=4 and r=2 must not exceed n=3");
        assertThatThrownBy(() -> SPEC.create(Set.of(), Map.of("resolve", "crdt")))
                .hasMessageContaining("option resolve must be one of [lww, vv], was 'crdt'");
        assertThatThrownBy(() -> SPEC.create(Set.of(), Map.of("rumor-stop", "1.5")))
                .hasMessage("target gossip: option rumor-stop must be a number in [0.0, 1.0], was '1.5'");
        assertThatThrownBy(() -> SPEC.create(Set.of(), Map.of("mode", "abd", "resolve", "vv")))
                .hasMessageContaining("mode=abd").hasMessageContaining("resolve=lww");
        assertThatThrownBy(() -> SPEC.create(Set.of(), Map.of("handoff", "on", "handoff-after-millis", "2000")))
                .hasMessageContaining("handoff-after-millis (2000) must be below timeout-millis (1000)");
        assertThatThrownBy(() -> SPEC.create(Set.of("lose-everything"), Map.of())).hasMessageContaining("has no bug");
    }

    @Test
    void nLargerThanTheClusterIsRefusedWhenANodeStarts() {
        Protocol<?, ?> protocol = SPEC.create(Set.of(), Map.of("n", "5"));
        assertThatThrownBy(() -> protocol.start(new CoreContext("n1", List.of("n1", "n2", "n3"), new SplittableRandom(1), 1),
                List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target gossip: n=5 exceeds the cluster's 3 nodes");
    }
}
