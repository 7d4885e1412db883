package dev.faultline.target.common.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The encodings the targets' codecs share on top of {@link WireOutput} and {@link WireInput}:
 * counted lists ({@code int count, item*}), maps of canonical values ({@code int count, (value,
 * value)*}, a state machine's data), and a decoded record's refusal turned into the codec's own
 * exception. Decoded collections are unmodifiable.
 */
public final class WireCollections {
    private WireCollections() {}

    public static <T> void writeList(WireOutput out, List<T> items, BiConsumer<WireOutput, T> writeItem) {
        out.writeInt(items.size());
        for (T item : items) {
            writeItem.accept(out, item);
        }
    }

    /** @param itemBytesMin the fewest bytes an item takes, which bounds the count before anything is allocated */
    public static <T> List<T> readList(WireInput in, int itemBytesMin, Function<WireInput, T> readItem) {
        int count = in.readCount(itemBytesMin);
        List<T> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(readItem.apply(in));
        }
        return Collections.unmodifiableList(items);
    }

    /** Keys and values in the map's order; either may be null (a single-register workload uses the null key). */
    public static void writeValueMap(WireOutput out, Map<Object, Object> data) {
        out.writeInt(data.size());
        for (Map.Entry<Object, Object> entry : data.entrySet()) {
            out.writeValue(entry.getKey()).writeValue(entry.getValue());
        }
    }

    public static Map<Object, Object> readValueMap(WireInput in) {
        int count = in.readCount(2);
        Map<Object, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            data.put(in.readValue(), in.readValue());
        }
        return Collections.unmodifiableMap(data);
    }

    /** Builds a decoded record; a constructor's refusal of the decoded fields becomes a {@link WireFormatException}. */
    public static <T> T checked(Supplier<T> decode) {
        try {
            return decode.get();
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(e.getMessage());
        }
    }
}
