package dev.faultline.history.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.history.History;
import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.HistoryStats;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoriesTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, text);
        return path;
    }

    @Test
    void detectsEachFormatFromItsContent() {
        assertThat(Histories.detect("{\"process\":0}")).contains(HistoryFormat.JSONL);
        assertThat(Histories.detect("[{:process 0}]")).contains(HistoryFormat.EDN);
        assertThat(Histories.detect("; comment\n({:process 0})")).contains(HistoryFormat.EDN);
        assertThat(Histories.detect("{:process 0,\n :type :invoke}")).contains(HistoryFormat.EDN);
        assertThat(Histories.detect("{:process 0, :type :invoke, :f :get, :key \"1\", :value nil}\n"))
                .contains(HistoryFormat.PORCUPINE_KV);
        assertThat(Histories.detect("2014 INFO other\nINFO  jepsen.util - 3\t:invoke\t:read\tnil"))
                .contains(HistoryFormat.JEPSEN_LOG);
        assertThat(Histories.detect("hello")).isEmpty();
    }

    @Test
    void anUndetectableFileIsAnErrorThatSuggestsFormat() throws IOException {
        Path path = file("x.txt", "hello");
        assertThatThrownBy(() -> Histories.read(path))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessageContaining("cannot tell the format").hasMessageContaining("--format");
    }

    @Test
    void aMissingFileIsAOneLineError() {
        assertThatThrownBy(() -> Histories.read(dir.resolve("absent.jsonl")))
                .isInstanceOf(HistoryFormatException.class).hasMessageEndingWith("absent.jsonl: no such file");
    }

    @Test
    void readsNativeFieldsAndRejectsUnknownOnes() throws IOException {
        Path path = file("h.jsonl", """
                {"index":0,"time":1000,"process":0,"type":"invoke","f":"write","key":"x","value":1}
                {"index":1,"time":2500,"process":0,"type":"ok","f":"write","key":"x","value":1,"node":"n2","meta":{"version":3}}
                {"index":2,"time":3000,"process":"nemesis","type":"info","f":"start","value":null}
                {"index":3,"time":4000,"process":1,"type":"invoke","f":"read","key":"x","value":null,"final":true}
                """);
        History history = Histories.read(path);
        assertThat(history.get(1)).isEqualTo(new Op(1, 2500, 0, OpType.OK, "write", "x", 1L, "n2", null,
                Map.of("version", 3L), false));
        assertThat(history.get(2).isNemesis()).isTrue();
        assertThat(history.get(3).finalRead()).isTrue();
        assertThat(history.warnings()).hasSize(1);

        Path bad = file("bad.jsonl", "{\"process\":0,\"type\":\"invoke\",\"f\":\"read\",\"colour\":1}\n");
        assertThatThrownBy(() -> Histories.read(bad)).hasMessage(bad + ":1: unknown field \"colour\"");
        Path missing = file("missing.jsonl", "\n{\"process\":0,\"f\":\"read\"}\n");
        assertThatThrownBy(() -> Histories.read(missing)).hasMessage(missing + ":2: missing field \"type\"");
        Path negative = file("neg.jsonl", "{\"process\":-3,\"type\":\"invoke\",\"f\":\"read\"}\n");
        assertThatThrownBy(() -> Histories.read(negative)).hasMessage(negative + ":1: \"process\" is out of range: -3");
    }

    @Test
    void unwrapsIndependentKeyTuplesButNotCasArguments() throws IOException {
        Path independent = file("ind.edn", """
                [{:process 0, :type :invoke, :f :write, :value [:k1 3]}
                 {:process 0, :type :ok, :f :write, :value [:k1 3]}
                 {:process 1, :type :invoke, :f :cas, :value [7 [3 4]]}
                 {:process 1, :type :fail, :f :cas, :value [7 [3 4]]}]
                """);
        History history = Histories.read(independent);
        assertThat(history.get(0).key()).isEqualTo("k1");
        assertThat(history.get(0).value()).isEqualTo(3L);
        assertThat(history.get(2).key()).isEqualTo(7L);
        assertThat(history.get(2).value()).isEqualTo(List.of(3L, 4L));

        Path casOnly = file("cas.edn", "[{:process 0, :type :invoke, :f :cas, :value [1 2]}]");
        assertThat(Histories.read(casOnly).get(0).key()).isNull();
    }

    @Test
    void keepsTheErrorOfAJepsenLogLineAndIgnoresOtherLines() throws IOException {
        Path log = file("j.log", """
                INFO  jepsen.core - Running test
                INFO  jepsen.util - 3\t:invoke\t:cas\t[1 4]
                INFO  jepsen.util - 3\t:info\t:cas\t[1 4]\tindeterminate: timed out
                INFO  jepsen.util - :nemesis\t:info\t:start\tnil
                """);
        History history = Histories.read(log);
        assertThat(history.size()).isEqualTo(3);
        assertThat(history.get(1).error()).isEqualTo("indeterminate: timed out");
        assertThat(history.get(1).value()).isEqualTo(List.of(1L, 4L));
        assertThat(history.lineOf(1)).isEqualTo(3);
        assertThat(history.get(2).isNemesis()).isTrue();
    }

    @Test
    void computesStatisticsInOnePass() throws IOException {
        Path path = file("s.jsonl", """
                {"time":0,"process":0,"type":"invoke","f":"write","key":"a","value":1}
                {"time":10,"process":1,"type":"invoke","f":"read","key":"b","value":null}
                {"time":20,"process":0,"type":"info","f":"write","key":"a","value":1}
                {"time":30,"process":"nemesis","type":"info","f":"kill","value":"n1"}
                {"time":40,"process":1,"type":"ok","f":"read","key":"b","value":null}
                {"time":50,"process":2,"type":"invoke","f":"write","key":"a","value":2}
                """);
        HistoryStats stats;
        try (OpReader reader = Histories.open(path, null)) {
            stats = HistoryStats.of(reader);
        }
        assertThat(stats.events()).isEqualTo(6);
        assertThat(stats.nemesisEvents()).isEqualTo(1);
        assertThat(stats.operations()).isEqualTo(3);
        assertThat(stats.outcomes()).containsEntry("write", new HistoryStats.Outcomes(0, 0, 2))
                .containsEntry("read", new HistoryStats.Outcomes(1, 0, 0));
        assertThat(stats.processes()).isEqualTo(3);
        assertThat(stats.keys()).isEqualTo(2);
        assertThat(stats.lastTimeNanos() - stats.firstTimeNanos()).isEqualTo(50);
        assertThat(stats.concurrencyMax()).isEqualTo(2);
        assertThat(stats.crashed()).isEqualTo(2);
        assertThat(stats.neverCompleted()).isEqualTo(1);
    }
}
