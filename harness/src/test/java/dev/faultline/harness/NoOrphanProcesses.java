package dev.faultline.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests that start processes ({@code @ExtendWith(NoOrphanProcesses.class)}): after each test
 * no child process of this JVM may be alive. Any that is gets killed by its PID, and the test fails
 * naming it, so one leak cannot spill into the next test.
 */
public final class NoOrphanProcesses implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : left) {
            process.onExit().get();
        }
        assertThat(left).as("child processes left running (now killed by PID)").isEmpty();
    }
}
