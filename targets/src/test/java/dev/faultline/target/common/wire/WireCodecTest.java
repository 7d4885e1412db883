package dev.faultline.target.common.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.history.Values;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Goal: every canonical value and every frame survives the wire, and every damaged byte is caught. */
class WireCodecTest {

    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(70).negate(), BigInteger.TWO.pow(70))
                        .map(Values::canonical),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s));
        return Arbitraries.recursive(() -> scalars, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(Values::canonical),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(5), inner).ofMaxSize(3).map(Values::canonical)), 0, 3);
    }

    @Property(tries = 300)
    void valuesRoundTripToTheSameCanonicalValue(@ForAll("values") Object value) {
        WireOutput out = new WireOutput(8);
        out.writeValue(value);
        WireInput in = new WireInput(out.toByteArray());
        assertThat(in.readValue()).isEqualTo(value);
        in.expectEnd();
    }

    @Property(tries = 100)
    void everyTruncationOfAValueFailsCleanly(@ForAll("values") Object value) {
        byte[] bytes = new WireOutput().writeValue(value).toByteArray();
        for (int length = 0; length < bytes.length; length++) {
            WireInput in = new WireInput(Arrays.copyOf(bytes, length));
            assertThatThrownBy(in::readValue).isInstanceOf(WireFormatException.class);
        }
    }

    @Test
    void integersOfOtherWidthsBecomeLongsAndMapsKeepTheirOrder() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put("a", List.of((short) 2, (byte) 3));
        byte[] bytes = new WireOutput().writeValue(map).toByteArray();
        Object back = new WireInput(bytes).readValue();
        assertThat(back).isEqualTo(Map.of("z", 1L, "a", List.of(2L, 3L)));
        assertThat(List.copyOf(((Map<?, ?>) back).keySet())).isEqualTo(List.of("z", "a"));
    }

    @Test
    void aCountLargerThanTheBytesLeftIsRejectedBeforeAllocating() {
        byte[] bytes = new WireOutput().writeByte(7).writeInt(Integer.MAX_VALUE).toByteArray();
        assertThatThrownBy(() -> new WireInput(bytes).readValue())
                .isInstanceOf(WireFormatException.class).hasMessageContaining("count");
    }

    @Test
    void framesRoundTripAndTheStreamEndsCleanlyBetweenThem() throws Exception {
        WireOutput out = new WireOutput();
        for (String text : List.of("one", "", "three")) {
            int start = Frames.begin(out);
            out.writeString(text);
            Frames.finish(out, start);
        }
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        assertThat(new WireInput(Frames.read(in)).readString()).isEqualTo("one");
        assertThat(new WireInput(Frames.read(in)).readString()).isEmpty();
        assertThat(new WireInput(Frames.read(in)).readString()).isEqualTo("three");
        assertThat(Frames.read(in)).isNull();
    }

    @Test
    void aTornFrameIsAnEndOfFileInsideTheFrame() {
        byte[] frame = Frames.frame("payload".getBytes());
        for (int length = 1; length < frame.length; length++) {
            ByteArrayInputStream torn = new ByteArrayInputStream(Arrays.copyOf(frame, length));
            assertThatThrownBy(() -> Frames.read(torn)).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void flippingAnyBitOfAFrameIsDetected() {
        byte[] frame = Frames.frame("some payload bytes".getBytes());
        for (int bit = 0; bit < frame.length * 8; bit++) {
            byte[] damaged = frame.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            ByteArrayInputStream in = new ByteArrayInputStream(damaged);
            assertThatThrownBy(() -> Frames.read(in))
                    .as("bit %d", bit)
                    .isInstanceOfAny(WireFormatException.class, EOFException.class);
        }
    }

    @Test
    void anImpossibleLengthIsRejected() {
        byte[] header = new WireOutput().writeInt(-5).writeInt(0).toByteArray();
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(header)))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("impossible frame length");
    }
}
