package dev.faultline.checker.causal;

import dev.faultline.checker.OracleInput;
import dev.faultline.history.History;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The definitions of CC, CCv and CM (Bouajjani et al., POPL 2017, §3) checked by brute force on
 * tiny histories, for property tests of {@link CausalChecker}: it enumerates serializations
 * instead of looking for bad patterns.
 *
 * <ul>
 *   <li>CC: for each read o, some serialization of o's causal past, ending with o, in which o
 *       returns what the object holds.
 *   <li>CM: for each operation o, some serialization of o's causal past and o in which o and
 *       every read before it in its session return what the object holds at their place.
 *   <li>CCv: one serialization of all operations, extending the causal order, such that each read
 *       returns what the object holds when only its causal past is replayed in that order.
 * </ul>
 *
 * <p>The causal order is taken to be CO = (po ∪ rf)⁺. The definitions ask for some order co ⊇ po;
 * every candidate contains rf (a read's write must be in its past to be returned), and a larger
 * co only adds operations to pasts and constraints to serializations: restricting a serialization
 * of a larger past to the CO-past keeps each checked read's write as the last one of its key
 * before it. So CO is the best candidate, and checking it alone decides.
 *
 * <p>Own preprocessing, independent of the checker's: {@link OracleInput} (an indeterminate
 * update that nobody read is kept, which constrains nothing).
 */
final class CausalOracle {
    private enum Kind { READ, WRITE, ADD, APPEND }

    private record Node(int session, Kind kind, Object key, Object value) {}

    private final List<Node> nodes = new ArrayList<>();
    private boolean explainable = true;
    private boolean[][] before;
    private int size;

    CausalOracle(History history) {
        OracleInput.forEachKept(history, (operation, session) -> {
            Kind kind = switch (operation.f()) {
                case "read" -> Kind.READ;
                case "write" -> Kind.WRITE;
                case "add" -> Kind.ADD;
                case "append" -> Kind.APPEND;
                default -> throw new IllegalArgumentException(operation.f());
            };
            nodes.add(new Node(session, kind, operation.key(), kind == Kind.READ ? operation.value() : operation.invoke().value()));
        });
        size = nodes.size();
        buildCausalOrder();
    }

    private void buildCausalOrder() {
        before = new boolean[size][size];
        for (int a = 0; a < size; a++) {
            for (int b = a + 1; b < size; b++) {
                if (nodes.get(a).session() == nodes.get(b).session()) {
                    before[a][b] = true;
                }
            }
        }
        for (int read = 0; read < size; read++) {
            if (nodes.get(read).kind() != Kind.READ) {
                continue;
            }
            for (Object element : observed(nodes.get(read))) {
                int update = updateOf(nodes.get(read).key(), element);
                if (update < 0) {
                    explainable = false;
                } else {
                    before[update][read] = true;
                }
            }
        }
        for (int via = 0; via < size; via++) {
            for (int a = 0; a < size; a++) {
                for (int b = 0; b < size; b++) {
                    before[a][b] |= before[a][via] && before[via][b];
                }
            }
        }
        for (int a = 0; a < size; a++) {
            if (before[a][a]) {
                explainable = false;
            }
        }
    }

