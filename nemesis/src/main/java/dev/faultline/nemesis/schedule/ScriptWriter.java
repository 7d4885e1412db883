package dev.faultline.nemesis.schedule;

import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.PartitionShape;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes faults as they were applied ({@code Fault.describe()}, the {@code applied} field of
 * {@code faults.jsonl}) as a {@link NemesisScript} with absolute node names and times, so that a
 * run's faults can be replayed without the roles and the seed that chose them. Times are written in
 * seconds to the nanosecond, so that the script parses back to the same times; a partition is
 * written as two groups ({@code A | B}) when it is one, else as one-way cuts ({@code A<B; ...}).
 */
public final class ScriptWriter {
    private static final int NANOS_DIGITS = 9;

    private ScriptWriter() {}

    /**
     * One fault to write.
     *
     * @param applied the fault's description, as {@code Fault.describe()} gives it
     * @param comment written after the fault on its line; null for none
     */
    public record Entry(long startNanos, long durationNanos, Map<String, Object> applied, String comment) {
        public Entry {
            if (startNanos < 0 || durationNanos <= 0) {
                throw new IllegalArgumentException("a fault starts at 0 s or later and lasts more than 0 s, was "
                        + startNanos + " ns for " + durationNanos + " ns");
            }
            applied = Map.copyOf(applied);
        }
    }

    /**
     * The script: each header line as a comment, then one line per entry.
     *
     * @param nodes every node of the cluster, in order
     * @throws IllegalArgumentException when a fault cannot be written as a script line
     */
    public static String write(List<String> header, List<Entry> entries, List<String> nodes) {
        StringBuilder script = new StringBuilder();
        header.forEach(line -> script.append("# ").append(line).append('\n'));
        for (Entry entry : entries) {
            script.append(line(entry, nodes)).append('\n');
        }
        return script.toString();
    }

    /** One script line. @throws IllegalArgumentException when the fault cannot be written */
    public static String line(Entry entry, List<String> nodes) {
        Map<String, Object> applied = entry.applied();
        FaultKind kind = FaultKind.fromCliName(String.valueOf(applied.get("kind")))
                .orElseThrow(() -> new IllegalArgumentException("not a fault: " + applied));
        List<String> words = new ArrayList<>(List.of(seconds(entry.startNanos()), seconds(entry.durationNanos()), kind.cliName()));
        if (kind == FaultKind.PARTITION) {
            words.add(partitionTargets(grudge(applied, nodes), nodes));
        } else {
            words.add(String.join(",", strings(applied.get("nodes"))));
            words.addAll(parameters(kind, applied));
        }
        String line = String.join(" ", words);
        return entry.comment() == null ? line : line + "   # " + entry.comment();
    }

    private static List<String> parameters(FaultKind kind, Map<String, Object> applied) {
        Map<String, String> names = switch (kind) {
            case LINK -> linkParameters(applied);
            case CLOCK -> clockParameters(applied);
            case DISK -> ordered("delay", "fsyncDelayMeanMillis", "jitter", "fsyncDelayJitterMillis");
            default -> Map.of();
        };
        List<String> parameters = new ArrayList<>();
        names.forEach((name, field) -> {
            if (applied.get(field) instanceof Number value) {
                parameters.add(name + "=" + value);
            }
        });
        return parameters;
    }

    private static Map<String, String> linkParameters(Map<String, Object> applied) {
        if (applied.containsKey("peers")) {
            throw new IllegalArgumentException("a script cannot write a link fault on some peers only: " + applied);
        }
        return ordered("loss", "lossProbability", "delay", "delayMeanMillis", "jitter", "delayJitterMillis",
                "duplicate", "duplicateProbability", "reorder", "reorderProbability", "window", "reorderWindowMillis");
    }

    private static Map<String, String> clockParameters(Map<String, Object> applied) {
        return switch (String.valueOf(applied.get("change"))) {
            case "bump" -> ordered("bump", "deltaMillis");
            case "rate" -> ordered("rate", "rate");
            // A strobe lasts as long as its line, as the random schedule's strobes last their window.
            case "strobe" -> ordered("strobe", "deltaMillis", "period", "periodMillis");
            default -> throw new IllegalArgumentException("unknown clock change: " + applied);
        };
    }

    /** Pairs of script parameter and description field, in order. */
    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            names.put(pairs[i], pairs[i + 1]);
        }
        return names;
    }

    /** The partition's grudge, every node a key. */
    private static Map<String, SortedSet<String>> grudge(Map<String, Object> applied, List<String> nodes) {
        Map<String, SortedSet<String>> grudge = new TreeMap<>();
        nodes.forEach(node -> grudge.put(node, new TreeSet<>()));
        if (!(applied.get("dropsFrom") instanceof Map<?, ?> drops)) {
            throw new IllegalArgumentException("a partition without dropsFrom: " + applied);
        }
        drops.forEach((node, peers) -> {
            if (!grudge.containsKey(node.toString())) {
                throw new IllegalArgumentException("partition names " + node + ", not a node of " + nodes);
            }
            grudge.get(node.toString()).addAll(strings(peers));
        });
        return grudge;
    }

    /** {@code A | B} when the grudge is two groups cut off from each other, else one-way cuts. */
    private static String partitionTargets(Map<String, SortedSet<String>> grudge, List<String> nodes) {
        String first = grudge.keySet().stream().filter(node -> !grudge.get(node).isEmpty()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a partition that cuts no link"));
        SortedSet<String> right = grudge.get(first);
        SortedSet<String> left = new TreeSet<>(grudge.keySet().stream().filter(node -> grudge.get(node).equals(right)).toList());
        if (!left.stream().anyMatch(right::contains) && PartitionShape.between(nodes, left, right).equals(grudge)) {
            return String.join(",", left) + " | " + String.join(",", right);
        }
        Map<Set<String>, List<String>> byPeers = new LinkedHashMap<>();
        grudge.forEach((node, peers) -> {
            if (!peers.isEmpty()) {
                byPeers.computeIfAbsent(peers, key -> new ArrayList<>()).add(node);
            }
        });
        List<String> cuts = new ArrayList<>();
        byPeers.forEach((peers, deaf) -> cuts.add(String.join(",", deaf) + "<" + String.join(",", peers)));
        return String.join("; ", cuts);
    }

    private static List<String> strings(Object list) {
        if (!(list instanceof List<?> values) || values.isEmpty()) {
            throw new IllegalArgumentException("expected a list of nodes, was " + list);
        }
        return values.stream().map(Object::toString).toList();
    }

    /** Seconds to the nanosecond, without trailing zeros: {@code 12.5}, {@code 0.000000001}. */
    static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, NANOS_DIGITS).stripTrailingZeros().toPlainString();
    }
}
