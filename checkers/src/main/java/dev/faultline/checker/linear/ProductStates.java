package dev.faultline.checker.linear;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * States of many independent objects ({@link KeyedModel}, for {@code --no-partition}) as vectors
 * of per-key component states: a step changes one component, computed by the base model's own
 * interned state space, and the new vector is interned with an incremental hash. Porcupine's
 * unpartitioned key-value model copies and rehashes a whole map on every step instead.
 */
final class ProductStates extends StateSpace {
    private final InternedStates<?> components;
    private final int keyCount;
    private final Map<Object, Integer> keyIndex = new HashMap<>();
    private int[] keyOfClass = new int[16];
    private int[] componentClassOfClass = new int[16];

    /** State s's components are {@code vectors[s * keyCount …]}; its hash is {@code hashes[s]}. */
    private int[] vectors;
    private long[] hashes;
    private int count;
    /** Vector hash → state id (hashes may collide: vectors are compared). */
    private final LongIntTable ids;

    /** @param keyCount how many keys the partition's calls name */
    ProductStates(KeyedModel<?> model, int keyCount, int expectedTransitions, MemoryBudget budget) {
        super(model, expectedTransitions, budget);
        this.components = new InternedStates<>(model.base(), expectedTransitions, budget);
        this.keyCount = Math.max(1, keyCount);
        this.ids = new LongIntTable(16, reservation());
        int capacity = 16;
        reservation().reserve(capacity * vectorBytes());
        vectors = new int[capacity * this.keyCount];
        hashes = new long[capacity];
        int[] initial = new int[this.keyCount];
        Arrays.fill(initial, components.initialState());
        long hash = 0;
        for (int key = 0; key < this.keyCount; key++) {
            hash ^= componentHash(key, initial[key]);
        }
        intern(initial, 0, hash, -1, 0);
    }

    private long vectorBytes() {
        return keyCount * 4L + 8;
    }

    @Override
    void classAdded(int opClass, Call call) {
        if (opClass == keyOfClass.length) {
            keyOfClass = Arrays.copyOf(keyOfClass, opClass * 2);
            componentClassOfClass = Arrays.copyOf(componentClassOfClass, opClass * 2);
        }
        Integer key = keyIndex.get(call.key());
        if (key == null) {
            key = keyIndex.size();
            if (key == keyCount) {
                throw new IllegalStateException("a call names a key the partition did not count: " + call.describe());
            }
            keyIndex.put(call.key(), key);
        }
        keyOfClass[opClass] = key;
        componentClassOfClass[opClass] = components.classOf(new Call(null, call.f(), call.input(), call.output(), call.outcome()));
    }

    @Override
    int initialState() {
        return 0;
    }

    @Override
    int stateCount() {
        return count;
    }

    @Override
    int computeStep(int state, int opClass) {
        int key = keyOfClass[opClass];
        int before = vectors[state * keyCount + key];
        int after = components.step(before, componentClassOfClass[opClass]);
        if (after == ILLEGAL || after == before) {
            return after == ILLEGAL ? ILLEGAL : state;
        }
        long hash = hashes[state] ^ componentHash(key, before) ^ componentHash(key, after);
        return intern(vectors, state * keyCount, hash, key, after);
    }

    private static long componentHash(int key, int component) {
        return mix(((long) key << 32) ^ component ^ 0x9E3779B97F4A7C15L);
    }

    /** The id of the vector at {@code source[offset…]}, with component {@code key} replaced by {@code value} when key ≥ 0. */
    private int intern(int[] source, int offset, long hash, int key, int value) {
        long tableKey = LongIntTable.key(hash);
        for (int slot = ids.firstSlot(tableKey); ids.keyAt(slot) != LongIntTable.EMPTY; slot = ids.nextSlot(slot)) {
            if (ids.keyAt(slot) == tableKey && sameVector(ids.valueAt(slot), source, offset, key, value)) {
                return ids.valueAt(slot);
            }
        }
        if (count == hashes.length) {
            // When source is the vectors array, growing replaces that field; source still reads the old array.
            grow();
        }
        int id = count++;
        System.arraycopy(source, offset, vectors, id * keyCount, keyCount);
        if (key >= 0) {
            vectors[id * keyCount + key] = value;
        }
        hashes[id] = hash;
        ids.add(tableKey, id);
        return id;
    }

    private boolean sameVector(int candidate, int[] source, int offset, int key, int value) {
        int base = candidate * keyCount;
        for (int i = 0; i < keyCount; i++) {
            int expected = i == key ? value : source[offset + i];
            if (vectors[base + i] != expected) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        int capacity = hashes.length * 2;
        // Reserve the new arrays whole: the old ones live until the copy is done.
        reservation().reserve(capacity * vectorBytes());
        long oldBytes = hashes.length * vectorBytes();
        vectors = Arrays.copyOf(vectors, capacity * keyCount);
        hashes = Arrays.copyOf(hashes, capacity);
        reservation().release(oldBytes);
    }

    @Override
    void release() {
        components.release();
        super.release();
    }
}
