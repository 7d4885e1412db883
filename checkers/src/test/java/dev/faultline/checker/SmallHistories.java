package dev.faultline.checker;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Seeded random tiny histories for property tests against brute-force oracles, drawn from a
 * simulated store so that both valid and invalid histories are common.
 *
 * <p>Each process has a replica: the set of updates it knows, closed under their dependencies
 * (it learns a peer's whole set at once). A read returns, depending on the history's policy, the
 * newest known write (last-writer-wins: causal and convergent), a random causally maximal known
 * write (causal, maybe not convergent), or, as often as the history's chaos level says (from
 * never to always), any write of the key, earlier or later, or nil (often not causal); sets and lists return the known
 * elements, in a causal or a global order, perturbed as often as the chaos level says. Updates are sometimes indeterminate (applied or not) or failed; reads sometimes
 * indeterminate. Written values and elements are unique.
 */
public final class SmallHistories {
    /** What the history's objects are. */
    public enum Shape { REGISTER, SET, LIST }

    private record Update(int key, long value, Set<Integer> dependencies) {}

    private final Random random;
    private final Shape shape;
    private final int keys;
    private final List<Update> written = new ArrayList<>();
    private final List<Op> ops = new ArrayList<>();
    /** Positions of read completions whose value is drawn after the run, from every write of the key. */
    private final List<Integer> chaoticReads = new ArrayList<>();
    private final int policy;
    /** Out of 12, how often a read returns any write of its key or nil, causal or not. */
    private final int chaos;
    /** Whether every process updates once, before any gossip, and reads are always causal. */
    private final boolean causalOnly;
    /** Out of 10: how often a process first learns a peer's updates, and how often it updates. */
    private final int gossip;
    private final int updates;

    private SmallHistories(long seed, Shape shape, int keys, boolean causalOnly) {
        this.random = new Random(seed);
        this.shape = shape;
        this.keys = keys;
        this.causalOnly = causalOnly;
        this.policy = causalOnly ? 1 : random.nextInt(4);
        this.chaos = causalOnly ? 0 : List.of(0, 1, 3, 6, 12).get(random.nextInt(5));
        this.gossip = causalOnly ? 4 : 2;
        this.updates = causalOnly ? 3 : 5;
    }

    /**
     * @param seed the seed; one seed, one history
     * @param processes how many processes (1 or more)
     * @param operations how many operations in all
     * @param keys how many keys (1 or more); with one key the ops carry no key
     */
    public static History generate(long seed, Shape shape, int processes, int operations, int keys) {
        return new SmallHistories(seed, shape, keys, false).run(processes, operations);
    }

    /**
     * A history that begins with one concurrent update by each process, whose reads are all
     * causal (no chaos) but pick among concurrent updates at random, never last-writer-wins: the
     * histories that tell CC, CCv and CM apart.
     */
    public static History concurrent(long seed, Shape shape, int processes, int operations, int keys) {
        return new SmallHistories(seed, shape, keys, true).run(processes, operations);
    }

    private History run(int processes, int operations) {
        List<Set<Integer>> known = new ArrayList<>();
        for (int process = 0; process < processes; process++) {
            known.add(new HashSet<>());
        }
        for (int step = 0; step < operations; step++) {
            int process = random.nextInt(processes);
            if (causalOnly && step < processes) {
                update(step, known.get(step));
                continue;
            }
            if (random.nextInt(10) < gossip) {
                known.get(process).addAll(known.get(random.nextInt(processes)));
            }
            if (random.nextInt(10) < updates) {
                update(process, known.get(process));
            } else {
                read(process, known.get(process));
            }
        }
        for (int position : chaoticReads) {
            Op read = ops.get(position);
            List<Long> values = new ArrayList<>();
            for (Update update : written) {
                if (Objects.equals(key(update.key()), read.key())) {
                    values.add(update.value());
                }
            }
            int choice = random.nextInt(values.size() + 1);
            ops.set(position, read.withKeyAndValue(read.key(), choice == values.size() ? null : values.get(choice)));
        }
        return History.of(ops);
    }

