package dev.faultline.target.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Goal: a follower's progress moves between probe, replicate and snapshot as etcd raft's tracker does, and the inflight ring bounds pipelining. */
class ProgressTest {
    @Test
    void probingSendsOneAppendAtATimeAndReplicatingPipelinesUpToTheLimit() {
        Progress progress = new Progress(11, 2);
        progress.sentAppend(10);
        assertThat(progress.isPaused()).isTrue();
        assertThat(progress.maybeUpdate(10)).isTrue();
        progress.becomeReplicate();
        progress.sentAppend(12);
        progress.sentAppend(14);
        assertThat(progress.nextIndex()).isEqualTo(15);
        assertThat(progress.isPaused()).as("two appends in flight").isTrue();
        progress.maybeUpdate(12);
        assertThat(progress.isPaused()).isFalse();
    }

    @Test
    void staleRejectionsAreIgnored() {
        Progress progress = new Progress(11, 4);
        progress.sentAppend(10);
        assertThat(progress.maybeDecreaseTo(7, 5)).as("not the probe in flight").isFalse();
        assertThat(progress.maybeDecreaseTo(10, 6)).isTrue();
        assertThat(progress.nextIndex()).isEqualTo(6);
        progress.maybeUpdate(5);
        progress.becomeReplicate();
        assertThat(progress.maybeDecreaseTo(5, 1)).as("already matched").isFalse();
        assertThat(progress.maybeDecreaseTo(8, 1)).isTrue();
        assertThat(progress.nextIndex()).isEqualTo(6);
    }

    @Test
    void afterASnapshotTheFollowerIsProbedRightAfterIt() {
        Progress progress = new Progress(3, 4);
        progress.becomeSnapshot(20);
        assertThat(progress.isPaused()).isTrue();
        progress.maybeUpdate(20);
        progress.becomeProbe();
        assertThat(progress.nextIndex()).isEqualTo(21);
    }

    @Test
    void theInflightRingRefusesOverflowAndOutOfOrderIndexes() {
        Inflights inflights = new Inflights(2);
        inflights.add(3);
        assertThatThrownBy(() -> inflights.add(3)).isInstanceOf(IllegalStateException.class);
        inflights.add(5);
        assertThatThrownBy(() -> inflights.add(9)).isInstanceOf(IllegalStateException.class).hasMessageContaining("full");
        inflights.freeUpTo(4);
        assertThat(inflights.count()).isEqualTo(1);
        inflights.add(9);
        inflights.freeUpTo(9);
        assertThat(inflights.count()).isZero();
    }
}
