package dev.faultline.checker.sequential;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Checker;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.checker.causal.CausalChecker;
import dev.faultline.checker.causal.CausalModel;
import dev.faultline.checker.graph.AnomalyLog;
import dev.faultline.checker.graph.Guarded;
import dev.faultline.checker.graph.UnsupportedHistoryException;
import dev.faultline.checker.session.Guarantee;
import dev.faultline.checker.session.SessionChecker;
import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.Values;
import dev.faultline.history.Operation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code sequential}: sequential consistency of a register or key-value history (read, write,
 * cas): one total order of the operations that respects each session's order and the register's
 * semantics, with no real-time constraint (Lamport). Decided in tiers, stopping at the first
 * definite answer (notes §9.3):
 *
 * <ol>
 *   <li>per key, when its written values are distinct: the linear block graph
 *       ({@link BlockGraph}); a violation on one key is a violation of the store. With one key,
 *       this decides.
 *   <li>with several keys and the default semantics, screens that sequential consistency implies:
 *       causal convergence (CCv) and PRAM; a violation found there is the witness.
 *   <li>a search over the whole store ({@link SequentialSearch}), bounded by the time limit: it
 *       answers {@code unknown} with how far it got when the budget runs out.
 * </ol>
 *
 * Sequential consistency is not local: every key can be sequentially consistent while the store
 * is not. Option {@code scope}: {@code whole-store} (default) decides for the store;
 * {@code per-key} checks each key alone, and a valid verdict then says so in its statistics.
 * Semantics options as for {@link RegisterSemantics}.
 */
public final class SequentialChecker implements Checker {
    public static final String NAME = "sequential";

    private final RegisterSemantics semantics;
    private final boolean wholeStore;

    public SequentialChecker(RegisterSemantics semantics, boolean wholeStore) {
        this.semantics = semantics;
        this.wholeStore = wholeStore;
    }

