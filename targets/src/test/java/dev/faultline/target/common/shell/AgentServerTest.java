package dev.faultline.target.common.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.nemesis.agent.AgentCall;
import dev.faultline.nemesis.agent.AgentCodec;
import dev.faultline.nemesis.agent.AgentRequest;
import dev.faultline.nemesis.agent.AgentResponse;
import dev.faultline.nemesis.agent.Heal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Goal: the agent applies nothing unless the call carries the run's exact token. */
class AgentServerTest {
    private final List<AgentRequest> applied = new ArrayList<>();

    private AgentServer server() throws IOException {
        return new AgentServer(new InetSocketAddress("127.0.0.1", 0), "run-token", request -> {
            applied.add(request);
            return AgentResponse.applied(request.describe());
        });
    }

    @Test
    void theRightTokenIsApplied() throws IOException {
        try (AgentServer server = server()) {
            AgentResponse response = server.answer(AgentCodec.writeCall(new AgentCall("run-token", new Heal())));
            assertThat(response.ok()).isTrue();
            assertThat(applied).containsExactly(new Heal());
        }
    }

    @Test
    void aWrongMissingOrPrefixTokenIsRefusedAndNothingApplied() throws IOException {
        try (AgentServer server = server()) {
            for (String token : new String[] {"wrong", "run-toke", "run-token-", "", null}) {
                AgentResponse response = server.answer(AgentCodec.writeCall(new AgentCall(token, new Heal())));
                assertThat(response.ok()).as("token %s", token).isFalse();
                assertThat(response.message()).isEqualTo("bad token");
            }
            assertThat(server.answer("{\"request\":{\"op\":\"heal\"}}").ok()).isFalse();
            assertThat(server.answer("garbage").ok()).isFalse();
            assertThat(applied).isEmpty();
        }
    }

    @Test
    void theAgentListensOnLoopbackOnly() throws IOException {
        try (AgentServer server = server()) {
            assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        }
    }
}
