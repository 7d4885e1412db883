package dev.faultline.checker;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One violation, with the witness a person can follow.
 *
 * @param type the pattern's name, e.g. {@code nonlinearizable}, {@code WriteCORead}, {@code lost}
 * @param explanation readable text naming the operations and the relation that breaks, e.g.
 *     "P1 wrote x=1 then y=1; P2 read y=1 then x=nil"
 * @param ops the {@link dev.faultline.history.Op#index() indices} of the events involved, in the
 *     order the explanation uses them; the report draws and links these
 * @param data structured detail for the report and {@code results.json} (relations, states,
 *     partial linearizations), canonical values only (see {@link dev.faultline.history.Values})
 */
public record Anomaly(String type, String explanation, List<Integer> ops, Map<String, Object> data) {
    public Anomaly {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(explanation, "explanation");
        ops = List.copyOf(ops);
        data = data == null ? Map.of() : data;
    }

    public static Anomaly of(String type, String explanation, List<Integer> ops) {
        return new Anomaly(type, explanation, ops, Map.of());
    }
}
