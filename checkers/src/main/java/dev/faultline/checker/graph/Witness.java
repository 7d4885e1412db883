package dev.faultline.checker.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A chain of {@link Step}s as the two forms a witness takes: readable text ("P1 wrote x=1 then
 * y=1; P2 read y=1 then x=nil") and data for {@code results.json} that a report can draw
 * ({@code [{"from": 12, "to": 15, "rel": "po"}, ...]}, operations named by
 * {@link ObservedOps#opIndex}).
 */
public final class Witness {
    private Witness() {}

    /**
     * The chain as sentences, one per run of a session's operations; program order reads "then",
     * reads-from and observation start the reader's sentence, and each derived step (conflict,
     * happens-before, a session guarantee, a list order) is put in words by {@code clause}.
     */
    public static String text(ObservedOps ops, List<Step> steps, Function<Step, String> clause) {
        StringBuilder text = new StringBuilder();
        int open = -1;
        for (Step step : steps) {
            switch (step.relation()) {
                case PROGRAM_ORDER -> {
                    open = openAt(ops, text, open, step.from());
                    text.append(" then ");
                    if (ops.kind(step.to()) != ops.kind(step.from())) {
                        text.append(ops.kind(step.to()).verb()).append(' ');
                    }
                    text.append(ops.object(step.to()));
                    open = step.to();
                }
                case READS_FROM, OBSERVED -> {
                    openAt(ops, text, open, step.from());
                    text.append("; ").append(ops.describe(step.to()));
                    open = step.to();
                }
                default -> {
                    separate(text);
                    text.append(clause.apply(step));
                    open = -1;
                }
            }
        }
        return text.toString();
    }

    private static int openAt(ObservedOps ops, StringBuilder text, int open, int node) {
        if (open != node) {
            separate(text);
            text.append(ops.describe(node));
        }
        return node;
    }

    private static void separate(StringBuilder text) {
        if (text.length() > 0) {
            text.append("; ");
        }
    }

    /** The steps as maps {@code {from, to, rel[, by]}} of operation indices. */
    public static List<Object> data(ObservedOps ops, List<Step> steps) {
        List<Object> data = new ArrayList<>(steps.size());
        for (Step step : steps) {
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("from", (long) ops.opIndex(step.from()));
            edge.put("to", (long) ops.opIndex(step.to()));
            edge.put("rel", step.relation().wireName());
            if (step.cause() >= 0) {
                edge.put("by", (long) ops.opIndex(step.cause()));
            }
            data.add(edge);
        }
        return data;
    }

    /** The operation indices of {@code first}, then of every node the steps name, each once, in order. */
    public static List<Integer> opIndices(ObservedOps ops, List<Step> steps, int... first) {
        Set<Integer> indices = new LinkedHashSet<>();
        for (int node : first) {
            indices.add(ops.opIndex(node));
        }
        for (Step step : steps) {
            indices.add(ops.opIndex(step.from()));
            indices.add(ops.opIndex(step.to()));
            if (step.cause() >= 0) {
                indices.add(ops.opIndex(step.cause()));
            }
        }
        return List.copyOf(indices);
    }
}
