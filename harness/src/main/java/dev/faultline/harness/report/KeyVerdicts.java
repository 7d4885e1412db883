package dev.faultline.harness.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-key verdicts for keyed workloads (Jepsen's {@code independent} checker reports one result
 * per key): for every key, its operations by outcome and, for every checker, what the checker
 * said about it. A checker reports anomalies, not keys, so a key's verdict is derived:
 *
 * <ul>
 *   <li>{@code false} when an anomaly of the checker is on the key: its {@code data.key} or
 *       {@code data.partition} names it, or else one of its operations is on it;
 *   <li>otherwise the checker's own verdict when that is {@code true} (every key passed) or
 *       {@code unknown};
 *   <li>{@code none} when the checker found anomalies elsewhere: it reported nothing on this key,
 *       which is not the same as valid (the linearizable checker stops the other keys' searches
 *       at the first violation).
 * </ul>
 */
final class KeyVerdicts {

    private KeyVerdicts() {}

    /** One row per key, keys with anomalies first, then in order of first use; empty when no op has a key. */
    static List<Map<String, Object>> of(OpTable table, Map<String, Object> results) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (int id = 0; id < table.size(); id++) {
            Object key = table.operation(id).key();
            if (key != null) {
                int outcome = table.outcome(id) == OpTable.OPEN ? OpTable.INFO : table.outcome(id);
                counts.computeIfAbsent(OpTable.describe(key), k -> new int[3])[outcome]++;
            }
        }
        List<Map<String, Object>> verdicts = CheckerSections.verdicts(results);
        Map<String, Map<String, Integer>> anomaliesByKey = new TreeMap<>();
        for (Map<String, Object> verdict : verdicts) {
            String checker = String.valueOf(verdict.get("checker"));
            for (Map<String, Object> anomaly : CheckerSections.anomalies(verdict)) {
                for (String key : keysOf(anomaly, table)) {
                    anomaliesByKey.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(checker, 1, Integer::sum);
                }
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        counts.forEach((key, outcomes) -> {
            Map<String, Integer> anomalies = anomaliesByKey.getOrDefault(key, Map.of());
            Map<String, String> byChecker = new LinkedHashMap<>();
            for (Map<String, Object> verdict : verdicts) {
                String checker = String.valueOf(verdict.get("checker"));
                String overall = CheckerSections.validity(verdict.get("valid"));
                byChecker.put(checker, anomalies.containsKey(checker) ? "false" : overall.equals("false") ? "none" : overall);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", key);
            row.put("ok", outcomes[OpTable.OK]);
            row.put("fail", outcomes[OpTable.FAIL]);
            row.put("info", outcomes[OpTable.INFO]);
            row.put("anomalies", anomalies.values().stream().mapToInt(Integer::intValue).sum());
            row.put("verdicts", byChecker);
            rows.add(row);
        });
        rows.sort((a, b) -> Boolean.compare((int) b.get("anomalies") > 0, (int) a.get("anomalies") > 0));
        return rows;
    }

    /** The keys an anomaly is about, as the page names them. */
    static Set<String> keysOf(Map<String, Object> anomaly, OpTable table) {
        Set<String> keys = new LinkedHashSet<>();
        Map<String, Object> data = anomaly.get("data") instanceof Map<?, ?> map ? CheckerSections.cast(map) : Map.of();
        for (String field : List.of("key", "partition")) {
            if (data.get(field) != null) {
                keys.add(OpTable.describe(data.get(field)));
                return keys;
            }
        }
        for (int id : CheckerSections.opIds(anomaly, table)) {
            Object key = table.operation(id).key();
            if (key != null) {
                keys.add(OpTable.describe(key));
            }
        }
        return keys;
    }
}
