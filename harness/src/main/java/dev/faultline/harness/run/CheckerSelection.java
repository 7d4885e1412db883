package dev.faultline.harness.run;

import dev.faultline.checker.Checker;
import dev.faultline.checker.CheckerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checkers of a run, chosen before the cluster starts so that a missing one is an error at
 * once and not after a long run. Named checkers must all exist. Without names, the workload's
 * checkers that this build has are used and the others listed as missing; a workload none of
 * whose checkers exists is an error — never a run that silently checks nothing (Jepsen's
 * {@code unbridled-optimism} default).
 *
 * @param checkers the checkers to run
 * @param missing the workload's checkers this build lacks, when none were named
 */
public record CheckerSelection(List<Checker> checkers, List<String> missing) {

    public CheckerSelection {
        checkers = List.copyOf(checkers);
        missing = List.copyOf(missing);
    }

    /**
     * @param requested the names given; empty for the workload's own
     * @param fitting the workload's checkers, best first
     * @throws IllegalArgumentException naming what is missing and what is available
     */
    public static CheckerSelection choose(List<String> requested, String workload, List<String> fitting,
            CheckerOptions options, CheckerSource source) {
        List<Checker> chosen = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : requested.isEmpty() ? fitting : requested) {
            Optional<Checker> checker = source.create(name, options);
            if (checker.isPresent()) {
                chosen.add(checker.get());
            } else if (requested.isEmpty()) {
                missing.add(name);
            } else {
                throw new IllegalArgumentException("checker " + name + " is not in this build (available: " + available(source) + ")");
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no checker for the " + workload + " workload is in this build: it needs "
                    + String.join(" or ", fitting) + " (available: " + available(source) + "); name one with --checker");
        }
        return new CheckerSelection(chosen, missing);
    }

    public List<String> names() {
        return checkers.stream().map(Checker::name).toList();
    }

    private static String available(CheckerSource source) {
        return source.names().isEmpty() ? "none" : String.join(", ", source.names());
    }
}
