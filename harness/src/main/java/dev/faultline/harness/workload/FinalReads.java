package dev.faultline.harness.workload;

import dev.faultline.harness.generator.Generator;
import dev.faultline.harness.generator.Generators;
import dev.faultline.harness.generator.OpTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * The final phase's reads (Jepsen's final generators): on every node, through a thread bound to
 * it, a read of each key marked {@code final: true}, retried until it succeeds or the attempts
 * run out. Nodes are read in parallel, keys one after another.
 */
public final class FinalReads {
    private FinalReads() {}

    /**
     * @param threadForNode for each node, a worker thread bound to it
     * @param keys the keys to read; a single null for single-object workloads
     * @param attempts the most attempts per read
     * @param retryDelayNanos the pause after an attempt that did not succeed
     */
    public static Generator of(List<Integer> threadForNode, List<Object> keys, int attempts, long retryDelayNanos) {
        List<Generator> perNode = new ArrayList<>(threadForNode.size());
        for (int thread : threadForNode) {
            Generator[] reads = new Generator[keys.size()];
            for (int i = 0; i < reads.length; i++) {
                reads[i] = Generators.untilOk(OpTemplate.finalRead(keys.get(i)), attempts, retryDelayNanos);
            }
            perNode.add(Generators.onThread(thread, Generators.sequence(reads)));
        }
        return Generators.any(perNode);
    }
}
