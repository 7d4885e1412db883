package dev.faultline.harness.cli;

import dev.faultline.harness.UserInputException;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --time-limit}: the checkers' time budget, shared by the commands that run checkers on stored or generated histories. */
public final class CheckTimeLimitOption {
    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "300",
            description = "The time budget of each check (per file, per run); a check that runs out answers unknown. Default: ${DEFAULT-VALUE}.")
    double seconds;

    /** The budget; a limit that is not positive is bad input. */
    public Duration timeLimit() {
        if (!(seconds > 0)) {
            throw new UserInputException("--time-limit must be positive, was " + seconds);
        }
        return Duration.ofNanos(Math.max(1, (long) (seconds * 1e9)));
    }
}
