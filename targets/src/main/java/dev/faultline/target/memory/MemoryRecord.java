package dev.faultline.target.memory;

import dev.faultline.target.common.wire.Codec;
import dev.faultline.target.common.wire.WireCollections;
import dev.faultline.target.common.wire.WireFormatException;
import dev.faultline.target.common.wire.WireInput;
import dev.faultline.target.common.wire.WireOutput;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the memory target persists: the value a key took, or a snapshot of every key. */
public sealed interface MemoryRecord {
    /** Key {@code key} now holds {@code value}. */
    record Put(Object key, Object value) implements MemoryRecord {}

    /** Every key and its value (in insertion order). */
    record Snapshot(Map<Object, Object> data) implements MemoryRecord {
        public Snapshot {
            data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        }
    }

    Codec<MemoryRecord> CODEC = new Codec<>() {
        private static final int PUT = 1;
        private static final int SNAPSHOT = 2;

        @Override
        public void encode(MemoryRecord record, WireOutput out) {
            if (record instanceof Put put) {
                out.writeByte(PUT).writeValue(put.key()).writeValue(put.value());
            } else if (record instanceof Snapshot snapshot) {
                WireCollections.writeValueMap(out.writeByte(SNAPSHOT), snapshot.data());
            }
        }

        @Override
        public MemoryRecord decode(WireInput in) {
            int tag = in.readByte();
            if (tag == PUT) {
                return new Put(in.readValue(), in.readValue());
            }
            if (tag == SNAPSHOT) {
                return new Snapshot(WireCollections.readValueMap(in));
            }
            throw new WireFormatException("unknown memory record tag " + tag);
        }
    };
}
