package dev.faultline.harness.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.nemesis.Fault;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.Nemesis;
import dev.faultline.nemesis.PartitionShape;
import dev.faultline.nemesis.agent.LinkFaults;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Goal: partitions reach the kernel only, every other fault the agents' nemesis only, and a heal-all heals both. */
class NetnsNemesisTest {
    private final RecordingRunner kernel = new RecordingRunner();
    private final List<String> agentCalls = new ArrayList<>();
    private boolean agentsFail;
    private final Nemesis agents = new Nemesis() {
        @Override
        public Set<FaultKind> supportedKinds() {
            return EnumSet.of(FaultKind.PARTITION, FaultKind.LINK, FaultKind.KILL);
        }

        @Override
        public void start(Fault fault) {
            agentCalls.add("start " + fault.kind().cliName());
        }

        @Override
        public void heal(Fault fault) {
            agentCalls.add("heal " + fault.kind().cliName());
        }

        @Override
        public void healAll() throws Exception {
            agentCalls.add("heal-all");
            if (agentsFail) {
                throw new Exception("heal everything failed on n2: connection refused");
            }
        }
    };
    private final NetnsNemesis nemesis = new NetnsNemesis(new Net(TcCommandsTest.LAYOUT, kernel), agents);
    private final Fault.Partition partition = TcCommandsTest.partition(PartitionShape.ISOLATE_ONE, List.of("n1", "n2", "n3"));

    @Test
    void aPartitionIsCutAndHealedInTheKernelWithoutTheAgents() throws Exception {
        nemesis.start(partition);
        assertThat(kernel.lines()).isNotEmpty().allMatch(line -> line.startsWith("tc "));
        kernel.commands.clear();
        nemesis.heal(partition);
        assertThat(kernel.lines()).containsExactly("tc qdisc del dev flabc123n1 root", "tc qdisc del dev flabc123n2 root",
                "tc qdisc del dev flabc123n3 root");
        assertThat(agentCalls).isEmpty();
    }

    @Test
    void linkAndProcessFaultsGoToTheAgentsOnly() throws Exception {
        Fault.LinkFault link = new Fault.LinkFault(LinkFaults.loss(0.5), new TreeSet<>(List.of("n2")));
        Fault.ProcessFault kill = new Fault.ProcessFault(FaultKind.KILL, new TreeSet<>(List.of("n3")));
        nemesis.start(link);
        nemesis.start(kill);
        nemesis.heal(kill);
        nemesis.heal(link);
        assertThat(agentCalls).containsExactly("start link", "start kill", "heal kill", "heal link");
        assertThat(kernel.commands).isEmpty();
        assertThat(nemesis.supportedKinds()).isEqualTo(agents.supportedKinds());
    }

    @Test
    void healAllClearsTheKernelEvenWhenTheAgentsFail() throws Exception {
        nemesis.start(partition);
        kernel.commands.clear();
        agentsFail = true;
        assertThatThrownBy(nemesis::healAll).hasMessageContaining("connection refused");
        assertThat(kernel.lines()).hasSize(3).allMatch(line -> line.startsWith("tc qdisc del"));
    }
}