    /** From the options {@code scope} (whole-store|per-key), {@code initial}, {@code nil-read}, {@code failed-cas}. */
    public static SequentialChecker fromOptions(CheckerOptions options) {
        return new SequentialChecker(RegisterSemantics.fromOptions(options),
                options.choice("scope", "whole-store", "whole-store", "per-key").equals("whole-store"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict check(History history, CheckContext context) {
        Map<String, Object> stats = new LinkedHashMap<>();
        return Guarded.verdict(NAME, stats, () -> decide(history, context, stats));
    }

    /** The tiers, in order; {@code stats} fills up as they go, for an unknown verdict too. */
    private Verdict decide(History history, CheckContext context, Map<String, Object> stats) throws UnsupportedHistoryException {
        SequentialHistory observed = SequentialHistory.of(history, semantics);
        int keys = observed.ops.keyCount();
        stats.put("scope", keys <= 1 ? "whole-store (one key)" : wholeStore ? "whole-store" : "per-key");
        stats.put("operations", (long) observed.ops.size());
        stats.put("sessions", (long) observed.ops.sessions().count());
        stats.put("keys", (long) keys);
        Map<String, Object> perKey = new LinkedHashMap<>();
        stats.put("perKey", perKey);
        AnomalyLog log = new AnomalyLog();
        List<Integer> undecided = new ArrayList<>();
        List<List<Integer>> members = membersByKey(observed);
        List<Set<Object>> failedValues = failedValuesByKey(history, observed);
        long keysValid = 0;
        for (int key = 0; key < keys; key++) {
            long before = log.total();
            String inapplicable = new BlockGraph(observed, semantics, key, log).check(members.get(key), failedValues.get(key));
            if (inapplicable != null) {
                undecided.add(key);
                perKey.put(name(observed, key), "search (" + inapplicable + ")");
            } else if (log.total() > before) {
                perKey.put(name(observed, key), "invalid");
            } else {
                keysValid++;
            }
        }
        stats.put("keysValidByBlockGraph", keysValid);
        if (!log.isEmpty()) {
            stats.put("tier", "block-graph");
            return log.verdict(NAME, stats);
        }
        if (keys > 1 && wholeStore) {
            return wholeStore(history, observed, context, stats);
        }
        for (int key : undecided) {
            Anomaly witness = search(SequentialHistory.of(onlyKey(history, observed.ops.key(key)), semantics), context, stats);
            perKey.put(name(observed, key), witness == null ? "valid by search" : "invalid");
            if (witness != null) {
                log.add(witness.type(), () -> witness);
            }
        }
        stats.put("tier", undecided.isEmpty() ? "block-graph" : "search");
        if (keys > 1 && log.isEmpty()) {
            stats.put("note", "each key is sequentially consistent alone; the store as a whole was not checked");
        }
        return log.verdict(NAME, stats);
    }

    private Verdict wholeStore(History history, SequentialHistory observed, CheckContext context, Map<String, Object> stats) {
        // The screens read nil as the initial value and a failed cas as not having happened.
        if (!semantics.nilReadTellsNothing() && !semantics.failedCasComparedFalse()) {
            List<Checker> screens = List.of(new CausalChecker(CausalModel.CCV, semantics.initialValue()),
                    new SessionChecker(EnumSet.of(Guarantee.RYW, Guarantee.MR, Guarantee.MW), semantics.initialValue()));
            for (Checker screen : screens) {
                Verdict verdict = screen.check(history, context);
                if (verdict.valid() == Validity.FALSE) {
                    stats.put("tier", "screen: " + screen.name() + " " + (screen instanceof CausalChecker ? "ccv" : "pram"));
                    return Verdict.invalid(NAME, verdict.anomalies(), stats);
                }
            }
        }
        stats.put("tier", "search");
        AnomalyLog log = new AnomalyLog();
        Anomaly witness = search(observed, context, stats);
        if (witness != null) {
            log.add(witness.type(), () -> witness);
        }
        return log.verdict(NAME, stats);
    }

    private Anomaly search(SequentialHistory observed, CheckContext context, Map<String, Object> stats) {
        SequentialSearch search = new SequentialSearch(observed, semantics, context);
        try {
            return search.run();
        } finally {
            stats.merge("configurationsExpanded", search.configurationsExpanded(), (a, b) -> (Long) a + (Long) b);
        }
    }

    private static List<List<Integer>> membersByKey(SequentialHistory observed) {
        List<List<Integer>> members = new ArrayList<>();
        for (int key = 0; key < observed.ops.keyCount(); key++) {
            members.add(new ArrayList<>());
        }
        for (int node = 0; node < observed.ops.size(); node++) {
            members.get(observed.ops.keyId(node)).add(node);
        }
        return members;
    }

    /** Per key, the values that failed writes and cas wrote: reads of them are aborted reads. */
    private static List<Set<Object>> failedValuesByKey(History history, SequentialHistory observed) {
        Map<Object, Integer> keyIds = new HashMap<>();
        List<Set<Object>> values = new ArrayList<>();
        for (int key = 0; key < observed.ops.keyCount(); key++) {
            keyIds.put(observed.ops.key(key), key);
            values.add(new HashSet<>());
        }
        for (Operation operation : history.operations()) {
            Integer key = keyIds.get(operation.key());
            if (operation.isFail() && key != null && !operation.f().equals("read")) {
                Object value = operation.invoke().value();
                values.get(key).add(operation.f().equals("cas") && value instanceof List<?> swap ? swap.get(1) : value);
            }
        }
        return values;
    }

    private static String name(SequentialHistory observed, int key) {
        Object name = observed.ops.key(key);
        return name == null ? "(no key)" : Values.describe(name);
    }

    /** The history's operations on one key, nemesis events dropped. */
    private static History onlyKey(History history, Object key) {
        List<Op> ops = new ArrayList<>();
        for (int position = 0; position < history.size(); position++) {
            Op op = history.get(position);
            Op invocation = op.type().isCompletion() && history.pairOf(position) >= 0 ? history.get(history.pairOf(position)) : op;
            if (op.isClient() && Objects.equals(invocation.key() != null ? invocation.key() : op.key(), key)) {
                ops.add(op);
            }
        }
        return History.of(history.source(), ops);
    }
}
