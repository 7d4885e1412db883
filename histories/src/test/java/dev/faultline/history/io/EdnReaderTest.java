package dev.faultline.history.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.history.HistoryFormatException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdnReaderTest {
    private static Object read(String text) throws IOException {
        return EdnOps.plain(new EdnReader(new StringReader(text), "t.edn").read());
    }

    @Test
    void readsScalars() throws IOException {
        assertThat(read("nil")).isNull();
        assertThat(read("true")).isEqualTo(true);
        assertThat(read("-42")).isEqualTo(-42L);
        assertThat(read("+7")).isEqualTo(7L);
        assertThat(read("123456789012345678901234567890N")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(read("2.5")).isEqualTo(2.5);
        assertThat(read("1.5M")).isEqualTo(1.5);
        assertThat(read("\"a \\\"b\\\"\\n\\u0041\"")).isEqualTo("a \"b\"\nA");
        assertThat(read("\\a")).isEqualTo("a");
        assertThat(read("\\newline")).isEqualTo("\n");
        assertThat(read(":cas")).isEqualTo("cas");
        assertThat(read(":jepsen.history/op")).isEqualTo("jepsen.history/op");
        assertThat(read("some-symbol")).isEqualTo("some-symbol");
        assertThat(read("##Inf")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void readsCollectionsWithCommasCommentsDiscardsAndTags() throws IOException {
        assertThat(read("[1, 2 ; two\n (3 #_4 5)]")).isEqualTo(List.of(1L, 2L, List.of(3L, 5L)));
        assertThat(read("#{:a :b}")).isEqualTo(List.of("a", "b"));
        assertThat(read("{:a 1, \"b\" [nil]}")).isEqualTo(Map.of("a", 1L, "b", java.util.Arrays.asList((Object) null)));
        assertThat(read("#jepsen.history.Op{:f :read}")).isEqualTo(Map.of("f", "read"));
        assertThat(read("#inst \"2024-01-01\"")).isEqualTo("2024-01-01");
        assertThat(read("{1 2}")).isEqualTo(Map.of("1", 2L));
        assertThat(read("#{[1 2] [3 4]}")).isEqualTo(List.of(List.of(1L, 2L), List.of(3L, 4L)));
    }

    @Test
    void namesTheLineOfEachProblem() {
        assertThatThrownBy(() -> read("[1\n 2\n"))
                .isInstanceOf(HistoryFormatException.class).hasMessage("t.edn:1: unclosed [ (end of input at line 3)");
        assertThatThrownBy(() -> read("[1\n 2)"))
                .hasMessage("t.edn:2: expected ] to close the [ opened at line 1, found )");
        assertThatThrownBy(() -> read("{:a 1\n :b}")).hasMessage("t.edn:1: map opened at line 1 has a key without a value");
        assertThatThrownBy(() -> read("\n\n1/2")).hasMessage("t.edn:3: ratio 1/2 is not supported");
        assertThatThrownBy(() -> read("::auto")).hasMessage("t.edn:1: auto-resolved keyword ::auto is not supported");
        assertThatThrownBy(() -> read(": x")).hasMessage("t.edn:1: a : must start a keyword, found ' '");
        assertThatThrownBy(() -> read("\"open")).hasMessage("t.edn:1: unclosed string (end of input at line 1)");
        assertThatThrownBy(() -> read("]")).hasMessage("t.edn:1: unexpected ] with nothing open to close");
        assertThatThrownBy(() -> read("{:a 1 :a 2}")).hasMessage("t.edn:1: map opened at line 1 repeats the key :a");
    }
}
