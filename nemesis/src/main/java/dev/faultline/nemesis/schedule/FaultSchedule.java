package dev.faultline.nemesis.schedule;

import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.agent.AgentRequest;
import dev.faultline.nemesis.agent.ClockBump;
import dev.faultline.nemesis.agent.ClockRate;
import dev.faultline.nemesis.agent.ClockStrobe;
import dev.faultline.nemesis.agent.DiskFaults;
import dev.faultline.nemesis.agent.LinkFaults;
import java.util.EnumSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded fault schedule: fault windows separated by recovery windows in which no fault is in
 * force, every fault healed before the main phase ends (DESIGN.md §7). A pure function of the
 * configuration and the seed, like Jepsen's generators; only "the leader" is decided later, when
 * a fault is applied.
 *
 * <p>Unlike Jepsen's {@code nemesis.combined}, where every kind of fault runs its own stream and
 * streams may overlap without any quiet time (the complaint of yugabyte-db#8636), faults here come
 * in windows: a window holds one fault, or with {@link ScheduleConfig#compoundProbability()} two
 * or more of different kinds together (a partition while the leader's clock runs slow), and every
 * window is followed by a recovery window.
 */
public record FaultSchedule(List<ScheduledFault> faults) {

    public FaultSchedule {
        faults = List.copyOf(faults);
    }

    /** A schedule without faults. */
    public static FaultSchedule empty() {
        return new FaultSchedule(List.of());
    }

    /** Draws the schedule. The same configuration and seed always give the same schedule. */
    public static FaultSchedule plan(ScheduleConfig config, long seed) {
        if (config.kinds().isEmpty()) {
            return empty();
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<FaultKind> kinds = config.kinds().stream().sorted().toList();
        long interval = config.intervalNanos();
        List<ScheduledFault> faults = new ArrayList<>();
        long time = windowLength(random, interval);
        int window = 0;
        while (time < config.durationNanos()) {
            long length = windowLength(random, interval);
            if (time + length > config.durationNanos()) {
                length = config.durationNanos() - time;
                if (length < interval / 4) {
                    break;
                }
            }
            for (FaultKind kind : drawKinds(random, kinds, config.compoundProbability())) {
                faults.add(new ScheduledFault(faults.size(), window, time, time + length, drawPlan(random, kind, config, length)));
            }
            window++;
            time += length + windowLength(random, interval);
        }
        return new FaultSchedule(faults);
    }

    /** The kinds of fault the schedule holds. */
    public Set<FaultKind> kinds() {
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        faults.forEach(fault -> kinds.add(fault.plan().kind()));
        return kinds;
    }


    /**
     * The schedule's starts and heals in time order; at equal times heals come first. A window's
     * process fault starts after its other faults: starting one may block (power loss lets its
     * nodes run exposed before the kill) and a dead or paused node can no longer be given a slow
     * disk or a skewed clock, so a compound window's conditions are in place before its crash.
     */
    public List<Step> steps() {
        List<Step> steps = new ArrayList<>(faults.size() * 2);
        for (ScheduledFault fault : faults) {
            steps.add(new Step(fault.startNanos(), Step.Action.START, fault));
            steps.add(new Step(fault.healNanos(), Step.Action.HEAL, fault));
        }
        steps.sort(Comparator.comparingLong(Step::atNanos)
                .thenComparing(Step::action, Comparator.reverseOrder())
                .thenComparing(step -> step.action() == Step.Action.START && step.fault().plan().kind().isProcessFault())
                .thenComparingInt(step -> step.action() == Step.Action.START ? step.fault().id() : -step.fault().id()));
        return steps;
    }

    /** One action of the schedule: start or heal a fault at a time since the main phase began. */
    public record Step(long atNanos, Action action, ScheduledFault fault) {
        public enum Action {
            START,
            HEAL
        }
    }

    private static long windowLength(SplittableRandom random, long interval) {
        return interval / 2 + random.nextLong(interval + 1);
    }

    private static List<FaultKind> drawKinds(SplittableRandom random, List<FaultKind> kinds, double compoundProbability) {
        List<FaultKind> drawn = new ArrayList<>();
        drawn.add(kinds.get(random.nextInt(kinds.size())));
        while (random.nextDouble() < compoundProbability) {
            List<FaultKind> compatible = kinds.stream()
                    .filter(kind -> !drawn.contains(kind))
                    .filter(kind -> !(kind.isProcessFault() && drawn.stream().anyMatch(FaultKind::isProcessFault)))
                    .toList();
            if (compatible.isEmpty()) {
                break;
            }
            drawn.add(compatible.get(random.nextInt(compatible.size())));
        }
        return drawn;
    }

    private static FaultPlan drawPlan(SplittableRandom random, FaultKind kind, ScheduleConfig config, long windowNanos) {
        List<String> order = shuffled(random, config.nodes());
        return switch (kind) {
            case PARTITION -> new FaultPlan.PartitionPlan(pick(random, config.shapes()), order);
            case KILL, PAUSE, POWER_LOSS -> new FaultPlan.NodesPlan(kind, null, pick(random, config.targets()), order);
            case CLOCK -> new FaultPlan.NodesPlan(kind, drawClockChange(random, windowNanos), pick(random, config.targets()), order);
            case LINK -> new FaultPlan.NodesPlan(kind, drawLinkFaults(random), pick(random, config.targets()), order);
            case DISK -> new FaultPlan.NodesPlan(kind, drawDiskFaults(random), pick(random, config.targets()), order);
        };
    }

    /**
     * Clock changes spread over orders of magnitude, as Jepsen's bump and strobe generators do:
     * bumps of 16 ms to about 65 s either way, strobes of 16 ms to about 4 s every 16 ms to about
     * 1 s for the length of the window, drift at 0.5 to 0.95 or 1.05 to 2 times real time.
     */
    private static AgentRequest drawClockChange(SplittableRandom random, long windowNanos) {
        return switch (random.nextInt(3)) {
            case 0 -> new ClockBump((random.nextBoolean() ? 1 : -1) * powerOfTwoMillis(random, 4, 16));
            case 1 -> new ClockStrobe(powerOfTwoMillis(random, 4, 12), powerOfTwoMillis(random, 4, 10),
                    Math.max(1, windowNanos / 1_000_000));
            default -> new ClockRate(random.nextBoolean()
                    ? 0.5 + random.nextDouble() * 0.45
                    : 1.05 + random.nextDouble() * 0.95);
        };
    }

    /**
     * One link effect at a time on every outbound link of the chosen nodes, so that the report can
     * say which one a failure followed: 10-50 % loss, 10-200 ms delay with half as much jitter,
     * 10-30 % duplication, or 10-30 % of messages held back 10-200 ms.
     */
    private static LinkFaults drawLinkFaults(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> LinkFaults.loss(0.1 + random.nextDouble() * 0.4);
            case 1 -> {
                long mean = 10 + random.nextLong(191);
                yield LinkFaults.delay(mean, mean / 2);
            }
            case 2 -> new LinkFaults(Set.of(), 0, 0, 0, 0.1 + random.nextDouble() * 0.2, 0, 0);
            default -> new LinkFaults(Set.of(), 0, 0, 0, 0, 0.1 + random.nextDouble() * 0.2, 10 + random.nextLong(191));
        };
    }

    /**
     * Fsync stalls spread over orders of magnitude, as disks under load show them: 16 ms to about
     * half a second, with half as much jitter. The upper end reaches the targets' failure-detection
     * timeouts (hundreds of milliseconds), so a slow disk both widens the time between a write and
     * its durability and, now and then, costs a node its leader or its followers, as in production.
     */
    private static DiskFaults drawDiskFaults(SplittableRandom random) {
        long mean = powerOfTwoMillis(random, 4, 9);
        return new DiskFaults(mean, mean / 2);
    }

    private static long powerOfTwoMillis(SplittableRandom random, int exponentMin, int exponentMax) {
        return Math.round(Math.pow(2, exponentMin + random.nextDouble() * (exponentMax - exponentMin)));
    }

    private static <T> T pick(SplittableRandom random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static List<String> shuffled(SplittableRandom random, List<String> nodes) {
        List<String> order = new ArrayList<>(nodes);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swap = order.get(i);
            order.set(i, order.get(j));
            order.set(j, swap);
        }
        return List.copyOf(order);
    }
}
