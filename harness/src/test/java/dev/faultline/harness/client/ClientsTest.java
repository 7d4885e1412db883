package dev.faultline.harness.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.history.OpType;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Goal: the rules every worker applies to a client: cannot open → the caller fails the operation; throws or answers nothing → info. */
class ClientsTest {
    private static final Invocation READ = new Invocation(0, "read", "k", null, false, 1_000_000L);

    private static Client answering(Completion completion) {
        return new Client() {
            @Override
            public Completion invoke(Invocation invocation) throws IOException {
                if (completion == null) {
                    throw new IOException("connection reset");
                }
                return completion;
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void aClientThatCannotBeOpenedIsNull() {
        assertThat(Clients.open(node -> {
            throw new IOException("refused");
        }, "n1")).isNull();
        Client client = answering(Completion.ok(1L));
        assertThat(Clients.open(node -> client, "n1")).isSameAs(client);
    }

    @Test
    void anExceptionIsInfoAndAnAnswerIsKept() {
        assertThat(Clients.invoke(answering(null), READ).type()).isEqualTo(OpType.INFO);
        assertThat(Clients.invoke(answering(null), READ).error()).isEqualTo("indeterminate: java.io.IOException: connection reset");
        assertThat(Clients.invoke(answering(Completion.fail("cas-mismatch")), READ).type()).isEqualTo(OpType.FAIL);
        assertThat(Clients.invoke(new Client() {
            @Override
            public Completion invoke(Invocation invocation) {
                return null;
            }

            @Override
            public void close() {}
        }, READ).type()).isEqualTo(OpType.INFO);
    }
}
