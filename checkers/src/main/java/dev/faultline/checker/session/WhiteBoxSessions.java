package dev.faultline.checker.session;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Verdict;
import dev.faultline.checker.graph.AnomalyLog;
import dev.faultline.checker.graph.BudgetExhausted;
import dev.faultline.checker.graph.MetaKeys;
import dev.faultline.checker.graph.ObservedOps;
import dev.faultline.checker.graph.OpKind;
import dev.faultline.checker.graph.Sessions;
import dev.faultline.checker.graph.UnsupportedHistoryException;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Session guarantees when the store says which version each operation wrote or read
 * ({@link MetaKeys#VERSION meta.version} on every {@code ok} write and on every read of a
 * written value): the write order is known, so each guarantee is one scan of each session (Terry
 * et al.; notes §3.3), O(n), and needs no unique values. Per session and key: reads never go back in version
 * (MR), never below an own write (RYW); own writes go up (MW) and above every version read
 * before (WFR). Versions are numbers, or lists of numbers compared element by element (say
 * {@code [timestamp, node]}); a read of the initial value may carry none, and is lowest.
 */
final class WhiteBoxSessions {

    private final History history;
    private final Set<Guarantee> guarantees;
    private final CheckContext context;
    private final AnomalyLog log = new AnomalyLog();
    private ObservedOps ops;
    private long violations;

    WhiteBoxSessions(History history, Set<Guarantee> guarantees, CheckContext context) {
        this.history = history;
        this.guarantees = guarantees;
        this.context = context;
    }

    /** True when every ok write, and every ok read of a value other than the initial one, carries a version. */
    static boolean applies(History history, Object initialValue) {
        boolean any = false;
        for (Operation operation : history.operations()) {
            if (!operation.isOk()) {
                continue;
            }
            boolean versioned = operation.complete().meta().get(MetaKeys.VERSION) != null;
            boolean initialRead = operation.f().equals("read") && Objects.equals(operation.value(), initialValue);
            if (!versioned && !initialRead) {
                return false;
            }
            any |= versioned;
        }
        return any;
    }

    Verdict verdict(String checker) throws UnsupportedHistoryException {
        check();
        return log.verdict(checker, stats());
    }

    private void check() throws UnsupportedHistoryException {
        List<Operation> selected = new ArrayList<>();
        List<OpKind> kinds = new ArrayList<>();
        for (Operation operation : history.operations()) {
            if (!operation.f().equals("read") && !operation.f().equals("write")) {
                throw new UnsupportedHistoryException(history.where(operation.invocation())
                        + " is a " + operation.f() + "; session checks handle read and write only");
            }
            if (operation.isOk()) {
                selected.add(operation);
                kinds.add(operation.f().equals("read") ? OpKind.READ : OpKind.WRITE);
            }
        }
        ops = ObservedOps.of(history, selected, kinds);
        Sessions sessions = ops.sessions();
        for (int session = 0; session < sessions.count(); session++) {
            if (session % 64 == 0) {
                BudgetExhausted.poll(context, "after " + session + " of " + sessions.count() + " sessions");
            }
            scan(sessions.members(session));
        }
    }

    private Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("mode", "white-box");
        stats.put("guarantees", guarantees.stream().map(Guarantee::wireName).toList());
        stats.put("operations", (long) ops.size());
        stats.put("sessions", (long) ops.sessions().count());
        stats.put("keys", (long) ops.keyCount());
        stats.put("sessionLocalViolations", violations);
        return stats;
    }

    /** The highest-versioned read and own write of one key so far in a session. */
    private static final class KeyState {
        int newestRead = -1;
        int newestOwnWrite = -1;
    }

    private void scan(int[] members) throws UnsupportedHistoryException {
        Map<Integer, KeyState> states = new HashMap<>();
        for (int node : members) {
            KeyState state = states.computeIfAbsent(ops.keyId(node), key -> new KeyState());
            if (ops.kind(node) == OpKind.READ) {
                check(Guarantee.MR, state.newestRead, node, false);
                check(Guarantee.RYW, state.newestOwnWrite, node, false);
                state.newestRead = newer(state.newestRead, node);
            } else {
                check(Guarantee.MW, state.newestOwnWrite, node, true);
                check(Guarantee.WFR, state.newestRead, node, true);
                state.newestOwnWrite = newer(state.newestOwnWrite, node);
            }
        }
    }

    /** Flags {@code later} when its version is below (or, strictly, not above) {@code earlier}'s. */
    private void check(Guarantee guarantee, int earlier, int later, boolean strictly) throws UnsupportedHistoryException {
        if (!guarantees.contains(guarantee) || earlier < 0) {
            return;
        }
        int order = compare(version(later), version(earlier));
        if (order < 0 || (strictly && order == 0)) {
            violations++;
            log.add(guarantee.name(), () -> anomaly(guarantee, earlier, later));
        }
    }

    private int newer(int current, int node) throws UnsupportedHistoryException {
        return current < 0 || compare(version(node), version(current)) > 0 ? node : current;
    }

    private Object version(int node) {
        return ops.operation(node).complete().meta().get(MetaKeys.VERSION);
    }

    /** Orders versions; null (a read of the initial value) is lowest. */
    private int compare(Object a, Object b) throws UnsupportedHistoryException {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                int order = compare(x.get(i), y.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        throw new UnsupportedHistoryException("versions " + Values.describe(a) + " and " + Values.describe(b)
                + " cannot be ordered: use numbers or lists of numbers");
    }

    private Anomaly anomaly(Guarantee guarantee, int earlier, int later) {
        String text = ops.actor(later) + " " + ops.kind(earlier).verb() + " " + describe(earlier) + " then "
                + ops.kind(later).verb() + " " + describe(later) + ": " + switch (guarantee) {
                    case MR -> "monotonic reads";
                    case RYW -> "read your writes";
                    case MW -> "monotonic writes";
                    case WFR -> "writes follow reads";
                } + " violated";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("scope", "session-local");
        data.put("guarantees", List.of(guarantee.wireName()));
        data.put("session", ops.actor(later));
        data.put("versions", Arrays.asList(version(earlier), version(later)));
        return new Anomaly(guarantee.name(), text, List.of(ops.opIndex(earlier), ops.opIndex(later)), data);
    }

    private String describe(int node) {
        String server = ops.operation(node).node();
        Object version = version(node);
        return ops.object(node) + (version == null ? "" : " (version " + Values.describe(version) + ")")
                + (server == null ? "" : " at " + server);
    }
}
