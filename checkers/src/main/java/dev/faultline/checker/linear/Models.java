package dev.faultline.checker.linear;

import dev.faultline.history.Operation;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The built-in models by name, and the choice of one from a history's functions ({@code --model auto}). */
public final class Models {
    /** Every model name, as accepted by {@code --model}. */
    public static final List<String> NAMES = List.of(
            "register", "cas-register", "kv", "set", "fifo-queue", "mutex", "multi-register");

    private Models() {}

    /**
     * Builds a model.
     *
     * @throws IllegalArgumentException for an unknown name or an initial value the model cannot hold
     */
    public static Model<?> create(String name, Semantics semantics) {
        return switch (name) {
            case "register" -> new RegisterModel(RegisterModel.Flavor.REGISTER, semantics);
            case "cas-register" -> new RegisterModel(RegisterModel.Flavor.CAS_REGISTER, semantics);
            case "kv" -> new RegisterModel(RegisterModel.Flavor.KV, semantics);
            case "set" -> new SetModel(semantics);
            case "fifo-queue" -> new FifoQueueModel(semantics);
            case "mutex" -> new MutexModel(semantics);
            case "multi-register" -> new MultiRegisterModel(semantics);
            default -> throw new IllegalArgumentException("--model must be auto or one of " + String.join(", ", NAMES)
                    + ", was " + name);
        };
    }

    /**
     * The model whose functions cover the history's: kv for get/put/append, set for add, fifo-queue
     * for enqueue/dequeue, mutex for acquire/release, multi-register for txn, cas-register when
     * there is a cas, else register.
     *
     * @throws IllegalArgumentException when no model knows every function, naming them
     */
    public static String infer(List<Operation> operations) {
        Set<String> functions = new TreeSet<>();
        for (Operation operation : operations) {
            functions.add(operation.f());
        }
        List<Candidate> candidates = List.of(
                new Candidate("register", Set.of("read", "write")),
                new Candidate("cas-register", Set.of("read", "write", "cas")),
                new Candidate("kv", Set.of("get", "put", "append", "read", "write")),
                new Candidate("set", Set.of("add", "read")),
                new Candidate("fifo-queue", Set.of("enqueue", "dequeue")),
                new Candidate("mutex", Set.of("acquire", "release")),
                new Candidate("multi-register", Set.of("txn")));
        for (Candidate candidate : candidates) {
            if (candidate.functions().containsAll(functions) && candidate.fits(functions)) {
                return candidate.name();
            }
        }
        throw new IllegalArgumentException("no model knows every function of this history (" + String.join(", ", functions)
                + "); name one with --model");
    }

    private record Candidate(String name, Set<String> functions) {
        /** A set history needs an add; a kv history needs get, put or append; the rest fit when they cover. */
        boolean fits(Set<String> used) {
            return switch (name) {
                case "set" -> used.contains("add");
                case "kv" -> used.contains("get") || used.contains("put") || used.contains("append");
                default -> true;
            };
        }
    }
}
