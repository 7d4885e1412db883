package dev.faultline.harness.zookeeper;

import dev.faultline.harness.UserInputException;
import dev.faultline.nemesis.FaultKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Apache ZooKeeper 3.9.5 as a target of {@code faultline test}: a third-party system, so its nodes
 * are ZooKeeper servers ({@code QuorumPeerMain}) rather than {@code faultline node} processes, with
 * no node agent; faults come from outside (signals by PID, a TCP proxy on every peer link). Checks
 * the settings a run asks of it before anything starts.
 */
public final class ZooKeeperTarget {
    public static final String NAME = "zookeeper";
    /** The one target option: read=plain|sync|barrier ({@link ReadMode}). */
    public static final String READ_OPTION = "read";
    /** What the nemesis can do without an agent inside the server. */
    public static final Set<FaultKind> FAULT_KINDS = Set.copyOf(EnumSet.of(FaultKind.KILL, FaultKind.PAUSE,
            FaultKind.PARTITION, FaultKind.LINK));
    /** The workload functions the client serves. */
    private static final Set<String> FUNCTIONS = Set.of("read", "write", "cas");

    private ZooKeeperTarget() {}

    /**
     * The read mode of the options, after checking every setting.
     *
     * @throws UserInputException naming the option, bug, fault kind or function the target refuses
     */
    public static ReadMode check(Map<String, String> options, List<String> bugs, Set<FaultKind> faults, Set<String> functions) {
        if (!bugs.isEmpty()) {
            throw new UserInputException("target zookeeper has no planted bugs (it is the real thing); drop --bug " + bugs.get(0));
        }
        for (String option : options.keySet()) {
            if (!option.equals(READ_OPTION)) {
                throw new UserInputException("target zookeeper has no option '" + option + "' (known: " + READ_OPTION + ")");
            }
        }
        for (FaultKind kind : faults) {
            if (!FAULT_KINDS.contains(kind)) {
                throw new UserInputException("target zookeeper cannot take " + kind.cliName() + " faults (it takes: "
                        + FAULT_KINDS.stream().sorted().map(FaultKind::cliName).collect(Collectors.joining(", ")) + ")");
            }
        }
        for (String function : functions) {
            if (!FUNCTIONS.contains(function)) {
                throw new UserInputException("target zookeeper serves read, write and cas, not " + function
                        + " (use --workload register or kv)");
            }
        }
        try {
            return ReadMode.fromCliName(options.getOrDefault(READ_OPTION, ReadMode.PLAIN.cliName()));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }
}
