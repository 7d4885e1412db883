package dev.faultline.target.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Goal: the in-memory log keeps its indexes, terms, conflict hints and configuration right across appends, truncations and compaction. */
class RaftLogTest {
    private static final List<String> VOTERS = List.of("n1", "n2", "n3");

    private static List<Entry> entries(long firstIndex, long... terms) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            entries.add(new Entry(terms[i], firstIndex + i, EntryData.Noop.INSTANCE));
        }
        return entries;
    }

    @Test
    void appendAfterMatchKeepsMatchingEntriesAndReplacesFromTheFirstConflict() {
        RaftLog log = new RaftLog(SnapshotMeta.initial(VOTERS), entries(1, 1, 1, 1, 2));
        assertThat(log.appendAfterMatch(entries(2, 1, 1))).isEmpty();
        assertThat(log.truncations()).isZero();
        List<Entry> written = log.appendAfterMatch(entries(3, 1, 3, 3));
        assertThat(written).extracting(Entry::index).containsExactly(4L, 5L);
        assertThat(log.truncations()).isEqualTo(1);
        assertThat(log.lastIndex()).isEqualTo(5);
        assertThat(log.term(4)).isEqualTo(3);
    }

    @Test
    void conflictHintsFindTermBoundaries() {
        RaftLog log = new RaftLog(SnapshotMeta.initial(VOTERS), entries(1, 1, 1, 2, 2, 2, 4));
        assertThat(log.firstIndexOfTermAt(5)).isEqualTo(3);
        assertThat(log.firstIndexOfTermAt(2)).isEqualTo(1);
        assertThat(log.lastIndexOfTerm(2)).isEqualTo(5);
        assertThat(log.lastIndexOfTerm(3)).isEqualTo(-1);
        assertThat(log.isUpToDate(6, 4)).isTrue();
        assertThat(log.isUpToDate(9, 3)).isFalse();
        assertThat(log.isUpToDate(5, 4)).isFalse();
    }

    @Test
    void compactionKeepsTermsAtTheBoundaryAndTheConfigurationInForce() {
        List<Entry> tail = new ArrayList<>(entries(1, 1, 1));
        tail.add(new Entry(1, 3, new EntryData.Membership(List.of("n1", "n2"))));
        tail.addAll(entries(4, 2));
        RaftLog log = new RaftLog(SnapshotMeta.initial(VOTERS), tail);
        assertThat(log.voters()).containsExactly("n1", "n2");
        assertThat(log.votersAt(2)).isEqualTo(VOTERS);
        log.compact(new SnapshotMeta(3, 1, log.votersAt(3)));
        assertThat(log.firstIndex()).isEqualTo(4);
        assertThat(log.term(3)).isEqualTo(1);
        assertThat(log.hasTerm(2)).isFalse();
        assertThat(log.voters()).containsExactly("n1", "n2");
        assertThatThrownBy(() -> log.entry(3)).isInstanceOf(IllegalStateException.class);
        log.truncateFrom(4);
        assertThat(log.lastIndex()).isEqualTo(3);
        assertThat(log.voters()).as("from the snapshot now").containsExactly("n1", "n2");
    }

    @Test
    void aLeaderAppendOutOfPlaceIsRefused() {
        RaftLog log = new RaftLog(SnapshotMeta.initial(VOTERS), entries(1, 2));
        assertThatThrownBy(() -> log.append(new Entry(2, 3, EntryData.Noop.INSTANCE))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> log.append(new Entry(1, 2, EntryData.Noop.INSTANCE))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("append of 2/1 after 1/2");
    }
}
