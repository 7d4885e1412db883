package dev.faultline.harness.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the page shows, as one JSON document ({@code DATA} in {@code report.js}), prepared
 * from a {@link StoredRun}; records become JSON objects field by field. The heavy lifting the browser should not redo on every load — pairing
 * faults, bucketing the series, laying out witnesses, deriving per-key verdicts — happens here.
 */
final class ReportModel {
    /** Bumped when the document's shape changes, so the page can refuse data it does not know. */
    static final int FORMAT = 1;

    private ReportModel() {}

    static Map<String, Object> of(StoredRun run) {
        OpTable table = OpTable.of(run.history());
        FaultIntervals.Result faults = FaultIntervals.pair(run.faultLines(), table);
        long begin = table.firstTime();
        long end = table.lastTime();
        for (FaultIntervals.Interval interval : faults.intervals()) {
            begin = Math.min(begin, interval.start());
            end = Math.max(end, Math.max(interval.start(), interval.end()));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("format", FORMAT);
        model.put("run", run(run));
        model.put("timeUnit", table.timeUnit());
        model.put("begin", begin);
        model.put("end", end);
        model.put("ops", table.toJson());
        model.put("counts", counts(table));
        model.put("nemesisEvents", (long) run.history().nemesisOps().size());
        model.put("faults", faults.intervals());
        Map<String, Object> roles = new LinkedHashMap<>();
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (StoredRun.NodeFiles node : run.nodes()) {
            roles.put(node.node(), RoleIntervals.of(node.statusLines(), table, end));
            Map<String, Object> files = new LinkedHashMap<>();
            files.put("node", node.node());
            files.put("files", node.files());
            nodes.add(files);
        }
        model.put("roles", roles);
        model.put("nodes", nodes);
        model.put("series", TimeBuckets.toJson(TimeBuckets.of(table, end)));
        model.put("checkers", CheckerSections.of(run.results(), table));
        model.put("checked", run.results() != null);
        model.put("keys", KeyVerdicts.of(table, run.results()));
        List<String> warnings = new ArrayList<>(run.history().warnings());
        warnings.addAll(faults.warnings());
        model.put("warnings", warnings);
        return model;
    }

    private static Map<String, Object> run(StoredRun run) {
        Map<String, Object> test = run.test();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("directory", run.directory().path().toAbsolutePath().normalize().toString());
        json.put("name", test.getOrDefault("name", run.directory().path().getFileName().toString()));
        json.put("valid", run.results() != null ? CheckerSections.validity(run.results().get("valid")) : "unchecked");
        json.put("test", test);
        return json;
    }

    /** Operations by function and outcome, as the summary table shows them; open ones count as info. */
    private static List<Map<String, Object>> counts(OpTable table) {
        Map<String, long[]> byF = new TreeMap<>();
        for (int id = 0; id < table.size(); id++) {
            int outcome = table.outcome(id) == OpTable.OPEN ? OpTable.INFO : table.outcome(id);
            byF.computeIfAbsent(table.operation(id).f(), f -> new long[3])[outcome]++;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        byF.forEach((f, counts) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("f", f);
            row.put("ok", counts[OpTable.OK]);
            row.put("fail", counts[OpTable.FAIL]);
            row.put("info", counts[OpTable.INFO]);
            rows.add(row);
        });
        return rows;
    }
}
