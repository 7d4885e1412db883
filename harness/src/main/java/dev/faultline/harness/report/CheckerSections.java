package dev.faultline.harness.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-checker part of the page from {@code results.json}: each verdict with its statistics,
 * and its anomalies grouped by type, each with its operations as op ids (for links into the
 * timeline) and, for the first {@link #WITNESSES_DRAWN_PER_TYPE} of each type, a
 * {@link WitnessLayout}. A checker may keep a thousand anomalies of one type; the page lists the
 * first {@link #ANOMALIES_LISTED_PER_TYPE} and points to {@code results.json} for the rest.
 */
final class CheckerSections {
    static final int WITNESSES_DRAWN_PER_TYPE = 8;
    static final int ANOMALIES_LISTED_PER_TYPE = 100;
    /** Fields of {@code Anomaly.data} the witness drawing shows; the rest is listed as a table. */
    private static final Set<String> DRAWN_FIELDS = Set.of("prefix", "finalPaths", "steps", "subhistory");

    private CheckerSections() {}

    /** @param results the content of {@code results.json}, or null when the run was not checked */
    static List<Map<String, Object>> of(Map<String, Object> results, OpTable table) {
        List<Map<String, Object>> sections = new ArrayList<>();
        for (Map<String, Object> verdict : verdicts(results)) {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("checker", String.valueOf(verdict.get("checker")));
            section.put("valid", validity(verdict.get("valid")));
            section.put("cause", verdict.get("cause"));
            section.put("stats", verdict.get("stats") instanceof Map<?, ?> stats ? stats : Map.of());
            Map<String, List<Map<String, Object>>> byType = new LinkedHashMap<>();
            for (Map<String, Object> anomaly : anomalies(verdict)) {
                byType.computeIfAbsent(String.valueOf(anomaly.get("type")), type -> new ArrayList<>()).add(anomaly);
            }
            List<Map<String, Object>> types = new ArrayList<>();
            byType.forEach((type, list) -> types.add(type(type, list, table)));
            section.put("types", types);
            sections.add(section);
        }
        return sections;
    }

    /** The verdicts of {@code results.json}, each a map. */
    static List<Map<String, Object>> verdicts(Map<String, Object> results) {
        List<Map<String, Object>> verdicts = new ArrayList<>();
        if (results != null && results.get("checkers") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    verdicts.add(cast(map));
                }
            }
        }
        return verdicts;
    }

    static List<Map<String, Object>> anomalies(Map<String, Object> verdict) {
        List<Map<String, Object>> anomalies = new ArrayList<>();
        if (verdict.get("anomalies") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    anomalies.add(cast(map));
                }
            }
        }
        return anomalies;
    }

    /** {@code true}, {@code false} or {@code unknown}, as one word for the page's colours. */
    static String validity(Object valid) {
        return Boolean.TRUE.equals(valid) ? "true" : Boolean.FALSE.equals(valid) ? "false" : "unknown";
    }

    private static Map<String, Object> type(String type, List<Map<String, Object>> anomalies, OpTable table) {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (int i = 0; i < Math.min(anomalies.size(), ANOMALIES_LISTED_PER_TYPE); i++) {
            Map<String, Object> anomaly = anomalies.get(i);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("explanation", String.valueOf(anomaly.get("explanation")));
            item.put("opIndices", anomaly.get("ops") instanceof List<?> ops ? ops : List.of());
            item.put("ops", opIds(anomaly, table));
            Map<String, Object> data = new LinkedHashMap<>(anomaly.get("data") instanceof Map<?, ?> map ? cast(map) : Map.of());
            data.keySet().removeAll(DRAWN_FIELDS);
            item.put("data", data);
            if (i < WITNESSES_DRAWN_PER_TYPE) {
                item.put("witness", WitnessLayout.of(anomaly, table));
            }
            listed.add(item);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("count", anomalies.size());
        json.put("anomalies", listed);
        return json;
    }

    /** The op ids of the operations an anomaly names, each once, in its order. */
    static List<Integer> opIds(Map<String, Object> anomaly, OpTable table) {
        Set<Integer> ids = new LinkedHashSet<>();
        if (anomaly.get("ops") instanceof List<?> ops) {
            for (Object index : ops) {
                int id = index instanceof Number number ? table.idOfIndex(number.longValue()) : -1;
                if (id >= 0) {
                    ids.add(id);
                }
            }
        }
        return new ArrayList<>(ids);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
