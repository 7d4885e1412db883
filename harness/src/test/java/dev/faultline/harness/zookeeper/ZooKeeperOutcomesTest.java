package dev.faultline.harness.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.harness.client.Completion;
import dev.faultline.history.OpType;
import org.apache.zookeeper.KeeperException.Code;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Goal: a ZooKeeper error becomes fail only when the operation certainly had no effect: before any
 * write went out, or a version the leader refused; an expired session is info either way, so the
 * worker continues as a new process with a new session.
 */
class ZooKeeperOutcomesTest {
    @ParameterizedTest(name = "{0}, write sent {1}: {2} {3}")
    @CsvSource({
        "CONNECTIONLOSS,   false, FAIL, connectionloss",
        "REQUESTTIMEOUT,   false, FAIL, requesttimeout",
        "SESSIONEXPIRED,   false, INFO, sessionexpired",
        "CONNECTIONLOSS,   true,  INFO, connectionloss",
        "OPERATIONTIMEOUT, true,  INFO, operationtimeout",
        "REQUESTTIMEOUT,   true,  INFO, requesttimeout",
        "SESSIONEXPIRED,   true,  INFO, sessionexpired",
        "SESSIONMOVED,     true,  INFO, sessionmoved",
        "BADVERSION,       true,  FAIL, cas-mismatch",
    })
    void mapsEachErrorToTheOutcomeItProves(Code code, boolean writeSent, OpType type, String error) {
        Completion completion = ZooKeeperOutcomes.of(code, writeSent);

        assertThat(completion.type()).isEqualTo(type);
        assertThat(completion.error()).isEqualTo(error);
    }
}