    /** The values a read saw: its register value (none for nil), or its set's or list's elements. */
    private static List<Object> observed(Node read) {
        if (read.value() instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        return read.value() == null ? List.of() : List.of(read.value());
    }

    private int updateOf(Object key, Object value) {
        for (int node = 0; node < size; node++) {
            Node update = nodes.get(node);
            if (update.kind() != Kind.READ && Objects.equals(update.key(), key) && Objects.equals(update.value(), value)) {
                return node;
            }
        }
        return -1;
    }

    boolean satisfies(CausalModel model) {
        if (!explainable) {
            return false;
        }
        return switch (model) {
            case CC -> everyOperation(this::weaklyCausal);
            case CM -> everyOperation(this::causalMemory);
            case CCV -> convergent();
        };
    }

    private boolean everyOperation(java.util.function.IntPredicate check) {
        for (int node = 0; node < size; node++) {
            if (!check.test(node)) {
                return false;
            }
        }
        return true;
    }

    private boolean weaklyCausal(int o) {
        return nodes.get(o).kind() != Kind.READ || serializable(pastAndSelf(o), Set.of(o));
    }

    private boolean causalMemory(int o) {
        Set<Integer> checked = new HashSet<>();
        for (int node = 0; node <= o; node++) {
            if (nodes.get(node).kind() == Kind.READ && (node == o || (before[node][o] && nodes.get(node).session() == nodes.get(o).session()))) {
                checked.add(node);
            }
        }
        return serializable(pastAndSelf(o), checked);
    }

    private boolean convergent() {
        List<Integer> all = new ArrayList<>();
        for (int node = 0; node < size; node++) {
            all.add(node);
        }
        return anySerialization(all, new ArrayList<>(), order -> {
            for (int read = 0; read < size; read++) {
                if (nodes.get(read).kind() != Kind.READ) {
                    continue;
                }
                List<Integer> prefix = new ArrayList<>();
                for (int node : order) {
                    if (node == read) {
                        break;
                    }
                    if (before[node][read]) {
                        prefix.add(node);
                    }
                }
                if (!legal(read, prefix)) {
                    return false;
                }
            }
            return true;
        });
    }

    private List<Integer> pastAndSelf(int o) {
        List<Integer> members = new ArrayList<>();
        for (int node = 0; node < size; node++) {
            if (node == o || before[node][o]) {
                members.add(node);
            }
        }
        return members;
    }

    /** Some serialization of {@code members} respecting CO in which every read of {@code checked} is legal. */
    private boolean serializable(List<Integer> members, Set<Integer> checked) {
        return anySerialization(members, new ArrayList<>(), order -> {
            for (int position = 0; position < order.size(); position++) {
                int node = order.get(position);
                if (checked.contains(node) && !legal(node, order.subList(0, position))) {
                    return false;
                }
            }
            return true;
        });
    }

    private interface OrderCheck {
        boolean test(List<Integer> order);
    }

    /** Enumerates the linear extensions of CO over {@code remaining}; true when one passes. */
    private boolean anySerialization(List<Integer> remaining, List<Integer> placed, OrderCheck check) {
        if (remaining.isEmpty()) {
            return check.test(placed);
        }
        for (int candidate : remaining) {
            boolean minimal = true;
            for (int other : remaining) {
                minimal &= !before[other][candidate];
            }
            if (!minimal) {
                continue;
            }
            List<Integer> rest = new ArrayList<>(remaining);
            rest.remove(Integer.valueOf(candidate));
            placed.add(candidate);
            boolean found = anySerialization(rest, placed, check);
            placed.remove(placed.size() - 1);
            if (found) {
                return true;
            }
        }
        return false;
    }

    /** Whether the read returns what its key holds after the updates of {@code prefix}, in order. */
    private boolean legal(int read, List<Integer> prefix) {
        Node node = nodes.get(read);
        List<Object> state = new ArrayList<>();
        for (int earlier : prefix) {
            Node update = nodes.get(earlier);
            if (update.kind() == Kind.READ || !Objects.equals(update.key(), node.key())) {
                continue;
            }
            if (update.kind() == Kind.WRITE) {
                state.clear();
            }
            state.add(update.value());
        }
        if (!(node.value() instanceof List<?> returned)) {
            return state.isEmpty() ? node.value() == null : Objects.equals(state.get(state.size() - 1), node.value());
        }
        boolean lists = prefix.stream().anyMatch(n -> nodes.get(n).kind() == Kind.APPEND)
                || nodes.stream().anyMatch(n -> n.kind() == Kind.APPEND);
        if (lists) {
            return state.equals(returned);
        }
        return returned.size() == new HashSet<>(returned).size() && new HashSet<>(state).equals(new HashSet<>(returned));
    }
}
