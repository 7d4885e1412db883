package dev.faultline.checker.linear;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Small random histories for property tests: a few processes invoke and complete random
 * operations of one model in a random interleaving, with random outcomes ({@code ok}, {@code
 * fail}, {@code info}, or never completed) and results drawn from small domains, so that both
 * linearizable and non-linearizable histories come up often. Optionally with timestamps that tie,
 * to exercise closed intervals.
 */
final class RandomHistories {
    /** What one model's operations look like. */
    interface Workload {
        /** A random invocation: its f and value. */
        Op invoke(SplittableRandom random, int process, Object key);

        /** The value an ok completion returns for this invocation. */
        Object result(SplittableRandom random, Op invoke);
    }

    private RandomHistories() {}

    /**
     * The client processes of a generated history: each has at most one operation in flight, and
     * one whose operation crashed is replaced by a new process (its id plus the count), as in Jepsen.
     */
    private static final class Clients {
        final Op[] open;
        final int[] processId;

        Clients(int count) {
            open = new Op[count];
            processId = new int[count];
            for (int p = 0; p < count; p++) {
                processId[p] = p;
            }
        }

        boolean anyOpen() {
            return Arrays.stream(open).anyMatch(op -> op != null);
        }

        void retire(int slot) {
            processId[slot] += open.length;
        }
    }

    /**
     * @param operations how many operations to invoke
     * @param keys null for one object, or the keys to spread operations over
     */
    static History generate(SplittableRandom random, Workload workload, int processes, int operations, boolean times,
            List<Object> keys) {
        List<Op> events = new ArrayList<>();
        Clients clients = new Clients(processes);
        Op[] open = clients.open;
        int invoked = 0;
        while (invoked < operations || clients.anyOpen()) {
            int p = random.nextInt(processes);
            if (open[p] == null) {
                if (invoked == operations) {
                    continue;
                }
                Object key = keys == null ? null : keys.get(random.nextInt(keys.size()));
                open[p] = workload.invoke(random, clients.processId[p], key);
                events.add(open[p]);
                invoked++;
                continue;
            }
            Op invoke = open[p];
            int roll = random.nextInt(100);
            if (roll < 8 && invoked == operations) {
                // Never completes: indeterminate, like an info completion.
                open[p] = null;
                continue;
            }
            OpType type = roll < 68 ? OpType.OK : roll < 84 ? OpType.INFO : OpType.FAIL;
            Object value = type == OpType.OK ? workload.result(random, invoke) : invoke.value();
            events.add(Op.completion(type, invoke.process(), invoke.f(), invoke.key(), value));
            open[p] = null;
            if (type == OpType.INFO) {
                clients.retire(p);
            }
        }
        return History.of(times ? withTimes(random, events) : events);
    }

    /** Non-decreasing times in steps of 0 or 1, so that some invocations and completions tie. */
    private static List<Op> withTimes(SplittableRandom random, List<Op> events) {
        List<Op> timed = new ArrayList<>(events.size());
        long time = 0;
        for (Op event : events) {
            time += random.nextInt(2);
            timed.add(event.withTime(time));
        }
        return timed;
    }

    private static Object pick(SplittableRandom random, Object... values) {
        return values[random.nextInt(values.length)];
    }

    private static Workload of(Function<SplittableRandom, String> f, Map<String, Function<SplittableRandom, Object>> argument,
            Map<String, Function<SplittableRandom, Object>> result) {
        return new Workload() {
            @Override
            public Op invoke(SplittableRandom random, int process, Object key) {
                String name = f.apply(random);
                return Op.invoke(process, name, key, argument.get(name).apply(random));
            }

            @Override
            public Object result(SplittableRandom random, Op invoke) {
                Function<SplittableRandom, Object> produce = result.get(invoke.f());
                return produce == null ? invoke.value() : produce.apply(random);
            }
        };
    }

    static final Workload REGISTER = of(r -> (String) pick(r, "read", "write"),
            Map.of("read", r -> null, "write", r -> pick(r, 0L, 1L, 2L)),
            Map.of("read", r -> pick(r, null, 0L, 1L, 2L)));

