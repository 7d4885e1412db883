package dev.faultline.history.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.history.History;
import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Round trips of random histories through JSON Lines, and malformed inputs of each kind in each
 * format failing with the documented message at the right line.
 */
class CodecPropertiesTest {
    private static Path dir;

    @BeforeContainer
    static void makeDirectory() throws IOException {
        dir = Files.createTempDirectory("faultline-codec");
    }

    @AfterContainer
    static void removeDirectory() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    // ---- round trips -------------------------------------------------------------------

    @Property(tries = 200)
    void randomOpsSurviveAJsonLinesRoundTrip(@ForAll("ops") List<Op> ops) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Histories.writeJsonl(ops, out);
        Path file = write("roundtrip.jsonl", out.toString(StandardCharsets.UTF_8));

        List<Op> reread = new ArrayList<>();
        try (OpReader reader = Histories.open(file, HistoryFormat.JSONL)) {
            Op op;
            while ((op = reader.next()) != null) {
                reread.add(op);
            }
        }
        assertThat(reread).isEqualTo(ops);
    }

    @Property(tries = 100)
    void randomHistoriesReadTheSameFromEveryFormat(@ForAll long seed, @ForAll @IntRange(min = 1, max = 80) int events)
            throws IOException {
        List<Op> ops = withoutTimes(RandomHistories.register(seed, events, 4));
        History fromEdn = Histories.read(write("h.edn", String.join("\n", TextFormats.ednLines(ops))));
        History fromLog = Histories.read(write("h.log", String.join("\n", TextFormats.logLines(ops))));

        assertThat(fromEdn.ops()).isEqualTo(ops);
        assertThat(fromLog.ops()).isEqualTo(ops);
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
                        Arbitraries.integers().between(-1, 50),
                        Arbitraries.of(OpType.class),
                        Arbitraries.of("read", "write", "cas", "add", "append", "txn", "start-partition"),
                        values(2).injectNull(0.5),
                        values(3),
                        Arbitraries.strings().alpha().ofMaxLength(3).injectNull(0.7),
                        values(1).injectNull(0.7),
                        Arbitraries.longs().between(0, Long.MAX_VALUE / 2).injectNull(0.3))
                .as((process, type, f, key, value, node, error, time) -> new Op(0,
                        time == null ? Op.NO_TIME : time, process, type, f, key, value, node, error, Map.of(), false));
        Arbitrary<Map<String, Object>> meta = Arbitraries.maps(Arbitraries.strings().alpha().ofLength(2), values(1))
                .ofMaxSize(3).map(CodecPropertiesTest::immutable);
        return Combinators.combine(op.list().ofMaxSize(30), meta.list().ofMaxSize(30), Arbitraries.integers().between(0, 3))
                .as((list, metas, gap) -> {
                    List<Op> numbered = new ArrayList<>();
                    long time = 0;
                    for (int i = 0; i < list.size(); i++) {
                        Op o = list.get(i).withIndex(i * (gap + 1));
                        if (o.hasTime()) {
                            time += o.timeNanos() % 1000;
                            o = o.withTime(time);
                        }
                        if (i < metas.size()) {
                            o = o.withMeta(metas.get(i)).withFinalRead(i % 3 == 0);
                        }
                        numbered.add(o);
                    }
                    return numbered;
                });
    }

    private static Map<String, Object> immutable(Map<String, Object> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Canonical values nested up to the given depth. */
    private Arbitrary<Object> values(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.longs().map(v -> (Object) v),
                Arbitraries.bigIntegers().between(BigInteger.ONE.shiftLeft(64), BigInteger.ONE.shiftLeft(80)).map(v -> (Object) v),
                Arbitraries.doubles().between(-1e6, 1e6).map(v -> (Object) v),
                Arbitraries.strings().ofMaxLength(6).map(v -> (Object) v),
                Arbitraries.of(true, false).map(v -> (Object) v));
        if (depth == 0) {
            return scalar.injectNull(0.1);
        }
        Arbitrary<Object> list = values(depth - 1).list().ofMaxSize(3)
                .map(items -> (Object) java.util.Collections.unmodifiableList(new ArrayList<>(items)));
        Arbitrary<Object> map = Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(3), values(depth - 1))
                .ofMaxSize(2).map(m -> (Object) immutable(m));
        return Arbitraries.oneOf(scalar, list, map).injectNull(0.1);
    }

    // ---- malformed input ---------------------------------------------------------------

    @Property(tries = 60)
    void aTruncatedLastLineIsReportedAtItsLine(@ForAll long seed, @ForAll @IntRange(min = 2, max = 40) int events)
            throws IOException {
        List<Op> ops = withoutTimes(RandomHistories.register(seed, events, 3));
        int last = ops.size();
        for (String format : List.of("jsonl", "edn")) {
            List<String> lines = lines(format, ops);
            String line = lines.get(last - 1);
            lines.set(last - 1, line.substring(0, line.indexOf(":") + 4));
            Path file = write("truncated." + format, String.join("\n", lines) + "\n");
            assertThatThrownBy(() -> Histories.read(file))
                    .isInstanceOf(HistoryFormatException.class)
                    .satisfies(e -> assertThat(((HistoryFormatException) e).line()).as(format).isEqualTo(last))
                    .hasMessageContaining(format.equals("jsonl") ? "truncated op" : "unclosed {");
        }
    }

    @Property(tries = 60)
    void aBadTypeIsReportedAtItsLine(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int events,
            @ForAll @IntRange(min = 0, max = 39) int target) throws IOException {
        List<Op> ops = withoutTimes(RandomHistories.register(seed, events, 3));
        int k = target % ops.size();
        String type = ops.get(k).type().wireName();
        for (String format : List.of("jsonl", "edn", "log")) {
            List<String> lines = lines(format, ops);
            String bad = format.equals("jsonl") ? "\"type\":\"" + type + "\"" : ":" + type;
            String replacement = format.equals("jsonl") ? "\"type\":\"oops\"" : ":oops";
            lines.set(k, lines.get(k).replace(bad, replacement));
            Path file = write("badtype." + format, String.join("\n", lines));
            assertThatThrownBy(() -> Histories.read(file))
                    .isInstanceOf(HistoryFormatException.class)
                    .hasMessage(file + ":" + (k + 1) + ": unknown type "
                            + (format.equals("jsonl") ? "\"oops\" (expected invoke, ok, fail or info)"
                                    : ":oops (expected :invoke, :ok, :fail or :info)"));
        }
    }

    @Property(tries = 60)
    void anUnknownKeywordFormIsReportedAtItsLine(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int events,
            @ForAll @IntRange(min = 0, max = 39) int target) throws IOException {
        List<Op> ops = withoutTimes(RandomHistories.register(seed, events, 3));
        int k = target % ops.size();
        String f = ops.get(k).f();
        for (String format : List.of("edn", "log")) {
            List<String> lines = lines(format, ops);
            String separator = format.equals("edn") ? ":f " : "\t";
            lines.set(k, lines.get(k).replace(separator + ":" + f, separator + "::" + f));
            Path file = write("keyword." + format, String.join("\n", lines));
            assertThatThrownBy(() -> Histories.read(file))
                    .isInstanceOf(HistoryFormatException.class)
                    .satisfies(e -> assertThat(((HistoryFormatException) e).line()).as(format).isEqualTo(k + 1))
                    .hasMessageContaining("::" + f);
        }
    }

    @Property(tries = 60)
    void unbalancedBracketsAreReportedAtTheirLine(@ForAll long seed, @ForAll @IntRange(min = 2, max = 40) int events,
            @ForAll @IntRange(min = 0, max = 38) int target) throws IOException {
        List<Op> ops = withoutTimes(RandomHistories.register(seed, events, 3));
        int k = target % (ops.size() - 1);
        for (String format : List.of("jsonl", "edn")) {
            List<String> lines = lines(format, ops);
            String line = lines.get(k);
            int close = line.lastIndexOf('}');
            lines.set(k, line.substring(0, close) + "]" + line.substring(close + 1));
            Path file = write("brackets." + format, String.join("\n", lines));
            assertThatThrownBy(() -> Histories.read(file))
                    .isInstanceOf(HistoryFormatException.class)
                    .satisfies(e -> assertThat(((HistoryFormatException) e).line()).as(format).isEqualTo(k + 1));
        }
    }

    @Property(tries = 60)
    void aSecondInvocationIsReportedAtItsLine(@ForAll long seed, @ForAll @IntRange(min = 2, max = 40) int events,
            @ForAll @IntRange(min = 0, max = 39) int target) throws IOException {
        List<Op> ops = withoutTimes(RandomHistories.register(seed, events, 3));
        int k = firstInvocationAtOrAfter(ops, target % ops.size());
        if (k < 0) {
            return;
        }
        List<Op> doubled = new ArrayList<>(ops.subList(0, k + 1));
        doubled.add(ops.get(k));
        for (int i = 0; i < doubled.size(); i++) {
            doubled.set(i, doubled.get(i).withIndex(i));
        }
        for (String format : List.of("jsonl", "edn", "log")) {
            Path file = write("twice." + format, String.join("\n", lines(format, doubled)));
            assertThatThrownBy(() -> Histories.read(file))
                    .isInstanceOf(HistoryFormatException.class)
                    .hasMessageStartingWith(file + ":" + (k + 2) + ": process " + ops.get(k).process() + " invoked");
        }
    }

    private static int firstInvocationAtOrAfter(List<Op> ops, int from) {
        for (int i = from; i < ops.size(); i++) {
            if (ops.get(i).isClient() && ops.get(i).type() == OpType.INVOKE) {
                return i;
            }
        }
        return -1;
    }

    private static List<Op> withoutTimes(List<Op> ops) {
        return ops.stream().map(op -> op.withTime(Op.NO_TIME)).toList();
    }

    private static List<String> lines(String format, List<Op> ops) throws IOException {
        return switch (format) {
            case "jsonl" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Histories.writeJsonl(ops, out);
                yield new ArrayList<>(out.toString(StandardCharsets.UTF_8).lines().toList());
            }
            case "edn" -> TextFormats.ednLines(ops);
            case "log" -> TextFormats.logLines(ops);
            default -> throw new IllegalArgumentException(format);
        };
    }

    private static Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
