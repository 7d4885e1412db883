package dev.faultline.target.common.core;

import dev.faultline.target.common.kv.KvReply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A batch of work a core hands to its driver (etcd raft's {@code Ready}). The driver carries it
 * out in this order, and only then gives the core its next input:
 *
 * <ol>
 *   <li>send {@link #messages()}: they do not depend on this batch being durable (a leader's
 *       appends may go out while it writes its own copy, etcd raft §10.2.1);
 *   <li>persist: if {@link #snapshot()} is set, it replaces every record persisted before it;
 *       then append {@link #records()}; then, if {@link #mustSync()}, fsync, which makes every
 *       record persisted so far durable. Without an fsync, records survive a process crash but not
 *       a power loss (see {@link dev.faultline.nemesis.agent.PowerLoss});
 *   <li>send {@link #messagesAfterPersist()}: votes, acks and promises that must not outrun the
 *       disk;
 *   <li>deliver {@link #replies()} to clients; then log {@link #events()}.
 * </ol>
 *
 * <p>A snapshot is always written durably (temporary file, fsync, rename, fsync of the
 * directory), whatever {@link #mustSync()} says.
 *
 * @param snapshot a record describing the core's whole durable state, or null
 * @param records records to append, in order, after the snapshot if there is one
 * @param mustSync whether the records must be fsynced before the after-persist messages and replies
 * @param messages messages that may go before persistence
 * @param messagesAfterPersist messages that may go only after persistence
 * @param replies client replies, delivered after persistence
 * @param events things worth a log line
 */
public record Ready<M, R>(
        R snapshot,
        List<R> records,
        boolean mustSync,
        List<Envelope<M>> messages,
        List<Envelope<M>> messagesAfterPersist,
        List<ClientReply> replies,
        List<CoreEvent> events) {

    private static final Ready<?, ?> EMPTY = new Ready<>(null, List.of(), false, List.of(), List.of(), List.of(), List.of());

    public Ready {
        records = List.copyOf(records);
        messages = List.copyOf(messages);
        messagesAfterPersist = List.copyOf(messagesAfterPersist);
        replies = List.copyOf(replies);
        events = List.copyOf(events);
    }

    @SuppressWarnings("unchecked")
    public static <M, R> Ready<M, R> empty() {
        return (Ready<M, R>) EMPTY;
    }

    /** Whether there is anything to persist. */
    public boolean hasPersistence() {
        return snapshot != null || !records.isEmpty() || mustSync;
    }

    /** Carries this batch out through {@code effects}, in the order described above. */
    public void carryOut(Effects<M, R> effects) throws IOException {
        for (Envelope<M> envelope : messages) {
            effects.send(envelope);
        }
        if (hasPersistence()) {
            effects.persist(snapshot, records, mustSync);
        }
        for (Envelope<M> envelope : messagesAfterPersist) {
            effects.send(envelope);
        }
        for (ClientReply reply : replies) {
            effects.reply(reply);
        }
        for (CoreEvent event : events) {
            effects.event(event);
        }
    }

    public boolean isEmpty() {
        return !hasPersistence() && messages.isEmpty() && messagesAfterPersist.isEmpty()
                && replies.isEmpty() && events.isEmpty();
    }

    /**
     * Collects a core's output between two {@link Core#ready()} calls, so that every core gets the
     * same bookkeeping: {@code return ready.take();} in {@code ready()}.
     */
    public static final class Builder<M, R> {
        private R snapshot;
        private List<R> records = new ArrayList<>();
        private boolean mustSync;
        private List<Envelope<M>> messages = new ArrayList<>();
        private List<Envelope<M>> messagesAfterPersist = new ArrayList<>();
        private List<ClientReply> replies = new ArrayList<>();
        private List<CoreEvent> events = new ArrayList<>();

        /** A message that may go before this batch is persisted; {@code to} is a peer, never this node. */
        public void send(String to, M message) {
            messages.add(new Envelope<>(to, message));
        }

        /** A message that may go only once this batch is persisted. */
        public void sendAfterPersist(String to, M message) {
            messagesAfterPersist.add(new Envelope<>(to, message));
        }

        /** A record to append to the durable log (survives a process crash; a power loss only if synced). */
        public void persist(R record) {
            records.add(record);
        }

        /** Requires an fsync of everything persisted so far before replies and after-persist messages. */
        public void sync() {
            mustSync = true;
        }

        /**
         * Replaces the whole durable log by {@code snapshot}, which must describe the core's entire
         * durable state now; records persisted earlier in this batch are superseded and dropped.
         */
        public void snapshot(R newSnapshot) {
            snapshot = Objects.requireNonNull(newSnapshot, "snapshot");
            records.clear();
        }

        public void reply(long requestId, KvReply reply) {
            replies.add(new ClientReply(requestId, reply));
        }

        public void event(String kind, String detail) {
            events.add(new CoreEvent(kind, detail));
        }

        /** The batch so far, leaving the builder empty. */
        public Ready<M, R> take() {
            if (snapshot == null && records.isEmpty() && !mustSync && messages.isEmpty()
                    && messagesAfterPersist.isEmpty() && replies.isEmpty() && events.isEmpty()) {
                return empty();
            }
            Ready<M, R> ready = new Ready<>(snapshot, records, mustSync, messages, messagesAfterPersist, replies, events);
            snapshot = null;
            mustSync = false;
            records = new ArrayList<>();
            messages = new ArrayList<>();
            messagesAfterPersist = new ArrayList<>();
            replies = new ArrayList<>();
            events = new ArrayList<>();
            return ready;
        }
    }
}