    private Object key(int key) {
        return keys == 1 ? null : "k" + key;
    }

    private String updateFunction() {
        return switch (shape) {
            case REGISTER -> "write";
            case SET -> "add";
            case LIST -> "append";
        };
    }

    private void update(int process, Set<Integer> known) {
        int key = random.nextInt(keys);
        long value = written.size() + 1;
        written.add(new Update(key, value, new HashSet<>(known)));
        int roll = random.nextInt(100);
        OpType outcome = roll < 85 ? OpType.OK : roll < 97 ? OpType.INFO : OpType.FAIL;
        if (outcome == OpType.OK || (outcome == OpType.INFO && roll < 91)) {
            known.add(written.size() - 1);
        }
        emit(process, updateFunction(), key, value, outcome, value);
    }

    private void read(int process, Set<Integer> known) {
        int key = random.nextInt(keys);
        if (random.nextInt(10) == 0) {
            emit(process, "read", key, null, OpType.INFO, null);
            return;
        }
        List<Integer> visible = new ArrayList<>();
        for (int id = 0; id < written.size(); id++) {
            if (known.contains(id) && written.get(id).key() == key) {
                visible.add(id);
            }
        }
        Object value = shape == Shape.REGISTER ? registerValue(key, visible) : collectionValue(key, visible);
        emit(process, "read", key, null, OpType.OK, value);
    }

    private Object registerValue(int key, List<Integer> visible) {
        if (random.nextInt(12) < chaos) {
            chaoticReads.add(ops.size() + 1);
            return null;
        }
        List<Integer> maximal = new ArrayList<>();
        for (int id : visible) {
            boolean overwritten = false;
            for (int other : visible) {
                overwritten |= written.get(other).dependencies().contains(id);
            }
            if (!overwritten) {
                maximal.add(id);
            }
        }
        if (maximal.isEmpty()) {
            return null;
        }
        int chosen = policy == 0 ? maximal.get(maximal.size() - 1) : maximal.get(random.nextInt(maximal.size()));
        return written.get(chosen).value();
    }

    private Object collectionValue(int key, List<Integer> visible) {
        List<Integer> order = policy == 0 ? new ArrayList<>(visible) : causalShuffle(visible);
        List<Object> elements = new ArrayList<>();
        for (int id : order) {
            elements.add(written.get(id).value());
        }
        if (random.nextInt(12) < chaos && !elements.isEmpty()) {
            elements.remove(random.nextInt(elements.size()));
        }
        if (random.nextInt(12) < chaos && elements.size() >= 2) {
            int first = random.nextInt(elements.size());
            int second = random.nextInt(elements.size());
            Object swapped = elements.get(first);
            elements.set(first, elements.get(second));
            elements.set(second, swapped);
        }
        return List.copyOf(elements);
    }

    /** A random order of the updates that respects their dependencies. */
    private List<Integer> causalShuffle(List<Integer> visible) {
        List<Integer> remaining = new ArrayList<>(visible);
        List<Integer> order = new ArrayList<>();
        while (!remaining.isEmpty()) {
            List<Integer> ready = new ArrayList<>();
            for (int id : remaining) {
                boolean blocked = false;
                for (int other : remaining) {
                    blocked |= written.get(id).dependencies().contains(other);
                }
                if (!blocked) {
                    ready.add(id);
                }
            }
            int next = ready.get(random.nextInt(ready.size()));
            order.add(next);
            remaining.remove(Integer.valueOf(next));
        }
        return order;
    }

    private void emit(int process, String f, int key, Object invoked, OpType outcome, Object completed) {
        ops.add(Op.invoke(process, f, key(key), invoked));
        ops.add(Op.completion(outcome, process, f, key(key), completed));
    }
}
