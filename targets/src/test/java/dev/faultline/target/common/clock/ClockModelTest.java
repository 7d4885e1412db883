package dev.faultline.target.common.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.nemesis.agent.ClockBump;
import dev.faultline.nemesis.agent.ClockRate;
import dev.faultline.nemesis.agent.ClockReset;
import dev.faultline.nemesis.agent.ClockStrobe;
import dev.faultline.target.common.core.ClockReading;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Goal: each clock fault moves the node's readings exactly as documented, and the monotonic clock never goes back. */
class ClockModelTest {
    private static final long MS = 1_000_000L;
    private static final long WALL = 1_700_000_000_000L;

    @Test
    void anUnskewedClockFollowsRealTime() {
        ClockModel clock = ClockModel.start(500 * MS, WALL * MS);
        assertThat(clock.read(1_500 * MS)).isEqualTo(ClockReading.ofMillis(WALL + 1_000, 1_500 * MS));
    }

    @Test
    void aBumpStepsOnlyTheWallClock() {
        ClockModel clock = ClockModel.start(0, WALL * MS).bump(-5_000).bump(2_000);
        assertThat(clock.wallMillis(10 * MS)).isEqualTo(WALL + 10 - 3_000);
        assertThat(clock.monotonicNanos(10 * MS)).isEqualTo(10 * MS);
        assertThat(clock.offsetMillis()).isEqualTo(-3_000);
    }

    @Test
    void aRateMakesBothClocksDriftFromTheMomentItIsSet() {
        ClockModel clock = ClockModel.start(0, WALL * MS).rate(2.0, 100 * MS);
        assertThat(clock.monotonicNanos(100 * MS)).isEqualTo(100 * MS);
        assertThat(clock.monotonicNanos(300 * MS)).isEqualTo(500 * MS);
        assertThat(clock.wallMillis(300 * MS)).isEqualTo(WALL + 500);
        assertThat(clock.realNanosUntil(700 * MS, 300 * MS)).isEqualTo(100 * MS);
        assertThat(clock.realNanosUntil(400 * MS, 300 * MS)).isZero();
    }

    @Test
    void aStrobeFlipsTheWallClockEveryPeriodAndStopsAfterItsDuration() {
        ClockModel clock = ClockModel.start(0, WALL * MS).strobe(new ClockStrobe(1_000, 10, 40), 0);
        assertThat(clock.wallMillis(5 * MS)).isEqualTo(WALL + 5 + 1_000);
        assertThat(clock.wallMillis(15 * MS)).isEqualTo(WALL + 15);
        assertThat(clock.wallMillis(25 * MS)).isEqualTo(WALL + 25 + 1_000);
        assertThat(clock.wallMillis(45 * MS)).isEqualTo(WALL + 45);
        assertThat(clock.status(5 * MS).strobe()).isNotNull();
        assertThat(clock.status(45 * MS).strobe()).isNull();
        assertThat(clock.monotonicNanos(25 * MS)).isEqualTo(25 * MS);
    }

    @Test
    void aResetPutsTheWallClockBackOnTrueTimeButNeverMovesMonotonicBack() {
        ClockModel clock = ClockModel.start(0, WALL * MS).rate(3.0, 0).bump(7_000);
        long gained = clock.monotonicNanos(100 * MS);
        ClockModel reset = clock.apply(new ClockReset(), 100 * MS);
        assertThat(reset.wallMillis(100 * MS)).isEqualTo(WALL + 100);
        assertThat(reset.monotonicNanos(100 * MS)).isEqualTo(gained);
        assertThat(reset.monotonicNanos(200 * MS)).isEqualTo(gained + 100 * MS);
        assertThat(reset.rate()).isEqualTo(1.0);
    }

    @Property(tries = 200)
    void theMonotonicClockNeverDecreasesAcrossRateChanges(
            @ForAll @DoubleRange(min = 0.01, max = 100) double first,
            @ForAll @DoubleRange(min = 0.01, max = 100) double second,
            @ForAll @LongRange(min = 0, max = 10_000) long changeAtMillis) {
        ClockModel clock = ClockModel.start(0, WALL * MS).rate(first, 0);
        long before = clock.monotonicNanos(changeAtMillis * MS);
        ClockModel changed = clock.rate(second, changeAtMillis * MS);
        assertThat(changed.monotonicNanos(changeAtMillis * MS)).isEqualTo(before);
        assertThat(changed.monotonicNanos(changeAtMillis * MS + 1)).isGreaterThanOrEqualTo(before);
    }

    @Test
    void faultsOutsideTheLimitsAreRefused() {
        assertThatThrownBy(() -> new ClockRate(0)).hasMessageContaining("rate");
        assertThatThrownBy(() -> new ClockBump(200_000_000L)).hasMessageContaining("deltaMillis");
        ClockModel nearLimit = ClockModel.start(0, WALL * MS).bump(80_000_000L);
        assertThatThrownBy(() -> nearLimit.bump(10_000_000L)).hasMessageContaining("offset");
    }

    @Test
    void theNodeClockReadsTheHostThroughItsModel() {
        AtomicLong nanos = new AtomicLong(1_000 * MS);
        TimeSource host = new TimeSource() {
            @Override
            public long nanoTime() {
                return nanos.get();
            }

            @Override
            public long wallNanos() {
                return WALL * MS;
            }
        };
        NodeClock clock = new NodeClock(host);
        clock.apply(new ClockRate(0.5));
        clock.apply(new ClockBump(250));
        nanos.addAndGet(100 * MS);
        assertThat(clock.read()).isEqualTo(ClockReading.ofMillis(WALL + 50 + 250, 1_050 * MS));
        assertThat(clock.realNanosUntil(1_060 * MS)).isEqualTo(20 * MS);
        assertThat(clock.status().rate()).isEqualTo(0.5);
    }

    @Test
    void theWallClockReadsMicrosecondsBetweenMilliseconds() {
        ClockModel clock = ClockModel.start(0, WALL * MS + 123_456).bump(2);
        assertThat(clock.read(1_000)).isEqualTo(new ClockReading((WALL + 2) * 1_000 + 124, 1_000));
        assertThat(clock.read(1_000).wallMillis()).isEqualTo(WALL + 2);
        assertThat(clock.wallMillis(900_000)).isEqualTo(WALL + 3);
    }

    @Test
    void theNodeClockAnchorsOnTheNarrowestBracketOfHostReadings() {
        // The first bracket is wide (the thread was descheduled between its readings), the second
        // narrow: the wall reading of the narrow one, at the middle of its bracket, is the anchor.
        long[] monotonic = {0, 5 * MS, 10 * MS, 10 * MS + 2_000};
        long[] wall = {WALL * MS + 3 * MS, WALL * MS + 10 * MS + 1_000};
        AtomicLong monotonicReads = new AtomicLong();
        AtomicLong wallReads = new AtomicLong();
        TimeSource host = new TimeSource() {
            @Override
            public long nanoTime() {
                int read = (int) monotonicReads.getAndIncrement();
                return read < monotonic.length ? monotonic[read] : 100 * MS + read * 10 * MS;
            }

            @Override
            public long wallNanos() {
                int read = (int) wallReads.getAndIncrement();
                return read < wall.length ? wall[read] : 0;
            }
        };
        NodeClock clock = new NodeClock(host);
        monotonicReads.set(0);
        monotonic[0] = 10 * MS + 1_000 + 7_000;
        assertThat(clock.read().wallMicros()).as("7 microseconds after the narrow bracket's middle")
                .isEqualTo((WALL * MS + 10 * MS + 1_000 + 7_000) / 1_000);
    }
}