    static final Workload CAS_REGISTER = of(r -> (String) pick(r, "read", "write", "cas"),
            Map.of("read", r -> null, "write", r -> pick(r, 0L, 1L), "cas", r -> List.of(pick(r, 0L, 1L), pick(r, 0L, 1L))),
            Map.of("read", r -> pick(r, null, 0L, 1L)));

    static final Workload KV = of(r -> (String) pick(r, "get", "put", "append"),
            Map.of("get", r -> null, "put", r -> pick(r, "a", "b"), "append", r -> pick(r, "a", "b")),
            Map.of("get", r -> pick(r, "", "a", "b", "ab", "ba", "aa")));

    static final Workload SET = of(r -> (String) pick(r, "add", "read"),
            Map.of("add", r -> pick(r, 1L, 2L, 3L), "read", r -> null),
            Map.of("read", r -> pick(r, List.of(), List.of(1L), List.of(2L), List.of(1L, 2L), List.of(2L, 3L, 1L),
                    List.of(1L, 1L))));

    static final Workload FIFO_QUEUE = of(r -> (String) pick(r, "enqueue", "dequeue"),
            Map.of("enqueue", r -> pick(r, 1L, 2L, 3L), "dequeue", r -> null),
            Map.of("dequeue", r -> pick(r, null, 1L, 2L, 3L)));

    static final Workload MUTEX = of(r -> (String) pick(r, "acquire", "release"),
            Map.of("acquire", r -> null, "release", r -> null), Map.of());

    static final Workload MULTI_REGISTER = new Workload() {
        @Override
        public Op invoke(SplittableRandom random, int process, Object key) {
            List<Object> micro = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
                Object register = pick(random, "x", "y");
                micro.add(random.nextBoolean() ? List.of("write", register, pick(random, 1L, 2L))
                        : Arrays.asList("read", register, null));
            }
            return Op.invoke(process, "txn", key, Values.canonical(micro));
        }

