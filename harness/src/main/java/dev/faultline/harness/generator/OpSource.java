package dev.faultline.harness.generator;

/**
 * A pure stream of operation templates, for workloads: each draw returns an operation and the
 * source that follows it. {@link Generators#stream} turns a source into a generator that hands
 * each operation to a free thread drawn at random.
 */
public interface OpSource {

    /**
     * The next operation and the source after it, or null when the source is used up.
     *
     * @param random a fresh random source for this draw
     */
    Drawn draw(SplitRandom random);

    record Drawn(OpTemplate op, OpSource next) {}
}
