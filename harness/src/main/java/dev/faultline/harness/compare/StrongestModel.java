package dev.faultline.harness.compare;

import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "strongest model kept" of a system, from its verdicts: the first rung of the chain
 * linearizable ⇒ sequential ⇒ causal ⇒ session guarantees that holds, with the rung above it that
 * does not ({@code "sequential, not linearizable"}) or could not be decided ({@code "sequential,
 * unknown if linearizable"}), and what the eventual measures found wrong beside it ({@code
 * "sequential, not linearizable; stale reads 8"}); when no rung holds, what eventual consistency
 * it showed ({@code "eventual: converged, lost 0, stale reads 37"}). A weaker rung found invalid
 * below one that holds contradicts the implication and is said, never hidden: one of the two
 * checkers is wrong — unless the weaker one judged by the target's own versions (the session
 * checker's white-box mode), which the black-box rung cannot see, and that is said instead.
 */
public final class StrongestModel {
    /**
     * The session checker's statistic {@code mode} when it judged by the versions the target
     * reported ({@code meta.version}) rather than by the values read: a stronger claim than any
     * black-box checker can test, so its verdict below a kept black-box rung is no contradiction.
     */
    private static final String WHITE_BOX = "white-box";

    private StrongestModel() {}

    public static String of(SystemResult result) {
        if (result.hasFailed()) {
            return "run failed: " + result.failure();
        }
        List<Model> chain = result.verdicts().keySet().stream().filter(Model::chained).toList();
        for (int rung = 0; rung < chain.size(); rung++) {
            if (result.validity(chain.get(rung)) == Validity.TRUE) {
                return kept(result, chain, rung);
            }
        }
        return notChained(result, chain);
    }

    private static String kept(SystemResult result, List<Model> chain, int rung) {
        StringBuilder text = new StringBuilder(chain.get(rung).title());
        if (rung > 0) {
            Model above = chain.get(rung - 1);
            text.append(result.validity(above) == Validity.FALSE ? ", not " : ", unknown if ").append(above.title());
        }
        List<String> contradicted = new ArrayList<>();
        boolean allWhiteBox = true;
        for (Model weaker : chain.subList(rung + 1, chain.size())) {
            if (result.validity(weaker) == Validity.FALSE) {
                contradicted.add(weaker.checker());
                allWhiteBox &= WHITE_BOX.equals(result.verdicts().get(weaker).stats().get("mode"));
            }
        }
        if (!contradicted.isEmpty()) {
            text.append(" (but ").append(String.join(", ", contradicted)).append(allWhiteBox
                    ? " INVALID by the target's own versions, which the black-box " + chain.get(rung).checker() + " check does not read)"
                    : " INVALID, which it implies: the checkers disagree)");
        }
        List<String> eventualFaults = eventualFaults(result);
        if (!eventualFaults.isEmpty()) {
            text.append("; ").append(String.join(", ", eventualFaults));
        }
        return text.toString();
    }

    /**
     * What the eventual measures found wrong beside a kept rung: a single register can be
     * sequential and still serve stale reads, which the rung alone would hide.
     */
    private static List<String> eventualFaults(SystemResult result) {
        List<String> faults = new ArrayList<>();
        result.verdict(Model.CONVERGENCE).filter(verdict -> verdict.valid() == Validity.FALSE).ifPresent(convergence -> {
            if (!Boolean.TRUE.equals(convergence.stats().get("converged"))) {
                faults.add("diverged");
            }
            long lost = anomalies(convergence, "lost");
            if (lost > 0) {
                faults.add("lost " + lost);
            }
        });
        result.verdict(Model.STALENESS).filter(verdict -> verdict.valid() == Validity.FALSE)
                .ifPresent(staleness -> faults.add("stale reads " + anomalies(staleness, "stale-read")));
        return faults;
    }

    /** No rung of the chain holds: what the eventual measures say, else why nothing is kept. */
    private static String notChained(SystemResult result, List<Model> chain) {
        Optional<Verdict> convergence = result.verdict(Model.CONVERGENCE);
        if (convergence.isEmpty()) {
            boolean undecided = chain.stream().anyMatch(model -> result.validity(model) == Validity.UNKNOWN);
            return chain.isEmpty() ? "nothing checked" : undecided ? "undecided" : "none: not " + chain.get(chain.size() - 1).title();
        }
        List<String> parts = new ArrayList<>();
        Verdict converged = convergence.get();
        if (converged.valid() == Validity.UNKNOWN) {
            parts.add("convergence unknown");
        } else {
            parts.add(Boolean.TRUE.equals(converged.stats().get("converged")) ? "converged" : "diverged");
            parts.add("lost " + anomalies(converged, "lost"));
        }
        result.verdict(Model.STALENESS).ifPresent(staleness -> parts.add(staleness.valid() == Validity.UNKNOWN
                ? "staleness unknown" : "stale reads " + anomalies(staleness, "stale-read")));
        String prefix = switch (parts.get(0)) {
            case "converged" -> "eventual: ";
            case "diverged" -> "not eventual: ";
            default -> "";
        };
        return prefix + String.join(", ", parts);
    }

    /** How many anomalies of a type the verdict found (its {@code anomalyCounts}, else those it kept). */
    static long anomalies(Verdict verdict, String type) {
        if (verdict.stats().get("anomalyCounts") instanceof Map<?, ?> counts) {
            return counts.get(type) instanceof Number count ? count.longValue() : 0;
        }
        return verdict.anomalies().stream().filter(anomaly -> anomaly.type().equals(type)).count();
    }

    /** How many anomalies the verdict found in all. */
    static long anomalies(Verdict verdict) {
        if (verdict.stats().get("anomalyCounts") instanceof Map<?, ?> counts) {
            return counts.values().stream().mapToLong(count -> count instanceof Number n ? n.longValue() : 0).sum();
        }
        return verdict.anomalies().size();
    }
}
