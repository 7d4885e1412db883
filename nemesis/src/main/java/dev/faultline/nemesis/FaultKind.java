package dev.faultline.nemesis;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of fault a run can inject, as named on the command line ({@code --nemesis
 * partition,kill}) and in {@code faults.jsonl} (DESIGN.md §7).
 */
public enum FaultKind {
    /** Peer traffic dropped along a partition shape; healed by restoring every link. */
    PARTITION,
    /** {@code kill -9} of the node's process; healed by restarting it. */
    KILL,
    /** {@code SIGSTOP}; healed by {@code SIGCONT}. */
    PAUSE,
    /** The node clock bumped, strobed or drifting; healed by resetting it. */
    CLOCK,
    /** A kill after which the node loses every write it had not fsynced; healed by restarting it. */
    POWER_LOSS,
    /** Loss, delay with jitter, duplication or reordering of peer messages; healed by clearing them. */
    LINK,
    /** Every fsync of the node's log stalled by a delay with jitter (a slow disk); healed by normal fsyncs. */
    DISK;

    /** The name on the command line: {@code partition}, {@code power-loss}, ... */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Kill, pause and power loss act on the node's process; two of them on one node at once would
     * contradict each other (a paused process cannot be paused again, a killed one resumed).
     */
    public boolean isProcessFault() {
        return this == KILL || this == PAUSE || this == POWER_LOSS;
    }

    public static Optional<FaultKind> fromCliName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.cliName().equals(name)).findFirst();
    }

    /** Every CLI name, comma-separated, for messages and help. */
    public static String cliNames() {
        return Arrays.stream(values()).map(FaultKind::cliName).collect(Collectors.joining(", "));
    }
}
