package dev.faultline.checker.session;

import dev.faultline.checker.OracleInput;
import dev.faultline.history.History;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The session guarantees in their visibility/arbitration form (Viotti and Vukolić, after
 * Burckhardt), checked by brute force per key on tiny histories, for property tests of
 * {@link SessionChecker}: there must be a total order {@code ar} of the key's writes and, for
 * each read, a set {@code vis} of writes such that the read returns the ar-last write of its
 * {@code vis} (the initial value when empty), and, within each session, in program order:
 *
 * <ul>
 *   <li>RYW: each own earlier write is in a read's vis;
 *   <li>MR: an earlier read's vis is inside a later read's vis;
 *   <li>MW: an own earlier write precedes a later one in ar;
 *   <li>WFR: every write in an earlier read's vis precedes a later own write in ar.
 * </ul>
 *
 * It enumerates every ar and every vis, with none of the checker's shortcuts (no prefix
 * visibility, no constraint graph). Own preprocessing: {@link OracleInput}.
 */
final class SessionOracle {
    private record Node(int session, boolean read, Object key, Object value) {}

    private final List<Node> nodes = new ArrayList<>();
    private final Set<Guarantee> guarantees;

    SessionOracle(History history, Set<Guarantee> guarantees) {
        this.guarantees = guarantees;
        OracleInput.forEachKept(history, (operation, session) -> {
            boolean read = operation.f().equals("read");
            nodes.add(new Node(session, read, operation.key(), read ? operation.value() : operation.invoke().value()));
        });
    }

    boolean satisfied() {
        Set<Object> keys = new HashSet<>();
        nodes.forEach(node -> keys.add(node.key()));
        for (Object key : keys) {
            if (!satisfied(key)) {
                return false;
            }
        }
        return true;
    }

    private boolean satisfied(Object key) {
        List<Integer> writes = new ArrayList<>();
        List<Integer> members = new ArrayList<>();
        for (int node = 0; node < nodes.size(); node++) {
            if (Objects.equals(nodes.get(node).key(), key)) {
                members.add(node);
                if (!nodes.get(node).read()) {
                    writes.add(node);
                }
            }
        }
        for (int node : members) {
            Node read = nodes.get(node);
            if (read.read() && read.value() != null && writerOf(writes, read.value()) < 0) {
                return false;
            }
        }
        return anyOrder(writes, new ArrayList<>(), members);
    }

    private int writerOf(List<Integer> writes, Object value) {
        for (int write : writes) {
            if (Objects.equals(nodes.get(write).value(), value)) {
                return write;
            }
        }
        return -1;
    }

    private boolean anyOrder(List<Integer> remaining, List<Integer> order, List<Integer> members) {
        if (remaining.isEmpty()) {
            return satisfiedUnder(order, members);
        }
        for (int write : new ArrayList<>(remaining)) {
            remaining.remove(Integer.valueOf(write));
            order.add(write);
            boolean found = anyOrder(remaining, order, members);
            order.remove(order.size() - 1);
            remaining.add(write);
            if (found) {
                return true;
            }
        }
        return false;
    }

    /** With {@code order} as ar, whether every session can choose the visibility of its reads. */
    private boolean satisfiedUnder(List<Integer> order, List<Integer> members) {
        Map<Integer, List<Integer>> bySession = new LinkedHashMap<>();
        for (int node : members) {
            bySession.computeIfAbsent(nodes.get(node).session(), s -> new ArrayList<>()).add(node);
        }
        for (List<Integer> session : bySession.values()) {
            if (guarantees.contains(Guarantee.MW) && !ownWritesInOrder(session, order)) {
                return false;
            }
            if (!anyVisibility(session, 0, order, new HashMap<>())) {
                return false;
            }
        }
        return true;
    }

    private boolean ownWritesInOrder(List<Integer> session, List<Integer> order) {
        int last = -1;
        for (int node : session) {
            if (!nodes.get(node).read()) {
                if (order.indexOf(node) < last) {
                    return false;
                }
                last = order.indexOf(node);
            }
        }
        return true;
    }

    /** Chooses vis for the session's reads from position {@code at} on, then checks the guarantees. */
    private boolean anyVisibility(List<Integer> session, int at, List<Integer> order, Map<Integer, Set<Integer>> vis) {
        if (at == session.size()) {
            return guaranteesHold(session, order, vis);
        }
        int node = session.get(at);
        if (!nodes.get(node).read()) {
            return anyVisibility(session, at + 1, order, vis);
        }
        Object value = nodes.get(node).value();
        if (value == null) {
            vis.put(node, Set.of());
            return anyVisibility(session, at + 1, order, vis);
        }
        int returned = writerOf(order, value);
        int limit = order.indexOf(returned);
        // Every subset of the writes before the returned one, plus the returned one.
        for (int mask = 0; mask < (1 << limit); mask++) {
            Set<Integer> chosen = new HashSet<>();
            chosen.add(returned);
            for (int i = 0; i < limit; i++) {
                if ((mask & (1 << i)) != 0) {
                    chosen.add(order.get(i));
                }
            }
            vis.put(node, chosen);
            if (anyVisibility(session, at + 1, order, vis)) {
                return true;
            }
        }
        return false;
    }

    private boolean guaranteesHold(List<Integer> session, List<Integer> order, Map<Integer, Set<Integer>> vis) {
        for (int i = 0; i < session.size(); i++) {
            for (int j = i + 1; j < session.size(); j++) {
                Node earlier = nodes.get(session.get(i));
                Node later = nodes.get(session.get(j));
                if (guarantees.contains(Guarantee.RYW) && !earlier.read() && later.read()
                        && !vis.get(session.get(j)).contains(session.get(i))) {
                    return false;
                }
                if (guarantees.contains(Guarantee.MR) && earlier.read() && later.read()
                        && !vis.get(session.get(j)).containsAll(vis.get(session.get(i)))) {
                    return false;
                }
                if (guarantees.contains(Guarantee.WFR) && earlier.read() && !later.read()) {
                    for (int seen : vis.get(session.get(i))) {
                        if (order.indexOf(seen) >= order.indexOf(session.get(j))) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }
}
