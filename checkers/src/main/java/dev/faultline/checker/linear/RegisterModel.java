package dev.faultline.checker.linear;

import dev.faultline.history.OpType;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A register holding one value: {@code register} (read, write), {@code cas-register} (read,
 * write, cas {@code [expected new]}) and {@code kv} (Porcupine's per-key string store: get, put,
 * append). The state is the value itself; nil is {@link Absent#VALUE}.
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
        final Object defaultInitial;

        Flavor(String modelName, Map<String, Kind> functions, Object defaultInitial) {
            this.modelName = modelName;
            this.functions = functions;
            this.defaultInitial = defaultInitial;
        }
    }

    private final Flavor flavor;
    private final Semantics semantics;
    private final Object initial;

    RegisterModel(Flavor flavor, Semantics semantics) {
        this.flavor = flavor;
        this.semantics = semantics;
        this.initial = Absent.wrap(semantics.initialOr(flavor.defaultInitial));
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
    public Call interpret(Operation operation) {
        Kind kind = flavor.functions.get(operation.f());
        if (kind == null) {
            throw new IllegalArgumentException("model " + name() + " has no function '" + operation.f()
                    + "' (it knows " + String.join(", ", new java.util.TreeSet<>(flavor.functions.keySet())) + ")");
        }
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
                        ? null : new Call(key, operation.f(), null, value, outcome);
            }
            case WRITE, APPEND -> outcome == OpType.FAIL ? null : new Call(key, operation.f(), argument, null, outcome);
            case CAS -> {
                casArguments(argument);
                boolean happened = outcome != OpType.FAIL || semantics.failedCas() == Semantics.FailedCas.COMPARE_FAILED;
                yield happened ? new Call(key, operation.f(), argument, null, outcome) : null;
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
        return switch (kind(call)) {
            case READ -> call.isInfo() || Objects.equals(state, Absent.wrap(call.output())) ? state : null;
            case WRITE -> Absent.wrap(call.input());
            case APPEND -> appended(state, call.input());
            case CAS -> {
                List<?> pair = casArguments(call.input());
                boolean matches = Objects.equals(state, Absent.wrap(pair.get(0)));
                yield switch (call.outcome()) {
                    case OK -> matches ? Absent.wrap(pair.get(1)) : null;
                    case INFO -> matches ? Absent.wrap(pair.get(1)) : state;
                    default -> matches ? null : state;
                };
            }
        };
    }

    private static Object appended(Object state, Object suffix) {
        String before = state == Absent.VALUE ? "" : String.valueOf(state);
        return before + (suffix == null ? "" : suffix.toString());
    }

    @Override
    public boolean isReadOnly(Call call) {
        Kind kind = kind(call);
        return kind == Kind.READ || (kind == Kind.CAS && call.outcome() == OpType.FAIL);
    }

    @Override
    public String describeState(Object state) {
        return Values.describe(Absent.unwrap(state));
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
                observed.add(Absent.wrap(call.output()));
            } else if (kind == Kind.CAS) {
                observed.add(Absent.wrap(casArguments(call.input()).get(0)));
            }
        }
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            if (call.isInfo()) {
                Object produced = switch (kind(call)) {
                    case WRITE -> Absent.wrap(call.input());
                    case CAS -> Absent.wrap(casArguments(call.input()).get(1));
                    default -> null;
                };
                unobserved[i] = produced != null && !observed.contains(produced);
            }
        }
        return unobserved;
    }
}
