package dev.faultline.target.raft;

/**
 * A follower's half of the chunked InstallSnapshot (Raft §7): collects the chunks of one snapshot
 * in order. A chunk at an unexpected offset is not taken; the follower answers how far it got and
 * the leader resumes from there. A chunk of another snapshot starts over.
 */
final class SnapshotReceiver {
    /** Refuses snapshots that could not be held in memory. */
    static final long SNAPSHOT_BYTES_MAX = 1L << 30;

    private SnapshotMeta meta;
    private byte[] data;
    private int received;

    /**
     * Takes one chunk if it is the next of the snapshot under way (or the first of a new one).
     *
     * @return how many bytes of {@code message}'s snapshot are held now
     */
    long offer(RaftMessage.InstallSnapshot message) {
        if (message.totalBytes() > SNAPSHOT_BYTES_MAX || message.offset() + message.chunk().length > message.totalBytes()) {
            throw new IllegalStateException("malformed snapshot chunk " + message);
        }
        boolean same = meta != null && meta.equals(message.meta()) && data.length == message.totalBytes();
        if (!same) {
            if (message.offset() != 0) {
                clear();
                return 0;
            }
            meta = message.meta();
            data = new byte[(int) message.totalBytes()];
            received = 0;
        }
        if (message.offset() == received) {
            System.arraycopy(message.chunk(), 0, data, received, message.chunk().length);
            received += message.chunk().length;
        }
        return received;
    }

    /** Whether every byte of the current snapshot is in. */
    boolean isComplete() {
        return meta != null && received == data.length;
    }

    SnapshotMeta meta() {
        return meta;
    }

    byte[] data() {
        return data;
    }

    void clear() {
        meta = null;
        data = null;
        received = 0;
    }
}
