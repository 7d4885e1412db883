package dev.faultline.checker.causal;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Checker;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.Verdict;
import dev.faultline.checker.graph.CollectionHistory;
import dev.faultline.checker.graph.Guarded;
import dev.faultline.checker.graph.InitialValue;
import dev.faultline.checker.graph.RegisterHistory;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import java.util.List;
import java.util.Map;

/**
 * {@code causal}: causal consistency in one of the three models of Bouajjani et al. (POPL 2017),
 * {@code cc}, {@code ccv} or {@code cm} (option {@code consistency}, default {@code cc}).
 *
 * <p>On a register or key-value history of {@code read} and {@code write} with unique written
 * values it looks for the paper's bad patterns ({@link RegisterCausality}); a read of nil (or of
 * the {@code initial} option's value) reads the initial, absent value. On a history of
 * {@code add} or {@code append} and {@code read} of whole sets or lists, visibility is observed
 * and checked directly ({@link CollectionCausality}). The mode follows from the functions in the
 * history (a history of reads alone is of sets when its reads return lists). Histories that break these assumptions (a value written twice, a {@code cas}) get
 * {@code unknown} with the reason.
 */
public final class CausalChecker implements Checker {
    public static final String NAME = "causal";

    private final CausalModel model;
    private final Object initialValue;

    public CausalChecker(CausalModel model, Object initialValue) {
        this.model = model;
        this.initialValue = initialValue;
    }

    /** From the options {@code consistency} (cc, ccv, cm) and {@code initial} (JSON). */
    public static CausalChecker fromOptions(CheckerOptions options) {
        return new CausalChecker(CausalModel.fromWireName(options.string("consistency", "cc")),
                InitialValue.of(options, null));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict check(History history, CheckContext context) {
        return Guarded.verdict(NAME, Map.of("consistency", model.wireName()), () -> isCollectionHistory(history)
                ? new CollectionCausality(CollectionHistory.of(history), model, context).verdict(NAME)
                : new RegisterCausality(RegisterHistory.of(history, initialValue), model, context).verdict(NAME));
    }

    /** Sets or lists: some add or append, or no write and some read of a whole collection. */
    private static boolean isCollectionHistory(History history) {
        boolean writes = false;
        boolean collectionReads = false;
        for (Operation operation : history.operations()) {
            switch (operation.f()) {
                case "add", "append" -> {
                    return true;
                }
                case "write" -> writes = true;
                case "read" -> collectionReads |= operation.isOk() && operation.value() instanceof List<?>;
                default -> { }
            }
        }
        return !writes && collectionReads;
    }
}
