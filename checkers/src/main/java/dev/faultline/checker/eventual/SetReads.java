package dev.faultline.checker.eventual;

import dev.faultline.checker.graph.UnsupportedHistoryException;
import dev.faultline.checker.graph.UpdateIndex;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over a set's successful reads (final ones included), recording for each added element
 * the reads that returned it and when it became known, and setting aside what no correct set
 * returns: elements never added, elements whose add failed, and elements returned twice by one
 * read (Jepsen's set-full means to flag those but, in the version read, cannot; see notes §5.2).
 *
 * <p>Cost: O(Σ |read|) time and memory; no read is kept as a hash set.
 */
final class SetReads {
    /** An element's add and the reads that returned it. */
    static final class Element {
        final Operation add;
        /** Indices into {@link #reads()} of the reads that returned the element, increasing. */
        int[] presentIn = EMPTY;
        int presentCount;
        /** Position of the first event that proved the element was added: its ack or a read. */
        int knownPosition = Integer.MAX_VALUE;
        long knownTime;

        Element(Operation add) {
            this.add = add;
        }

        boolean isKnown() {
            return knownPosition != Integer.MAX_VALUE;
        }

        int lastPresent() {
            return presentCount == 0 ? -1 : presentIn[presentCount - 1];
        }
    }

    /** An element one read returned that it should not have, and that read. */
    record Sighting(Object element, Operation read) {}

    private static final int[] EMPTY = new int[0];

    private final List<Operation> reads = new ArrayList<>();
    private final Map<Object, Element> elements = new LinkedHashMap<>();
    private final Map<Object, Operation> neverAdded = new LinkedHashMap<>();
    private final Map<Object, Operation> failedButRead = new LinkedHashMap<>();
    private final List<Sighting> duplicated = new ArrayList<>();

    /**
     * @param history the whole history, which names lines in messages
     * @throws UnsupportedHistoryException for an element added twice, an operation a set does not
     *     have, or a read that returned something other than a list
     */
    static SetReads of(History history, List<Operation> keyOperations, OpClock clock) {
        SetReads set = new SetReads();
        for (Operation operation : keyOperations) {
            switch (operation.f()) {
                case "add" -> set.indexAdd(history, operation, clock);
                case "read" -> {
                    if (operation.isOk()) {
                        set.reads.add(operation);
                    }
                }
                default -> throw new UnsupportedHistoryException("the set model knows add and read, not "
                        + operation.f() + " (op " + operation.invoke().index() + ")");
            }
        }
        for (int readIndex = 0; readIndex < set.reads.size(); readIndex++) {
            set.observe(readIndex, clock);
        }
        return set;
    }

    /** The elements a successful read returned; nil reads as the empty set. */
    static List<?> elementsOf(Operation read) {
        Object value = read.value();
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new UnsupportedHistoryException("the read at op " + read.complete().index() + " returned "
                    + Values.describe(value) + ", not a set (a list of elements)");
        }
        return list;
    }

    private void indexAdd(History history, Operation add, OpClock clock) {
        Object value = add.invoke().value();
        // Elements carry their own state, so this map is the index; the error is the shared one.
        Element previous = elements.putIfAbsent(value, new Element(add));
        if (previous != null) {
            throw UpdateIndex.twice(history, previous.add, add);
        }
        if (add.isOk()) {
            Element element = elements.get(value);
            element.knownPosition = add.completion();
            element.knownTime = clock.completed(add);
        }
    }

    private void observe(int readIndex, OpClock clock) {
        Operation read = reads.get(readIndex);
        for (Object value : elementsOf(read)) {
            Element element = elements.get(value);
            if (element == null) {
                neverAdded.putIfAbsent(value, read);
            } else if (element.add.isFail()) {
                failedButRead.putIfAbsent(value, read);
            } else if (element.lastPresent() == readIndex) {
                duplicated.add(new Sighting(value, read));
            } else {
                present(element, readIndex, read, clock);
            }
        }
    }

    private static void present(Element element, int readIndex, Operation read, OpClock clock) {
        if (element.presentCount == element.presentIn.length) {
            element.presentIn = Arrays.copyOf(element.presentIn, Math.max(4, element.presentCount * 2));
        }
        element.presentIn[element.presentCount++] = readIndex;
        if (read.completion() < element.knownPosition) {
            element.knownPosition = read.completion();
            element.knownTime = clock.completed(read);
        }
    }

    /** The successful reads, in invocation order. */
    List<Operation> reads() {
        return reads;
    }

    /** Every element whose add was invoked, in the order of the adds. */
    Map<Object, Element> elements() {
        return elements;
    }

    /** Elements some read returned that no add ever wrote, each with the first such read. */
    Map<Object, Operation> neverAdded() {
        return neverAdded;
    }

    /** Elements some read returned although their add failed, each with the first such read. */
    Map<Object, Operation> failedButRead() {
        return failedButRead;
    }

    /** Each time a read returned an element more than once. */
    List<Sighting> duplicated() {
        return duplicated;
    }
}
