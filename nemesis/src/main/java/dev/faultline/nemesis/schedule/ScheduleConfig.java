package dev.faultline.nemesis.schedule;

import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.PartitionShape;
import dev.faultline.nemesis.TargetChoice;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a fault schedule may contain, and when.
 *
 * @param nodes the cluster's nodes
 * @param kinds the kinds of fault to draw from; empty for a run without faults
 * @param intervalNanos the mean length of a fault window and of the recovery window after it;
 *     each is drawn uniformly from half to one and a half times this
 * @param durationNanos the length of the main phase: every fault is healed before it ends
 * @param targets the target choices for kill, pause, power loss, clock and link faults
 * @param shapes the partition shapes to draw from
 * @param compoundProbability the chance that a fault window adds one more kind of fault, again
 *     and again while the draw succeeds (never two process faults in one window); 0 for one
 *     fault at a time
 */
public record ScheduleConfig(
        List<String> nodes,
        Set<FaultKind> kinds,
        long intervalNanos,
        long durationNanos,
        List<TargetChoice> targets,
        List<PartitionShape> shapes,
        double compoundProbability) {

    /** The default chance of a compound window: about one window in three combines two faults. */
    public static final double COMPOUND_PROBABILITY_DEFAULT = 0.35;

    public ScheduleConfig {
        nodes = List.copyOf(nodes);
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        targets = List.copyOf(targets);
        shapes = List.copyOf(shapes);
        if (nodes.isEmpty() || nodes.stream().distinct().count() != nodes.size()) {
            throw new IllegalArgumentException("the nodes must be distinct and at least one, were " + nodes);
        }
        if (intervalNanos <= 0 || durationNanos <= 0) {
            throw new IllegalArgumentException("the nemesis interval and the duration must be positive");
        }
        if (!(compoundProbability >= 0 && compoundProbability < 1)) {
            throw new IllegalArgumentException("compoundProbability must be within [0, 1), was " + compoundProbability);
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("at least one target choice is needed");
        }
        boolean peers = kinds.contains(FaultKind.PARTITION) || kinds.contains(FaultKind.LINK);
        if (peers && nodes.size() < 2) {
            throw new IllegalArgumentException("partition and link faults act on peer links: they need at least 2 nodes, the cluster has "
                    + nodes.size());
        }
        if (kinds.contains(FaultKind.PARTITION)) {
            if (shapes.isEmpty()) {
                throw new IllegalArgumentException("at least one partition shape is needed");
            }
            for (PartitionShape shape : shapes) {
                if (nodes.size() < shape.nodeCountMin()) {
                    throw new IllegalArgumentException("partition shape " + shape.cliName() + " needs at least "
                            + shape.nodeCountMin() + " nodes, the cluster has " + nodes.size());
                }
            }
        }
    }

    /** Every target choice, every shape that fits the cluster, and the default compound chance. */
    public static ScheduleConfig of(List<String> nodes, Set<FaultKind> kinds, long intervalNanos, long durationNanos) {
        return new ScheduleConfig(nodes, kinds, intervalNanos, durationNanos, List.of(TargetChoice.values()),
                PartitionShape.applicableTo(nodes.size()), COMPOUND_PROBABILITY_DEFAULT);
    }
}
