package dev.faultline.harness.compare;

import dev.faultline.harness.workload.Workload;
import java.util.List;

/**
 * The models a comparison checks every run against, strongest first, chosen for the workload's
 * histories, and a note for each model left out and why (the checkers answer unknown on histories
 * they do not handle; a column of unknowns would say nothing).
 *
 * <ul>
 *   <li>register, kv without cas: the whole chain, staleness and convergence (model register);
 *   <li>register, kv with cas: linearizable and sequential — the causal, session, staleness and
 *       convergence checkers handle read and write only;
 *   <li>set: causal (visibility of adds) and convergence (model set); the session checker points
 *       to causal for sets, and staleness has no version order of a set;
 *   <li>append: causal (lists: visibility and order); convergence has no list model.
 * </ul>
 *
 * @param models the models checked, in the matrix's column order
 * @param notes what was left out, one line each
 */
public record ModelLadder(List<Model> models, List<String> notes) {
    public ModelLadder {
        models = List.copyOf(models);
        notes = List.copyOf(notes);
    }

    /** The ladder of a workload. */
    public static ModelLadder of(Workload workload) {
        return switch (workload.name()) {
            case "register", "kv" -> workload.functions().contains("cas")
                    ? new ModelLadder(List.of(Model.LINEARIZABLE, Model.SEQUENTIAL), List.of(
                            "causal, session, staleness, convergence: their checkers handle read and write only; "
                                    + "--workload-opt cas-percent=0 adds them"))
                    : new ModelLadder(List.of(Model.values()), List.of());
            case "set" -> new ModelLadder(List.of(Model.CAUSAL, Model.CONVERGENCE), List.of(
                    "linearizable, sequential, session, staleness: not checked for sets; causal covers the session guarantees"));
            case "append" -> new ModelLadder(List.of(Model.CAUSAL), List.of(
                    "linearizable, sequential, session, staleness, convergence: not checked for lists; causal covers the session guarantees"));
            default -> throw new IllegalArgumentException("no model ladder for the " + workload.name() + " workload");
        };
    }

    /** The checker names, for the runs' {@code --checker}. */
    public List<String> checkers() {
        return models.stream().map(Model::checker).toList();
    }

    public boolean contains(Model model) {
        return models.contains(model);
    }
}
