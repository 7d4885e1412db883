package dev.faultline.target.raft;

import java.util.List;

/**
 * What a snapshot replaces (Raft §7): every entry up to {@code index}, whose last has term
 * {@code term}, and the configuration in force at that index.
 */
public record SnapshotMeta(long index, long term, List<String> voters) {
    /** The empty log's: nothing compacted, the initial configuration. */
    static SnapshotMeta initial(List<String> voters) {
        return new SnapshotMeta(0, 0, voters);
    }

    public SnapshotMeta {
        voters = List.copyOf(voters);
        if (index < 0 || term < 0 || (index == 0) != (term == 0)) {
            throw new IllegalArgumentException("snapshot index " + index + " and term " + term + " must both be 0 or both positive");
        }
    }
}
