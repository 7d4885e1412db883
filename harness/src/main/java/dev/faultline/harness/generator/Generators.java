package dev.faultline.harness.generator;

import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * The generator algebra: small pure combinators after Jepsen's {@code jepsen.generator}.
 *
 * <pre>{@code
 * // 100 ops/s of a workload's operations for 60 s, then one final read per thread:
 * Generator run = Generators.phases(
 *         Generators.timeLimit(60 * SECOND, Generators.rate(100, Generators.stream(source, seed), seed2)),
 *         Generators.eachThread(thread -> Generators.untilOk(OpTemplate.finalRead(null), 10, 100 * MILLI)));
 * }</pre>
 */
public final class Generators {
    private static final Generator EMPTY = context -> Step.EXHAUSTED;

    private Generators() {}

    /** No operations. */
    public static Generator empty() {
        return EMPTY;
    }

    /** One operation, for the lowest free thread. */
    public static Generator once(OpTemplate op) {
        return new Once(op);
    }

    /** The operations of a source, each for a free thread drawn at random, at once. */
    public static Generator stream(OpSource source, long seed) {
        return new SourceGenerator(new OpSource[] {source}, thread -> 0, new SplitRandom(seed));
    }

    /**
     * Each group of threads with its own source: an operation for a free thread drawn at random,
     * from the source of that thread's group.
     *
     * @param groupOf the group of a thread, an index into {@code sources}
     */
    public static Generator streamPerGroup(List<OpSource> sources, IntUnaryOperator groupOf, long seed) {
        return new SourceGenerator(sources.toArray(OpSource[]::new), groupOf, new SplitRandom(seed));
    }

    /** Each operation from one of the generators, drawn uniformly. */
    public static Generator mix(List<Generator> generators, long seed) {
        return mix(generators, Collections.nCopies(generators.size(), 1), seed);
    }

    /** Each operation from one of the generators, drawn with the weights. */
    public static Generator mix(List<Generator> generators, List<Integer> weights, long seed) {
        return new Mix(generators, weights, new SplitRandom(seed));
    }

    /** Operations spaced by random gaps, uniform in {@code [0, 2 * meanGapNanos]}, over all threads. */
    public static Generator stagger(long meanGapNanos, Generator generator, long seed) {
        return new Stagger(generator, meanGapNanos, Stagger.NOT_STARTED, new SplitRandom(seed));
    }

    /** About {@code opsPerSecond} operations per second over all threads: a {@link #stagger}. */
    public static Generator rate(double opsPerSecond, Generator generator, long seed) {
        if (!(opsPerSecond > 0) || Double.isInfinite(opsPerSecond)) {
            throw new IllegalArgumentException("the rate must be positive, was " + opsPerSecond);
        }
        return stagger(Math.max(1, Math.round(1e9 / opsPerSecond)), generator, seed);
    }

    /** Operations until {@code limitNanos} after the generator is first asked. */
    public static Generator timeLimit(long limitNanos, Generator generator) {
        return new TimeLimit(generator, limitNanos, TimeLimit.NOT_STARTED);
    }

    /** At most {@code count} operations. */
    public static Generator limit(long count, Generator generator) {
        return new Limit(generator, count);
    }

    /** Each generator until it is exhausted, then the next. */
    public static Generator sequence(Generator... generators) {
        return new Sequence(List.of(generators));
    }

    /** Like {@link #sequence}, each phase starting only once every thread is free. */
    public static Generator phases(Generator... generators) {
        Generator[] synchronized_ = new Generator[generators.length];
        for (int i = 0; i < generators.length; i++) {
            synchronized_[i] = synchronize(generators[i]);
        }
        return sequence(synchronized_);
    }

    /** The generator, once every thread is free. */
    public static Generator synchronize(Generator generator) {
        return new Synchronize(generator);
    }

    /** The soonest operation of several generators. */
    public static Generator any(List<Generator> generators) {
        return new Any(generators);
    }

    /** An independent copy for each thread; the factory gets the thread number. */
    public static Generator eachThread(IntFunction<Generator> factory) {
        return PerWorker.of(false, factory);
    }

    /** An independent copy for each process, fresh after a thread changes process; the factory gets the process. */
    public static Generator eachProcess(IntFunction<Generator> factory) {
        return PerWorker.of(true, factory);
    }

    /** The generator, seeing only these threads. */
    public static Generator onThreads(BitSet threads, Generator generator) {
        return new OnThreads(threads, generator);
    }

    /** The generator, seeing only one thread. */
    public static Generator onThread(int thread, Generator generator) {
        BitSet one = new BitSet();
        one.set(thread);
        return onThreads(one, generator);
    }

    /** One operation, retried after every completion that is not ok, at most {@code attempts} times. */
    public static Generator untilOk(OpTemplate op, int attempts, long retryDelayNanos) {
        return UntilOk.of(op, attempts, retryDelayNanos);
    }
}
