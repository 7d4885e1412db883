package dev.faultline.checker;

import dev.faultline.checker.causal.CausalChecker;
import dev.faultline.checker.eventual.ConvergenceChecker;
import dev.faultline.checker.eventual.StalenessChecker;
import dev.faultline.checker.sequential.SequentialChecker;
import dev.faultline.checker.session.SessionChecker;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Every checker by the name used on the command line and in results. */
public final class CheckerRegistry {
    private static final Map<String, Function<CheckerOptions, Checker>> FACTORIES = factories();

    private CheckerRegistry() {}

    private static Map<String, Function<CheckerOptions, Checker>> factories() {
        Map<String, Function<CheckerOptions, Checker>> factories = new TreeMap<>();
        factories.put(ConvergenceChecker.NAME, ConvergenceChecker::fromOptions);
        factories.put(StalenessChecker.NAME, StalenessChecker::fromOptions);
        factories.put(CausalChecker.NAME, CausalChecker::fromOptions);
        factories.put(SequentialChecker.NAME, SequentialChecker::fromOptions);
        factories.put(SessionChecker.NAME, SessionChecker::fromOptions);
        return factories;
    }

    /** The names of every checker, sorted. */
    public static Set<String> names() {
        return FACTORIES.keySet();
    }

    /**
     * Builds the named checker.
     *
     * @throws IllegalArgumentException for an unknown name or a bad option, naming it
     */
    public static Checker create(String name, CheckerOptions options) {
        Function<CheckerOptions, Checker> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown checker " + name + " (known: " + String.join(", ", names()) + ")");
        }
        return factory.apply(options);
    }
}
