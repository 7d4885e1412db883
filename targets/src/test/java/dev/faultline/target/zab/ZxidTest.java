package dev.faultline.target.zab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Goal: zxids order, pack and advance as ZooKeeper's {@code ZxidUtils} says, within their asserted limits. */
class ZxidTest {

    @Property(tries = 300)
    void packedOrderIsZxidOrderAndPackingRoundTrips(
            @ForAll @LongRange(min = 0, max = Zxid.EPOCH_MAX) long epochA, @ForAll @LongRange(min = 0, max = Zxid.COUNTER_MAX) long counterA,
            @ForAll @LongRange(min = 0, max = Zxid.EPOCH_MAX) long epochB, @ForAll @LongRange(min = 0, max = Zxid.COUNTER_MAX) long counterB) {
        Zxid a = new Zxid(epochA, counterA);
        Zxid b = new Zxid(epochB, counterB);
        assertThat(Zxid.unpack(a.packed())).isEqualTo(a);
        assertThat(a.packed()).isNotNegative();
        int lexicographic = epochA != epochB ? Long.compare(epochA, epochB) : Long.compare(counterA, counterB);
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(lexicographic));
        assertThat(Integer.signum(Long.compare(a.packed(), b.packed()))).isEqualTo(Integer.signum(lexicographic));
    }

    @Test
    void aLeaderCountsWithinItsEpochAndStartsANewEpochAtOne() {
        assertThat(new Zxid(3, 7).nextIn(3, Zxid.COUNTER_MAX)).isEqualTo(new Zxid(3, 8));
        assertThat(new Zxid(3, 7).nextIn(5, Zxid.COUNTER_MAX)).isEqualTo(new Zxid(5, 1));
        assertThat(new Zxid(5, 1).follows(new Zxid(3, 7))).isTrue();
        assertThat(new Zxid(3, 8).follows(new Zxid(3, 7))).isTrue();
        assertThat(new Zxid(3, 9).follows(new Zxid(3, 7))).isFalse();
        assertThat(new Zxid(3, 1).follows(new Zxid(3, 7))).isFalse();
    }

    @Test
    void theCounterLimitIsAssertedAndForcesANewEpoch() {
        Zxid last = new Zxid(2, Zxid.COUNTER_MAX);
        assertThat(last.exhausts(2, Zxid.COUNTER_MAX)).isTrue();
        assertThat(last.exhausts(3, Zxid.COUNTER_MAX)).as("a new epoch starts over").isFalse();
        assertThatThrownBy(() -> last.nextIn(2, Zxid.COUNTER_MAX)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rollover");
        assertThatThrownBy(() -> new Zxid(1, Zxid.COUNTER_MAX + 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Zxid(Zxid.EPOCH_MAX + 1, 0)).isInstanceOf(IllegalStateException.class);
    }
}
