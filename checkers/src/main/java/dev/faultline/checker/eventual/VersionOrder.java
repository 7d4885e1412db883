package dev.faultline.checker.eventual;

import dev.faultline.checker.graph.MetaKeys;
import dev.faultline.checker.graph.UnsupportedHistoryException;
import dev.faultline.checker.graph.UpdateIndex;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The version order of one key's writes, which staleness needs (notes §9.5 input), from one of:
 *
 * <ul>
 *   <li>{@code meta.version} ({@link MetaKeys#VERSION}), when any write or read of the key carries
 *       it: a write's version comes from its own meta, else from a read that returned its value
 *       with a version. Every acknowledged write needs one, and no two writes may share one.
 *   <li>Otherwise the order in which the key's writes were invoked, provided they never overlap
 *       in real time (each invoked after the previous one completed): one logical writer per key,
 *       which keeps its order even when an indeterminate write moves it to a new process id.
 *       Versions are then 1, 2, 3, ... in that order.
 * </ul>
 * A key that fits neither cannot be measured. Failed writes take no part in the order.
 */
final class VersionOrder {
    /** The version of the initial value: older than every write. */
    static final long INITIAL = Long.MIN_VALUE;

    /** How a read's value relates to the writes. */
    enum ReadKind { VERSIONED, UNVERSIONED, THIN_AIR, ABORTED }

    private final String source;
    private final UpdateIndex writes;
    private final Map<Object, Long> versionByValue;
    private final Object initial;

    private VersionOrder(String source, UpdateIndex writes, Map<Object, Long> versionByValue, Object initial) {
        this.source = source;
        this.writes = writes;
        this.versionByValue = versionByValue;
        this.initial = initial;
    }

    /**
     * @param history the whole history, which names lines in messages
     * @param writes the key's writes, in invocation order
     * @param reads the key's successful reads
     * @param initial the register's initial value, read as version {@link #INITIAL}
     * @throws UnsupportedHistoryException with the reason the key's order is unknown
     */
    static VersionOrder of(History history, List<Operation> writes, List<Operation> reads, Object initial) {
        UpdateIndex index = new UpdateIndex(history);
        writes.forEach(index::add);
        boolean versioned = writes.stream().anyMatch(write -> MetaKeys.of(write, MetaKeys.VERSION) != null)
                || reads.stream().anyMatch(read -> read.complete().meta().get(MetaKeys.VERSION) != null);
        Map<Object, Long> versionByValue = versioned ? fromMeta(writes, reads, index) : fromWriteOrder(writes);
        return new VersionOrder(versioned ? "meta.version" : "write-order", index, versionByValue, initial);
    }

    private static Map<Object, Long> fromMeta(List<Operation> writes, List<Operation> reads, UpdateIndex index) {
        Map<Object, Long> versionByValue = new HashMap<>();
        Map<Long, Operation> writeByVersion = new HashMap<>();
        for (Operation write : writes) {
            Object version = MetaKeys.of(write, MetaKeys.VERSION);
            if (version != null && !write.isFail()) {
                assign(write, version, versionByValue, writeByVersion, write.invoke().index());
            }
        }
        for (Operation read : reads) {
            Object version = read.complete().meta().get(MetaKeys.VERSION);
            Operation write = index.updateOf(read.key(), read.value());
            if (version != null && write != null && !write.isFail()) {
                assign(write, version, versionByValue, writeByVersion, read.complete().index());
            }
        }
        for (Operation write : writes) {
            if (write.isOk() && !versionByValue.containsKey(write.invoke().value())) {
                throw new UnsupportedHistoryException("the acknowledged write at op " + write.invoke().index()
                        + " has no meta.version, and no read reports one for its value");
            }
        }
        return versionByValue;
    }

    private static void assign(Operation write, Object version, Map<Object, Long> versionByValue,
            Map<Long, Operation> writeByVersion, int reportedAt) {
        if (!(version instanceof Long number)) {
            throw new UnsupportedHistoryException("meta.version must be an integer, was " + Values.describe(version)
                    + " at op " + reportedAt);
        }
        Long known = versionByValue.putIfAbsent(write.invoke().value(), number);
        if (known != null && !known.equals(number)) {
            throw new UnsupportedHistoryException("op " + reportedAt + " gives the write at op " + write.invoke().index()
                    + " version " + number + ", but it has version " + known);
        }
        Operation other = writeByVersion.putIfAbsent(number, write);
        if (other != null && other != write) {
            throw new UnsupportedHistoryException("the writes at ops " + other.invoke().index() + " and "
                    + write.invoke().index() + " both have version " + number);
        }
    }

    private static Map<Object, Long> fromWriteOrder(List<Operation> writes) {
        Map<Object, Long> versionByValue = new HashMap<>();
        Operation previous = null;
        for (Operation write : writes) {
            if (write.isFail()) {
                continue;
            }
            if (previous != null && (previous.completion() < 0 || write.invocation() < previous.completion())) {
                throw new UnsupportedHistoryException("the writes at ops " + previous.invoke().index() + " and "
                        + write.invoke().index() + " overlap, and no write carries meta.version");
            }
            versionByValue.put(write.invoke().value(), versionByValue.size() + 1L);
            previous = write;
        }
        return versionByValue;
    }

    /** {@code meta.version} or {@code write-order}. */
    String source() {
        return source;
    }

    /** The version a write created, or null when unknown (an indeterminate write nobody read). */
    Long versionOf(Operation write) {
        return versionByValue.get(write.invoke().value());
    }

    ReadKind kindOf(Operation read) {
        Object value = read.value();
        if (versionByValue.containsKey(value)) {
            return ReadKind.VERSIONED;
        }
        Operation write = writes.updateOf(read.key(), value);
        if (write == null) {
            return Objects.equals(value, initial) ? ReadKind.VERSIONED : ReadKind.THIN_AIR;
        }
        return write.isFail() ? ReadKind.ABORTED : ReadKind.UNVERSIONED;
    }

    /** The version a {@link ReadKind#VERSIONED} read returned. */
    long versionRead(Operation read) {
        Long version = versionByValue.get(read.value());
        return version == null ? INITIAL : version;
    }

    /** The write of the value a read returned, whatever its outcome, or null. */
    Operation writeOf(Operation read) {
        return writes.updateOf(read.key(), read.value());
    }
}
