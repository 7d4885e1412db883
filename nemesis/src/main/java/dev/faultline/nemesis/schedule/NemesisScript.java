package dev.faultline.nemesis.schedule;

import dev.faultline.nemesis.ClusterView;
import dev.faultline.nemesis.FaultKind;
import dev.faultline.nemesis.agent.AgentRequest;
import dev.faultline.nemesis.agent.ClockBump;
import dev.faultline.nemesis.agent.ClockRate;
import dev.faultline.nemesis.agent.ClockStrobe;
import dev.faultline.nemesis.agent.DiskFaults;
import dev.faultline.nemesis.agent.LinkFaults;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A fault schedule written by hand ({@code faultline test --nemesis-script FILE}): the sequence of
 * faults a user wants, with nodes named by role, optionally repeated every few seconds until the
 * main phase ends. It is how a Jepsen user writes a targeted nemesis (Figure 8's elections, a
 * leader cut off with exactly one follower, a restart right after a vote) and how a schedule is
 * replayed. The format, one fault per line ({@code #} starts a comment):
 *
 * <pre>
 * repeat 20                                   # optional: start the script again every 20 s
 * # start  seconds  fault      targets               parameters
 * 0        6        partition  leader,leader+1 | leader+2
 * 1        0.5      kill       leader+1
 * 2        3        pause      others
 * 3        4        link       leader+2              delay=1500 jitter=100 loss=0.1
 * 4        2        clock      leader                bump=-5000
 * 5        2        clock      leader+1              strobe=200 period=50
 * 6        3        partition  n1<n2,n3; n2<n1
 * </pre>
 *
 * <p>Each fault starts {@code start} seconds into the pass and is healed {@code seconds} later.
 * Targets are comma-separated {@link RoleTarget}s read against the pass's leader
 * ({@link ScriptCycle}); a partition cuts the group before {@code |} off from the group after it,
 * or from every other node when there is no {@code |}. A partition may instead list one-way cuts
 * ({@link Grudge}), {@code ;} between them: {@code n1<n2,n3} makes n1 drop every message from n2
 * and n3; this writes any partition down, rings, bridges and one-way partitions included. Link parameters: {@code loss},
 * {@code duplicate}, {@code reorder} (probabilities), {@code delay}, {@code jitter},
 * {@code window} (milliseconds; {@code window} is how long a reordered message is held back).
 * Clock parameters: {@code bump} (milliseconds, either sign), {@code rate}, or {@code strobe}
 * (milliseconds) with {@code period} (milliseconds): the offset flips every period for the fault's
 * length. Disk parameters:
 * {@code delay} and {@code jitter} (milliseconds each fsync stalls). The schedule keeps
 * the random schedule's contract: faults are applied and recorded the same way, and every fault
 * is healed before the main phase ends (a fault that would outlast it is healed at its end).
 *
 * @param faults the script's faults, in file order
 * @param repeatNanos the length of one pass when the script repeats; 0 to run it once
 */
public record NemesisScript(List<Line> faults, long repeatNanos) {
    private static final double NANOS_PER_SECOND = 1e9;
    private static final Set<String> LINK_PARAMETERS = Set.of("loss", "duplicate", "reorder", "delay", "jitter", "window");
    private static final Set<String> CLOCK_PARAMETERS = Set.of("bump", "rate", "strobe", "period");
    private static final Set<String> DISK_PARAMETERS = Set.of("delay", "jitter");

    /**
     * One fault of the script, as written on line {@code line}.
     *
     * @param groups the target groups; empty for a partition written as one-way cuts
     * @param grudges a partition's one-way cuts; empty otherwise
     */
    public record Line(int line, long startNanos, long durationNanos, FaultKind kind, List<List<RoleTarget>> groups,
            List<Grudge> grudges, AgentRequest change) {
        public Line {
            groups = groups.stream().map(List::copyOf).toList();
            grudges = List.copyOf(grudges);
        }

        long endNanos() {
            return startNanos + durationNanos;
        }
    }

    public NemesisScript {
        faults = List.copyOf(faults);
        if (faults.isEmpty()) {
            throw new IllegalArgumentException("a nemesis script needs at least one fault");
        }
        long end = faults.stream().mapToLong(Line::endNanos).max().orElseThrow();
        if (repeatNanos != 0 && repeatNanos < end) {
            throw new IllegalArgumentException("repeat " + repeatNanos / NANOS_PER_SECOND + " is shorter than the script's "
                    + end / NANOS_PER_SECOND + " s: a pass would start before the previous one healed");
        }
    }

    /**
     * Parses a script.
     *
     * @param source the file name, for messages
     * @param nodes the cluster's nodes, in order
     * @throws IllegalArgumentException {@code SOURCE:LINE: problem} for the first line that is wrong
     */
    public static NemesisScript parse(String text, String source, List<String> nodes) {
        List<Line> faults = new ArrayList<>();
        long repeatNanos = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String content = lines[i].replaceFirst("#.*", "").strip();
            if (content.isEmpty()) {
                continue;
            }
            try {
                String[] words = content.split("\\s+");
                if (words[0].equals("repeat")) {
                    if (words.length != 2 || repeatNanos != 0) {
                        throw new IllegalArgumentException("write repeat once, as: repeat SECONDS");
                    }
                    repeatNanos = seconds(words[1], "repeat");
                } else {
                    faults.add(line(i + 1, words, nodes));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        try {
            return new NemesisScript(faults, repeatNanos);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static Line line(int number, String[] words, List<String> nodes) {
        if (words.length < 4) {
            throw new IllegalArgumentException("expected: START SECONDS FAULT TARGETS [KEY=VALUE ...], was " + String.join(" ", words));
        }
        long startNanos = seconds(words[0], "the start");
        long durationNanos = seconds(words[1], "the length");
        if (durationNanos == 0) {
            throw new IllegalArgumentException("a fault lasts more than 0 seconds");
        }
        FaultKind kind = FaultKind.fromCliName(words[2]).orElseThrow(() -> new IllegalArgumentException(
                "unknown fault " + words[2] + " (known: " + FaultKind.cliNames() + ")"));
        List<String> targetWords = new ArrayList<>();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String word : Arrays.asList(words).subList(3, words.length)) {
            int equals = word.indexOf('=');
            if (equals > 0) {
                parameters.put(word.substring(0, equals), word.substring(equals + 1));
            } else {
                targetWords.add(word);
            }
        }
        String targets = String.join("", targetWords);
        List<List<RoleTarget>> groups = new ArrayList<>();
        List<Grudge> grudges = new ArrayList<>();
        if (targets.contains("<")) {
            if (kind != FaultKind.PARTITION) {
                throw new IllegalArgumentException("only a partition takes one-way cuts (A<B)");
            }
            Arrays.stream(targets.split(";", -1)).map(cut -> Grudge.parse(cut, nodes)).forEach(grudges::add);
        } else {
            groups = groups(targets, nodes);
        }
        if (groups.size() > (kind == FaultKind.PARTITION ? 2 : 1)) {
            throw new IllegalArgumentException("only a partition has two groups of targets (A | B)");
        }
        Line line = new Line(number, startNanos, durationNanos, kind, groups, grudges, change(kind, parameters, durationNanos));
        if (kind == FaultKind.PARTITION) {
            // Roles resolve only when the fault starts: try every leader now, so a bad partition fails here.
            for (String leader : nodes) {
                new FaultPlan.ScriptPlan(kind, groups, grudges, null, new ScriptCycle(0), number, nodes)
                        .resolve(ClusterView.of(nodes, Optional.of(leader)));
            }
        }
        return line;
    }

    private static List<List<RoleTarget>> groups(String targets, List<String> nodes) {
        List<List<RoleTarget>> groups = new ArrayList<>();
        for (String group : targets.split("\\|", -1)) {
            if (group.isEmpty()) {
                throw new IllegalArgumentException("an empty group of targets");
            }
            groups.add(Arrays.stream(group.split(",")).map(target -> RoleTarget.parse(target, nodes)).toList());
        }
        return groups;
    }

    /** @param durationNanos the fault's length, which a strobe lasts */
    private static AgentRequest change(FaultKind kind, Map<String, String> parameters, long durationNanos) {
        Set<String> allowed = switch (kind) {
            case LINK -> LINK_PARAMETERS;
            case CLOCK -> CLOCK_PARAMETERS;
            case DISK -> DISK_PARAMETERS;
            default -> Set.of();
        };
        for (String name : parameters.keySet()) {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(kind.cliName() + " takes no parameter " + name
                        + (allowed.isEmpty() ? "" : " (it takes " + String.join(", ", allowed.stream().sorted().toList()) + ")"));
            }
        }
        if (kind == FaultKind.LINK) {
            LinkFaults faults = new LinkFaults(Set.of(), number(parameters, "loss", 0), millis(parameters, "delay"),
                    millis(parameters, "jitter"), number(parameters, "duplicate", 0), number(parameters, "reorder", 0),
                    millis(parameters, "window"));
            if (faults.isNone()) {
                throw new IllegalArgumentException("a link fault needs loss, delay, duplicate or reorder");
            }
            return faults;
        }
        if (kind == FaultKind.CLOCK) {
            return clockChange(parameters, durationNanos);
        }
        if (kind == FaultKind.DISK) {
            DiskFaults faults = new DiskFaults(millis(parameters, "delay"), millis(parameters, "jitter"));
            if (faults.isNone()) {
                throw new IllegalArgumentException("a disk fault needs delay=MILLIS (how long each fsync stalls)");
            }
            return faults;
        }
        return null;
    }

    private static AgentRequest clockChange(Map<String, String> parameters, long durationNanos) {
        boolean strobe = parameters.containsKey("strobe");
        if (parameters.size() != (strobe ? 2 : 1) || strobe != parameters.containsKey("period")) {
            throw new IllegalArgumentException(
                    "a clock fault takes exactly one of bump=MILLIS, rate=R or strobe=MILLIS period=MILLIS");
        }
        if (strobe) {
            return new ClockStrobe(millis(parameters, "strobe"), millis(parameters, "period"),
                    Math.max(1, durationNanos / 1_000_000));
        }
        return parameters.containsKey("bump") ? new ClockBump(millis(parameters, "bump"))
                : new ClockRate(number(parameters, "rate", 1));
    }

    /**
     * The schedule for a main phase of {@code durationNanos}: one pass, or passes every
     * {@code repeat} seconds while they start within it; each pass is one window and reads its roles
     * against its own leader. A fault that would outlast the main phase is healed at its end; one
     * that would start at or after it is left out.
     */
    public FaultSchedule schedule(List<String> nodes, long durationNanos) {
        List<ScheduledFault> scheduled = new ArrayList<>();
        int passes = repeatNanos == 0 ? 1 : (int) Math.min(Integer.MAX_VALUE, (durationNanos - 1) / repeatNanos + 1);
        for (int pass = 0; pass < passes; pass++) {
            ScriptCycle cycle = new ScriptCycle(pass);
            long originNanos = pass * repeatNanos;
            for (Line fault : faults) {
                long startNanos = originNanos + fault.startNanos();
                if (startNanos >= durationNanos) {
                    continue;
                }
                long healNanos = Math.min(durationNanos, originNanos + fault.endNanos());
                scheduled.add(new ScheduledFault(scheduled.size(), pass, startNanos, healNanos,
                        new FaultPlan.ScriptPlan(fault.kind(), fault.groups(), fault.grudges(), fault.change(), cycle,
                                fault.line(), nodes)));
            }
        }
        return new FaultSchedule(scheduled);
    }

    private static long seconds(String text, String what) {
        double seconds = number(text, what);
        if (!(seconds >= 0) || seconds > 1e6) {
            throw new IllegalArgumentException(what + " must be a number of seconds from 0 to 1000000, was " + text);
        }
        return Math.round(seconds * NANOS_PER_SECOND);
    }

    private static double number(Map<String, String> parameters, String name, double absent) {
        String text = parameters.get(name);
        return text == null ? absent : number(text, name);
    }

    private static long millis(Map<String, String> parameters, String name) {
        String text = parameters.get(name);
        if (text == null) {
            return 0;
        }
        double millis = number(text, name);
        if (millis != Math.rint(millis) || Math.abs(millis) > 1e9) {
            throw new IllegalArgumentException(name + " must be a whole number of milliseconds, was " + text);
        }
        return (long) millis;
    }

    private static double number(String text, String what) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, was " + text);
        }
    }
}
