package dev.faultline.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.history.History;
import dev.faultline.history.Op;
import dev.faultline.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Goal: a key's verdict says what the checkers said about that key, and no more. */
class KeyVerdictsTest {
    private static final OpTable TABLE = table();

    /** Keys 1, 2 and 3; on key 3 one write fails. */
    private static OpTable table() {
        List<Op> ops = new ArrayList<>();
        for (long key = 1; key <= 3; key++) {
            int process = (int) key;
            ops.add(Op.invoke(process, "write", key, key * 10));
            ops.add(Op.completion(key == 3 ? OpType.FAIL : OpType.OK, process, "write", key, key * 10));
        }
        List<Op> indexed = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            indexed.add(ops.get(i).withIndex(i).withTime(1000L * i));
        }
        return OpTable.of(History.of(indexed));
    }

    private static Map<String, Object> verdict(String checker, Object valid, List<Map<String, Object>> anomalies) {
        return Map.of("checker", checker, "valid", valid, "anomalies", anomalies, "stats", Map.of());
    }

    private static Map<String, Object> anomaly(List<Long> ops, Map<String, Object> data) {
        return Map.of("type", "t", "explanation", "", "ops", ops, "data", data);
    }

    private static Map<String, Map<String, Object>> byKey(Map<String, Object> results) {
        Map<String, Map<String, Object>> rows = new java.util.LinkedHashMap<>();
        KeyVerdicts.of(TABLE, results).forEach(row -> rows.put((String) row.get("key"), row));
        return rows;
    }

    @Test
    void anAnomalyCountsForTheKeyItNamesOrElseTheKeysOfItsOperations() {
        Map<String, Object> results = Map.of("checkers", List.of(
                verdict("linearizable", false, List.of(anomaly(List.of(0L), Map.of("partition", 2L)))),
                verdict("staleness", false, List.of(anomaly(List.of(4L, 5L), Map.of())))));

        Map<String, Map<String, Object>> rows = byKey(results);

        assertThat(rows.keySet()).containsExactly("2", "3", "1");
        assertThat(rows.get("2").get("verdicts")).isEqualTo(Map.of("linearizable", "false", "staleness", "none"));
        assertThat(rows.get("3").get("verdicts")).isEqualTo(Map.of("linearizable", "none", "staleness", "false"));
        assertThat(rows.get("1").get("verdicts")).isEqualTo(Map.of("linearizable", "none", "staleness", "none"));
        assertThat(rows.get("3")).containsEntry("ok", 0).containsEntry("fail", 1).containsEntry("anomalies", 1);
    }

    @Test
    void aValidOrUndecidedCheckerSpeaksForEveryKey() {
        Map<String, Object> results = Map.of("checkers", List.of(verdict("linearizable", true, List.of()),
                verdict("causal", "unknown", List.of())));

        assertThat(byKey(results).values()).allSatisfy(row ->
                assertThat(row.get("verdicts")).isEqualTo(Map.of("linearizable", "true", "causal", "unknown")));
    }

    @Test
    void anUnkeyedHistoryHasNoRows() {
        OpTable unkeyed = OpTable.of(History.of(List.of(Op.invoke(0, "read", null, null).withTime(0))));
        assertThat(KeyVerdicts.of(unkeyed, null)).isEmpty();
    }
}
