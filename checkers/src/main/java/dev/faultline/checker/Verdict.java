package dev.faultline.checker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a checker concluded about a history (DESIGN.md §4).
 *
 * @param checker the checker's name, e.g. {@code linearizable}
 * @param valid the answer
 * @param anomalies every violation found, each with its witness; empty when valid
 * @param stats figures about the check and the history (ops checked, states explored, time)
 * @param cause for {@link Validity#UNKNOWN}: why the checker could not decide, and how far it got;
 *     null otherwise
 */
public record Verdict(String checker, Validity valid, List<Anomaly> anomalies, Map<String, Object> stats, String cause) {
    public Verdict {
        Objects.requireNonNull(checker, "checker");
        Objects.requireNonNull(valid, "valid");
        anomalies = List.copyOf(anomalies);
        stats = stats == null ? Map.of() : stats;
        if (valid == Validity.UNKNOWN && cause == null) {
            throw new IllegalArgumentException("an unknown verdict must say why");
        }
        if (valid == Validity.FALSE && anomalies.isEmpty()) {
            throw new IllegalArgumentException("an invalid verdict must carry its witness");
        }
    }

    public static Verdict valid(String checker, Map<String, Object> stats) {
        return new Verdict(checker, Validity.TRUE, List.of(), stats, null);
    }

    public static Verdict invalid(String checker, List<Anomaly> anomalies, Map<String, Object> stats) {
        return new Verdict(checker, Validity.FALSE, anomalies, stats, null);
    }

    public static Verdict unknown(String checker, String cause, Map<String, Object> stats) {
        return new Verdict(checker, Validity.UNKNOWN, List.of(), stats, cause);
    }

    /** The composition of several verdicts: false wins, then unknown; anomalies and causes concatenated. */
    public static Verdict compose(String checker, List<Verdict> parts) {
        Validity valid = Validity.TRUE;
        List<Anomaly> anomalies = new ArrayList<>();
        List<String> causes = new ArrayList<>();
        Map<String, Object> stats = new LinkedHashMap<>();
        for (Verdict part : parts) {
            valid = valid.and(part.valid());
            anomalies.addAll(part.anomalies());
            if (part.cause() != null) {
                causes.add(part.checker() + ": " + part.cause());
            }
            stats.put(part.checker(), part.valid().wireName());
        }
        String cause = valid == Validity.UNKNOWN ? String.join("; ", causes) : null;
        return new Verdict(checker, valid, anomalies, stats, cause);
    }
}
