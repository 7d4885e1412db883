package dev.faultline.harness.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.harness.UserInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Goal: every form of --system the help names parses as meant, and every malformed one is one clear line. */
class SystemSpecTest {

    @Test
    void aSpecWithoutLabelIsItsOwnLabel() {
        SystemSpec gossip = SystemSpec.parse("gossip:w=1,r=1");
        assertThat(gossip).isEqualTo(new SystemSpec("gossip:w=1,r=1", "gossip", Map.of("w", "1", "r", "1")));
        assertThat(gossip.options().keySet()).containsExactly("w", "r");
        assertThat(SystemSpec.parse("raft")).isEqualTo(new SystemSpec("raft", "raft", Map.of()));
    }

    @Test
    void anEqualsSignBeforeTheFirstColonEndsALabel() {
        assertThat(SystemSpec.parse("zab-local=zab:read=local"))
                .isEqualTo(new SystemSpec("zab-local", "zab", Map.of("read", "local")));
        assertThat(SystemSpec.parse("leader=raft")).isEqualTo(new SystemSpec("leader", "raft", Map.of()));
    }

    @Test
    void malformedSpecsNameTheProblem() {
        assertThatThrownBy(() -> SystemSpec.parse("=raft")).isInstanceOf(UserInputException.class)
                .hasMessageStartingWith("--system =raft: the label before '=' is empty");
        assertThatThrownBy(() -> SystemSpec.parse("x=")).hasMessageStartingWith("--system x=: no target");
        assertThatThrownBy(() -> SystemSpec.parse("Raft")).hasMessageStartingWith("--system Raft: 'Raft' is not a target name");
        assertThatThrownBy(() -> SystemSpec.parse("zab:read")).hasMessageStartingWith("--system zab:read: 'read' is not KEY=VALUE");
        assertThatThrownBy(() -> SystemSpec.parse("zab:read=a,")).hasMessageStartingWith("--system zab:read=a,: '' is not KEY=VALUE");
        assertThatThrownBy(() -> SystemSpec.parse("gossip:w=1,w=2")).hasMessageStartingWith("--system gossip:w=1,w=2: option w is given twice");
    }

    @Test
    void runNamesAreTestNamesMadeFromTheLabel() {
        assertThat(SystemSpec.parse("gossip:w=1,r=1").runName("register")).isEqualTo("gossip-w-1-r-1-register");
        assertThat(SystemSpec.parse("zab-local=zab:read=local").runName("kv")).isEqualTo("zab-local-kv");
        assertThat(SystemSpec.parse("..=raft").runName("set")).isEqualTo("raft-set");
    }

    @Property
    void describingASpecAndParsingItBackGivesTheSameTargetAndOptions(@ForAll("targets") String target,
            @ForAll("options") Map<String, String> options) {
        SystemSpec spec = new SystemSpec("label", target, options);
        SystemSpec parsed = SystemSpec.parse(spec.describe());
        assertThat(parsed.target()).isEqualTo(target);
        assertThat(parsed.options()).containsExactlyEntriesOf(options);
        assertThat(parsed.label()).isEqualTo(spec.describe());
        assertThat(SystemSpec.parse("my.label=" + spec.describe())).isEqualTo(new SystemSpec("my.label", target, options));
    }

    @Provide
    Arbitrary<String> targets() {
        return Arbitraries.of("raft", "zab", "paxos", "gossip", "memory");
    }

    @Provide
    Arbitrary<Map<String, String>> options() {
        Arbitrary<String> words = Arbitraries.strings().withChars("abcdefgh-019").ofMinLength(1).ofMaxLength(6);
        return Arbitraries.maps(words, words).ofMaxSize(4).map(LinkedHashMap::new);
    }
}
