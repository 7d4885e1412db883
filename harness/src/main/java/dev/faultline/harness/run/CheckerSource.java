package dev.faultline.harness.run;

import dev.faultline.checker.Checker;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.CheckerRegistry;
import java.util.Optional;
import java.util.Set;

/**
 * Where a run finds its checkers by name: the {@link CheckerRegistry} of this build, looked up
 * when the run starts, so that this module compiles whichever checkers exist.
 */
public interface CheckerSource {

    /** The names available. */
    Set<String> names();

    /** The named checker, or empty when this build has none of that name. */
    Optional<Checker> create(String name, CheckerOptions options);

    /** The registry's checkers. */
    static CheckerSource registry() {
        return new CheckerSource() {
            @Override
            public Set<String> names() {
                return CheckerRegistry.names();
            }

            @Override
            public Optional<Checker> create(String name, CheckerOptions options) {
                return names().contains(name) ? Optional.of(CheckerRegistry.create(name, options)) : Optional.empty();
            }
        };
    }
}
