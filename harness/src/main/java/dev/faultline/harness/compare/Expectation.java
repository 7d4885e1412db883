package dev.faultline.harness.compare;

import dev.faultline.checker.Validity;
import dev.faultline.harness.UserInputException;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * {@code --expect LABEL=MODEL}: the system with that label keeps that model ("raft keeps
 * linearizable", "zab-local keeps sequential"). It turns a comparison into an assertion for CI.
 * The label is everything before the last {@code =}, so a label may itself hold {@code =}
 * ({@code gossip:w=1,r=1=convergence}).
 */
public record Expectation(String label, Model model) {

    /** Whether the expectation held. */
    public enum Outcome {
        /** The model's verdict is valid. */
        KEPT,
        /** The model's verdict is invalid: its witness is the counterexample. */
        BROKEN,
        /** The model's verdict is unknown, or the system's run failed. */
        UNDECIDED
    }

    /**
     * @param labels the systems' labels
     * @param ladder the models the comparison checks
     * @throws UserInputException for a form, a label or a model the comparison cannot judge
     */
    public static Expectation parse(String text, Collection<String> labels, ModelLadder ladder) {
        int split = text.lastIndexOf('=');
        if (split <= 0 || split == text.length() - 1) {
            throw new UserInputException("--expect " + text + ": expected LABEL=MODEL, e.g. raft=linearizable");
        }
        String label = text.substring(0, split).strip();
        String name = text.substring(split + 1).strip();
        if (!labels.contains(label)) {
            throw new UserInputException("--expect " + text + ": no system is labelled " + label + " (labels: "
                    + String.join(", ", labels) + ")");
        }
        Model model = Model.byChecker(name).orElseThrow(() -> new UserInputException("--expect " + text + ": unknown model "
                + name + " (models: " + Arrays.stream(Model.values()).map(Model::checker).collect(Collectors.joining(", ")) + ")"));
        if (!ladder.contains(model)) {
            throw new UserInputException("--expect " + text + ": this workload's comparison does not check " + name
                    + " (it checks " + String.join(", ", ladder.checkers()) + ")");
        }
        return new Expectation(label, model);
    }

    public Outcome judge(SystemResult result) {
        return switch (result.validity(model)) {
            case TRUE -> Outcome.KEPT;
            case FALSE -> Outcome.BROKEN;
            case UNKNOWN -> Outcome.UNDECIDED;
        };
    }

    @Override
    public String toString() {
        return label + " keeps " + model.checker();
    }
}
