package dev.faultline.target;

import dev.faultline.target.common.core.Protocol;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One target the node shell can run: its name, what it is, the bugs it can plant and the options
 * it takes (each with a one-line description for {@code faultline node --help}), and how to build
 * its {@link Protocol} from checked settings.
 *
 * @param bugs bug name to a one-line description of the real bug class it plants
 * @param options option key to a one-line description that names the default
 * @param clientSessions whether the target keeps client sessions (Raft dissertation §6.3), so that
 *     a request sent again with the same client id and sequence takes effect at most once; only
 *     then may a client resend a write whose outcome it does not know
 */
public record TargetSpec(
        String name,
        String description,
        Map<String, String> bugs,
        Map<String, String> options,
        boolean clientSessions,
        Function<TargetSettings, Protocol<?, ?>> factory) {

    /** A target without client sessions. */
    public TargetSpec(String name, String description, Map<String, String> bugs, Map<String, String> options,
            Function<TargetSettings, Protocol<?, ?>> factory) {
        this(name, description, bugs, options, false, factory);
    }

    public TargetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(factory, "factory");
        bugs = Collections.unmodifiableMap(new LinkedHashMap<>(bugs));
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * Checks the chosen bugs and options against this spec and builds the protocol.
     *
     * @throws IllegalArgumentException naming an unknown bug or option, or a bad option value
     */
    public Protocol<?, ?> create(Set<String> chosenBugs, Map<String, String> chosenOptions) {
        for (String bug : chosenBugs) {
            if (!bugs.containsKey(bug)) {
                throw new IllegalArgumentException("target " + name + " has no bug '" + bug + "' (known: "
                        + (bugs.isEmpty() ? "none" : String.join(", ", bugs.keySet())) + ")");
            }
        }
        for (String option : chosenOptions.keySet()) {
            if (!options.containsKey(option)) {
                throw new IllegalArgumentException("target " + name + " has no option '" + option + "' (known: "
                        + (options.isEmpty() ? "none" : String.join(", ", options.keySet())) + ")");
            }
        }
        return factory.apply(new TargetSettings(name, chosenBugs, chosenOptions));
    }
}