        @Override
        public Object result(SplittableRandom random, Op invoke) {
            List<Object> filled = new ArrayList<>();
            for (Object item : (List<?>) invoke.value()) {
                List<?> triple = (List<?>) item;
                filled.add(triple.get(0).equals("read") ? Arrays.asList("read", triple.get(1), pick(random, null, 1L, 2L)) : triple);
            }
            return Values.canonical(filled);
        }
    };

    /**
     * A history of a simulated object that is linearizable by construction, then, with
     * probability {@code perturbation}, one ok result is replaced by a random one. Each operation
     * takes effect at a random moment between its invocation and completion, on the model's own
     * state; a call that is illegal there (a CAS whose compare fails) ends as {@code fail}; an
     * {@code info} operation takes effect or not by a coin flip.
     *
     * @param readResult what a reading call returns in a state, or null when the function is not a read
     */
    static History simulated(SplittableRandom random, Workload workload, String modelName, int processes, int operations,
            double perturbation, java.util.function.BiFunction<String, Object, Object> readResult) {
        @SuppressWarnings("unchecked")
        Model<Object> model = (Model<Object>) Models.create(modelName, Semantics.defaults());
        Object state = model.initialState();
        List<Op> events = new ArrayList<>();
        Clients clients = new Clients(processes);
        Op[] open = clients.open;
        boolean[] effected = new boolean[processes];
        Object[] result = new Object[processes];
        OpType[] outcome = new OpType[processes];
        int invoked = 0;
        while (invoked < operations || clients.anyOpen()) {
            int p = random.nextInt(processes);
            if (open[p] == null) {
                if (invoked < operations) {
                    open[p] = workload.invoke(random, clients.processId[p], null);
                    effected[p] = false;
                    outcome[p] = random.nextInt(100) < 12 ? OpType.INFO : OpType.OK;
                    events.add(open[p]);
                    invoked++;
                }
                continue;
            }
            Op invoke = open[p];
            if (!effected[p]) {
                effected[p] = true;
                Object read = readResult.apply(invoke.f(), state);
                Object value = read != null || isRead(invoke.f()) ? read : invoke.value();
                if (outcome[p] == OpType.INFO && random.nextBoolean()) {
                    continue;
                }
                Op done = Op.completion(OpType.OK, invoke.process(), invoke.f(), null, value);
                Call call = model.interpret(new dev.faultline.history.Operation(0, 1, invoke, done));
                Object next = call == null ? null : model.step(state, call);
                if (next == null) {
                    outcome[p] = outcome[p] == OpType.INFO ? OpType.INFO : OpType.FAIL;
                } else {
                    state = next;
                }
                result[p] = value;
                continue;
            }
            Object value = outcome[p] == OpType.OK ? result[p] : invoke.value();
            events.add(Op.completion(outcome[p], invoke.process(), invoke.f(), null, value));
            open[p] = null;
            if (outcome[p] == OpType.INFO) {
                clients.retire(p);
            }
        }
        if (random.nextDouble() < perturbation) {
            perturb(random, workload, events);
        }
        return History.of(events);
    }

    private static boolean isRead(String f) {
        return f.equals("read") || f.equals("get") || f.equals("dequeue");
    }

    /** Replaces one ok read's result with a random one of the workload's. */
    private static void perturb(SplittableRandom random, Workload workload, List<Op> events) {
        List<Integer> reads = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Op event = events.get(i);
            if (event.type() == OpType.OK && isRead(event.f())) {
                reads.add(i);
            }
        }
        if (!reads.isEmpty()) {
            int at = reads.get(random.nextInt(reads.size()));
            Op event = events.get(at);
            events.set(at, Op.completion(OpType.OK, event.process(), event.f(), null, workload.result(random, event)));
        }
    }

    /** What the simulated register, kv, set and queue reads return in a state. */
    static Object readResult(String f, Object state) {
        return switch (f) {
            case "read", "get" -> state instanceof java.util.Set<?> set ? List.copyOf(set) : Absent.unwrap(state);
            case "dequeue" -> state instanceof List<?> queue && !queue.isEmpty() ? queue.get(0) : null;
            default -> null;
        };
    }

    /**
     * A register history whose writes all have distinct values, as the zone check needs: process
     * p's i-th write writes 100·p + i; reads return one of the values written so far or nil.
     */
    static History uniqueRegister(SplittableRandom random, int processes, int operations, boolean times) {
        List<Long> written = new ArrayList<>();
        int[] next = new int[1];
        Workload unique = new Workload() {
            @Override
            public Op invoke(SplittableRandom r, int process, Object key) {
                if (r.nextBoolean()) {
                    return Op.invoke(process, "read", key, null);
                }
                long value = 1000L + next[0]++;
                written.add(value);
                return Op.invoke(process, "write", key, value);
            }

            @Override
            public Object result(SplittableRandom r, Op invoke) {
                if (!invoke.f().equals("read")) {
                    return invoke.value();
                }
                int choice = r.nextInt(written.size() + 2);
                return choice >= written.size() ? (choice == written.size() ? null : 999L) : written.get(choice);
            }
        };
        return generate(random, unique, processes, operations, times, null);
    }

    /**
     * Register operations whose written values are unique, as the stale-read pre-check needs:
     * writes and CAS install 1000, 1001, …; a CAS expects nil or one of the last values written, a
     * read returns one of those. Each call gives a fresh workload, which remembers what it wrote.
     */
    static Workload uniqueCasRegister() {
        List<Long> written = new ArrayList<>();
        return new Workload() {
            @Override
            public Op invoke(SplittableRandom random, int process, Object key) {
                int roll = random.nextInt(3);
                if (roll == 0) {
                    return Op.invoke(process, "read", key, null);
                }
                Object expected = recent(random, written);
                long value = 1000L + written.size();
                written.add(value);
                return roll == 1 ? Op.invoke(process, "write", key, value)
                        : Op.invoke(process, "cas", key, Values.canonical(Arrays.asList(expected, value)));
            }

            @Override
            public Object result(SplittableRandom random, Op invoke) {
                return invoke.f().equals("read") ? recent(random, written) : invoke.value();
            }
        };
    }

    /** Nil or one of the last three values written: recent values make CAS succeed and reads plausible. */
    private static Object recent(SplittableRandom random, List<Long> written) {
        int choice = random.nextInt(Math.min(written.size(), 3) + 1);
        return choice == 0 ? null : written.get(written.size() - choice);
    }
}
