package dev.faultline.checker.linear;

import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A register holding one value: {@code register} (read, write), {@code cas-register} (read,
 * write, cas {@code [expected new]}) and {@code kv} (Porcupine's per-key string store: get, put,
 * append). The state is the value itself; nil is {@link Absent#VALUE}, and the kv model's strings
 * are {@link Text}s, whose hashes follow appends cheaply.
 *
 * <ul>
 *   <li>read: legal when the value read equals the state; an {@code info} read tells nothing.
 *   <li>write: sets the state.
 *   <li>cas {@code [a b]}: {@code ok} needs state a and sets b; {@code info} sets b if the state is
 *       a and otherwise does nothing; a {@code fail} either did not happen or, under
 *       {@link Semantics.FailedCas#COMPARE_FAILED}, says the state was not a.
 *   <li>append s: the state becomes the state's string followed by s (nil counts as empty).
 * </ul>
 */
final class RegisterModel implements Model<Object>, ValueRegister {
    /** The functions of one flavour: history name to canonical kind. */
    enum Flavor {
        REGISTER("register", Map.of("read", Kind.READ, "write", Kind.WRITE), null),
        CAS_REGISTER("cas-register", Map.of("read", Kind.READ, "write", Kind.WRITE, "cas", Kind.CAS), null),
        KV("kv", Map.of("get", Kind.READ, "read", Kind.READ, "put", Kind.WRITE, "write", Kind.WRITE,
                "append", Kind.APPEND), "");

        final String modelName;
        final Map<String, Kind> functions;
        /**
         * Each function by name, with the name as one shared instance: the calls carry it, so that
         * later lookups of their f compare strings by identity.
         */
        final Map<String, Function> byName;
        final Object defaultInitial;

        Flavor(String modelName, Map<String, Kind> functions, Object defaultInitial) {
            this.modelName = modelName;
            this.functions = functions;
            this.byName = new java.util.HashMap<>();
            functions.forEach((name, kind) -> byName.put(name, new Function(name, kind)));
            this.defaultInitial = defaultInitial;
        }
    }

    /** A function name and what it does. */
    private record Function(String name, Kind kind) {}

    private final Flavor flavor;
    private final Semantics semantics;
    private final Object initial;

    RegisterModel(Flavor flavor, Semantics semantics) {
        this.flavor = flavor;
        this.semantics = semantics;
        this.initial = stateOf(semantics.initialOr(flavor.defaultInitial));
    }

    @Override
    public String name() {
        return flavor.modelName;
    }

    @Override
    public Object initialState() {
        return initial;
    }

    @Override
    public Kind kind(Call call) {
        return flavor.functions.get(call.f());
    }

    @Override
    public Object stateOf(Object value) {
        if (value == null) {
            return Absent.VALUE;
        }
        return flavor == Flavor.KV && value instanceof String text ? Text.of(text) : value;
    }

    @Override
    public Call interpret(Operation operation) {
        Function function = flavor.byName.get(operation.f());
        if (function == null) {
            throw new IllegalArgumentException("model " + name() + " has no function '" + operation.f()
                    + "' (it knows " + String.join(", ", new TreeSet<>(flavor.functions.keySet())) + ")");
        }
        String f = function.name();
        Kind kind = function.kind();
        Object key = operation.key();
        OpType outcome = operation.outcome();
        Object argument = operation.invoke().value();
        return switch (kind) {
            case READ -> {
                if (outcome == OpType.FAIL) {
                    yield null;
                }
                Object value = outcome == OpType.OK ? operation.complete().value() : null;
                yield outcome == OpType.OK && semantics.readTellsNothing(value)
                        ? null : new Call(key, f, null, value, outcome);
            }
            case WRITE, APPEND -> outcome == OpType.FAIL ? null : new Call(key, f, argument, null, outcome);
            case CAS -> {
                casArguments(argument);
                boolean happened = outcome != OpType.FAIL || semantics.failedCas() == Semantics.FailedCas.COMPARE_FAILED;
                yield happened ? new Call(key, f, argument, null, outcome) : null;
            }
        };
    }

    private static List<?> casArguments(Object argument) {
        if (argument instanceof List<?> pair && pair.size() == 2) {
            return pair;
        }
        throw new IllegalArgumentException("a cas value must be [expected new], was " + Values.describe(argument));
    }

    @Override
    public Object step(Object state, Call call) {
        return compile(call).apply(state);
    }

    @Override
    public Transition<Object> compile(Call call) {
        return switch (kind(call)) {
            case READ -> {
                if (call.isInfo()) {
                    yield state -> state;
                }
                Object expected = stateOf(call.output());
                yield state -> expected.equals(state) ? state : null;
            }
            case WRITE -> {
                Object written = stateOf(call.input());
                yield state -> written;
            }
            case APPEND -> {
                String suffix = call.input() == null ? "" : call.input().toString();
                yield state -> appended(state, suffix);
            }
            case CAS -> compileCas(call);
        };
    }

    private Transition<Object> compileCas(Call call) {
        List<?> pair = casArguments(call.input());
        Object expected = stateOf(pair.get(0));
        Object replacement = stateOf(pair.get(1));
        return switch (call.outcome()) {
            case OK -> state -> expected.equals(state) ? replacement : null;
            case INFO -> state -> expected.equals(state) ? replacement : state;
            default -> state -> expected.equals(state) ? null : state;
        };
    }

    private static Object appended(Object state, String suffix) {
        if (state instanceof Text text) {
            return text.append(suffix);
        }
        return Text.of((state == Absent.VALUE ? "" : String.valueOf(state)) + suffix);
    }

    @Override
    public boolean isReadOnly(Call call) {
        Kind kind = kind(call);
        return kind == Kind.READ || (kind == Kind.CAS && call.outcome() == OpType.FAIL);
    }

    @Override
    public String describeState(Object state) {
        Object value = Absent.unwrap(state);
        return Values.describe(value instanceof Text text ? text.value : value);
    }

    @Override
    public String rejection(Object state, Call call) {
        String now = describeState(state);
        return switch (kind(call)) {
            case READ -> call.f() + " returned " + Values.describe(call.output()) + ", but the value is " + now;
            case CAS -> call.outcome() == OpType.FAIL
                    ? "the cas failed its compare, but the value is " + now + ", the expected one"
                    : "cas expected " + Values.describe(casArguments(call.input()).get(0)) + ", but the value is " + now;
            default -> Model.super.rejection(state, call);
        };
    }

    /**
     * An {@code info} write or CAS that produces a value no operation observes (no read returns
     * it, no CAS expects it) can be left out when the partition has no appends and no failed
     * compares. Proof: in any linearization, the ops between it and the next producer of a value
     * would have to observe its value, so only effect-free {@code info} ops sit there; dropping it
     * and them leaves a linearization of the rest. Appends read the state they extend and failed
     * compares observe "not a", so either one voids the argument.
     */
    @Override
    public boolean[] unobservedInfo(List<Call> calls) {
        boolean[] unobserved = new boolean[calls.size()];
        Set<Object> observed = new HashSet<>();
        for (Call call : calls) {
            Kind kind = kind(call);
            if (kind == Kind.APPEND || (kind == Kind.CAS && call.outcome() == OpType.FAIL)) {
                return unobserved;
            }
            if (kind == Kind.READ && call.outcome() == OpType.OK) {
                observed.add(stateOf(call.output()));
            } else if (kind == Kind.CAS) {
                observed.add(stateOf(casArguments(call.input()).get(0)));
            }
        }
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            if (call.isInfo()) {
                Object produced = switch (kind(call)) {
                    case WRITE -> stateOf(call.input());
                    case CAS -> stateOf(casArguments(call.input()).get(1));
                    default -> null;
                };
                unobserved[i] = produced != null && !observed.contains(produced);
            }
        }
        return unobserved;
    }
}
