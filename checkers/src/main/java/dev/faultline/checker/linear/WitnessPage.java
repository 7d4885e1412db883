package dev.faultline.checker.linear;

import dev.faultline.checker.Anomaly;
import dev.faultline.checker.Verdict;
import dev.faultline.history.History;
import dev.faultline.history.Operation;
import dev.faultline.history.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders a linearizability verdict as one self-contained HTML page (no scripts or styles fetched
 * from anywhere): for each violation, a timeline with one row per process, the operations around
 * the violation as bars, the longest linearizable prefix drawn as a line through its
 * linearization points, the ways on that fail drawn in red, and the state after each step shown
 * on hover. It draws from the witness in {@link Anomaly#data()} (see {@link WitnessBuilder}), so
 * what the page shows is what was replayed.
 */
public final class WitnessPage {
    /** The most operations drawn per violation: the ones closest to the stuck operation. */
    static final int OPS_DRAWN_MAX = 300;
    private static final int LEFT = 70;
    private static final int STEP_WIDTH = 26;
    private static final int ROW_HEIGHT = 34;
    private static final int TOP = 30;

    private final History history;
    private final Map<Integer, Operation> operationByIndex = new HashMap<>();
    private final StringBuilder html = new StringBuilder();

    private WitnessPage(History history) {
        this.history = history;
        for (Operation operation : history.operations()) {
            operationByIndex.put(operation.invoke().index(), operation);
        }
    }

    /**
     * @param title what was checked, usually the file name
     */
    public static String render(History history, String title, Verdict verdict) {
        return new WitnessPage(history).page(title, verdict);
    }

    private String page(String title, Verdict verdict) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append(" — ").append(verdict.checker()).append("</title>\n<style>")
                .append(STYLE).append("</style></head><body>\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n<p class=\"verdict ").append(verdict.valid().wireName())
                .append("\">").append(escape(verdict.checker())).append(": <b>").append(verdict.valid().wireName()).append("</b>");
        if (verdict.cause() != null) {
            html.append(" — ").append(escape(verdict.cause()));
        }
        html.append("</p>\n<p class=\"stats\">").append(escape(String.valueOf(verdict.stats()))).append("</p>\n");
        int number = 0;
        for (Anomaly anomaly : verdict.anomalies()) {
            number++;
            html.append("<section><h2>Violation ").append(number).append(": ").append(escape(anomaly.type())).append("</h2>\n");
            html.append("<p>").append(escape(anomaly.explanation())).append("</p>\n");
            if (anomaly.type().equals(WitnessBuilder.TYPE)) {
                timeline(anomaly.data());
            }
            html.append("</section>\n");
        }
        html.append(LEGEND).append("</body></html>\n");
        return html.toString();
    }

    /** One step of the witness: an op, and the state after it or why it is illegal. */
    private record Step(int opIndex, String call, String state, String illegal) {}

    private void timeline(Map<String, Object> data) {
        List<Step> prefix = steps(data.get("prefix"));
        List<List<Step>> paths = new ArrayList<>();
        if (data.get("finalPaths") instanceof List<?> list) {
            for (Object path : list) {
                paths.add(steps(path));
            }
        }
        int stuck = index(data.get("op"));
        List<Operation> drawn = opsToDraw(data.get("partition"), prefix, paths, stuck);
        if (drawn.isEmpty()) {
            return;
        }
        // x follows the order of events in the file: invocations and completions of drawn ops.
        TreeSet<Integer> positions = new TreeSet<>();
        for (Operation operation : drawn) {
            positions.add(operation.invocation());
            if (operation.completion() >= 0 && !operation.isInfo()) {
                positions.add(operation.completion());
            }
        }
        Map<Integer, Integer> xOfPosition = new HashMap<>();
        int column = 0;
        for (int position : positions) {
            xOfPosition.put(position, LEFT + STEP_WIDTH * column++);
        }
        int right = LEFT + STEP_WIDTH * (column + 1);
        Map<Integer, Integer> rowOfProcess = new TreeMap<>();
        for (Operation operation : drawn) {
            rowOfProcess.put(operation.process(), 0);
        }
        int row = 0;
        for (Map.Entry<Integer, Integer> entry : rowOfProcess.entrySet()) {
            entry.setValue(row++);
        }
        int height = TOP + ROW_HEIGHT * row + 20;
        html.append("<div class=\"scroll\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(right + 40)
                .append("\" height=\"").append(height).append("\">\n");
        rowOfProcess.forEach((process, index) -> html.append("<text class=\"process\" x=\"4\" y=\"")
                .append(TOP + ROW_HEIGHT * index + 16).append("\">p").append(process).append("</text>\n"));
        Map<Integer, int[]> box = new HashMap<>();
        for (Operation operation : drawn) {
            int x0 = xOfPosition.get(operation.invocation());
            boolean open = operation.isInfo() || operation.completion() < 0;
            int x1 = open ? right : xOfPosition.get(operation.completion());
            int y = TOP + ROW_HEIGHT * rowOfProcess.get(operation.process());
            int index = operation.invoke().index();
            box.put(index, new int[] {x0, x1, y});
            String kind = index == stuck ? "op stuck" : open ? "op info" : "op";
            html.append("<g class=\"").append(kind).append("\"><title>").append(escape(operation.describe()))
                    .append(" (op ").append(index).append(")</title><rect x=\"").append(x0).append("\" y=\"").append(y)
                    .append("\" width=\"").append(Math.max(6, x1 - x0)).append("\" height=\"22\" rx=\"5\"/><text x=\"")
                    .append(x0 + 4).append("\" y=\"").append(y + 15).append("\">").append(escape(label(operation)))
                    .append("</text></g>\n");
        }
        int[] last = drawPrefix(prefix, box, data);
        for (List<Step> path : paths) {
            drawPath(path, box, last);
        }
        html.append("</svg></div>\n");
    }

    /** Draws the prefix's linearization points left to right inside each op's interval; returns the last point. */
    private int[] drawPrefix(List<Step> prefix, Map<Integer, int[]> box, Map<String, Object> data) {
        int[] previous = null;
        StringBuilder line = new StringBuilder();
        for (Step step : prefix) {
            int[] at = box.get(step.opIndex());
            if (at == null) {
                continue;
            }
            int x = Math.min(Math.max(at[0] + 3, previous == null ? at[0] + 3 : previous[0] + 4), at[1] - 3);
            int y = at[2] + 11;
            line.append(line.length() == 0 ? "M" : " L").append(x).append(' ').append(y);
            html.append("<circle class=\"point\" cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"4\"><title>")
                    .append(escape(step.call())).append(" (op ").append(step.opIndex()).append(")\nstate after: ")
                    .append(escape(step.state())).append("</title></circle>\n");
            previous = new int[] {x, y};
        }
        if (line.length() > 0) {
            html.append("<path class=\"prefix\" d=\"").append(line).append("\"/>\n");
        }
        if (previous == null) {
            html.append("<text class=\"note\" x=\"").append(LEFT).append("\" y=\"16\">initial state: ")
                    .append(escape(String.valueOf(data.get("initialState")))).append("</text>\n");
        }
        return previous;
    }

    private void drawPath(List<Step> path, Map<Integer, int[]> box, int[] from) {
        int[] previous = from;
        for (Step step : path) {
            int[] at = box.get(step.opIndex());
            if (at == null) {
                return;
            }
            int x = Math.max(at[0] + 6, previous == null ? at[0] + 6 : Math.min(previous[0] + 8, at[1] - 3));
            int y = at[2] + 11;
            String kind = step.illegal() != null ? "illegal" : "tried";
            if (previous != null) {
                html.append("<line class=\"").append(kind).append("\" x1=\"").append(previous[0]).append("\" y1=\"")
                        .append(previous[1]).append("\" x2=\"").append(x).append("\" y2=\"").append(y).append("\"/>\n");
            }
            html.append("<g class=\"").append(kind).append("-point\"><title>").append(escape(step.call())).append(" (op ")
                    .append(step.opIndex()).append(")\n").append(step.illegal() != null ? "illegal: " + escape(step.illegal())
                            : "state after: " + escape(step.state())).append("</title>");
            if (step.illegal() != null) {
                html.append("<path d=\"M").append(x - 5).append(' ').append(y - 5).append(" L").append(x + 5).append(' ')
                        .append(y + 5).append(" M").append(x + 5).append(' ').append(y - 5).append(" L").append(x - 5)
                        .append(' ').append(y + 5).append("\"/>");
            } else {
                html.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"4\"/>");
            }
            html.append("</g>\n");
            previous = new int[] {x, y};
        }
    }

    /** The partition's ops whose intervals meet the witness's time span, the nearest to the stuck op if too many. */
    private List<Operation> opsToDraw(Object partitionKey, List<Step> prefix, List<List<Step>> paths, int stuck) {
        Set<Integer> involved = new LinkedHashSet<>();
        involved.add(stuck);
        prefix.forEach(step -> involved.add(step.opIndex()));
        paths.forEach(path -> path.forEach(step -> involved.add(step.opIndex())));
        int from = Integer.MAX_VALUE;
        int to = Integer.MIN_VALUE;
        for (int index : involved) {
            Operation operation = operationByIndex.get(index);
            if (operation != null) {
                from = Math.min(from, operation.invocation());
                to = Math.max(to, operation.completion() >= 0 ? operation.completion() : operation.invocation());
            }
        }
        Operation stuckOperation = operationByIndex.get(stuck);
        if (stuckOperation == null) {
            return List.of();
        }
        List<Operation> drawn = new ArrayList<>();
        for (Operation operation : history.operations()) {
            boolean samePartition = partitionKey == null || Objects.equals(operation.key(), partitionKey);
            int end = operation.completion() >= 0 && !operation.isInfo() ? operation.completion() : history.size();
            boolean meets = operation.invocation() <= to && end >= from;
            if (samePartition && (meets || involved.contains(operation.invoke().index()))) {
                drawn.add(operation);
            }
        }
        if (drawn.size() > OPS_DRAWN_MAX) {
            int center = stuckOperation.invocation();
            drawn.sort((a, b) -> Integer.compare(Math.abs(a.invocation() - center), Math.abs(b.invocation() - center)));
            List<Operation> nearest = new ArrayList<>(drawn.subList(0, OPS_DRAWN_MAX));
            nearest.sort((a, b) -> Integer.compare(a.invocation(), b.invocation()));
            return nearest;
        }
        return drawn;
    }

    private static List<Step> steps(Object value) {
        List<Step> steps = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    steps.add(new Step(index(map.get("op")), String.valueOf(map.get("call")),
                            map.get("state") == null ? null : String.valueOf(map.get("state")),
                            map.get("illegal") == null ? null : String.valueOf(map.get("illegal"))));
                }
            }
        }
        return steps;
    }

    private static int index(Object value) {
        return value instanceof Number number ? number.intValue() : -1;
    }

    private static String label(Operation operation) {
        Object shown = operation.isOk() ? operation.value() : operation.invoke().value();
        return operation.f() + " " + Values.describe(shown);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
            .verdict.false b{color:#c0143c}.verdict.true b{color:#17803d}.verdict.unknown b{color:#b26b00}
            .stats{color:#666;font-size:.85em}
            .scroll{overflow-x:auto;border:1px solid #ddd;margin:.5em 0 1.5em}
            svg text{font-size:11px;font-family:ui-monospace,monospace}
            .process{font-weight:bold}
            .op rect{fill:#6db6fe;fill-opacity:.35;stroke:#2b7bd6}
            .op.info rect{fill:#ffaa26;fill-opacity:.3;stroke:#d88400;stroke-dasharray:4 3}
            .op.stuck rect{fill:#ff1e90;fill-opacity:.25;stroke:#c0143c;stroke-width:2}
            .op:hover rect{fill-opacity:.7}
            .prefix{fill:none;stroke:#222;stroke-width:1.5}
            .point{fill:#222}.point:hover{fill:#2b7bd6;r:6}
            line.tried{stroke:#888;stroke-dasharray:3 3}.tried-point circle{fill:#888}
            line.illegal{stroke:#ff1e90;stroke-width:1.5;stroke-dasharray:4 2}
            .illegal-point path{stroke:#ff1e90;stroke-width:3}
            .note{fill:#666}
            .legend span{display:inline-block;margin-right:1.2em}
            """;

    private static final String LEGEND = "<p class=\"legend\"><span>● linearization point of the longest linearizable prefix"
            + " (hover: state after)</span><span style=\"color:#888\">- - a way on that was tried</span>"
            + "<span style=\"color:#ff1e90\">✕ an illegal step (hover: why)</span><span style=\"color:#d88400\">dashed bar:"
            + " info (may take effect any time later, or never)</span></p>\n";
}
