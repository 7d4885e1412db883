package dev.faultline.target.gossip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hinted handoff (Dynamo §4.6): writes this node accepted on behalf of a home replica it could
 * not reach, kept apart from its own data (it is not a home for those keys), per home, until the
 * home acknowledges them. Several hints for one key merge into one entry.
 *
 * <p>Bounded by {@code hintsMax} keys in all; beyond it a new hint is refused (counted in
 * {@link #refused()}), and the coordinator's write simply has one ack fewer.
 */
final class HintStore {
    private final Resolution resolution;
    private final int hintsMax;
    private final Map<String, Map<Object, Entry>> byHome = new TreeMap<>();
    private int size;
    private long refused;

    HintStore(Resolution resolution, int hintsMax) {
        this.resolution = resolution;
        this.hintsMax = hintsMax;
    }

    /** Keeps {@code entry} for {@code home}; false when the store is full. */
    boolean add(String home, Object key, Entry entry) {
        Map<Object, Entry> hints = byHome.computeIfAbsent(home, h -> new LinkedHashMap<>());
        Entry held = hints.get(key);
        if (held == null && size >= hintsMax) {
            refused++;
            return false;
        }
        if (held == null) {
            size++;
        }
        hints.put(key, resolution.merge(held, entry));
        return true;
    }

    /** Forgets the hint for {@code key} once {@code home} acknowledged {@code delivered}, unless it grew since. */
    boolean delivered(String home, Object key, Entry delivered) {
        Map<Object, Entry> hints = byHome.get(home);
        if (hints == null || !delivered.equals(hints.get(key))) {
            return false;
        }
        hints.remove(key);
        size--;
        if (hints.isEmpty()) {
            byHome.remove(home);
        }
        return true;
    }

    /** Up to {@code limit} hints for {@code home}, oldest first. */
    List<KeyEntry> forHome(String home, int limit) {
        List<KeyEntry> due = new ArrayList<>();
        Map<Object, Entry> hints = byHome.getOrDefault(home, Map.of());
        for (Map.Entry<Object, Entry> hint : hints.entrySet()) {
            if (due.size() == limit) {
                break;
            }
            due.add(new KeyEntry(hint.getKey(), hint.getValue()));
        }
        return due;
    }

    /** The homes with hints waiting. */
    List<String> homes() {
        return new ArrayList<>(byHome.keySet());
    }

    /** Every hint, home by home, for a snapshot. */
    Map<String, List<KeyEntry>> all() {
        Map<String, List<KeyEntry>> all = new TreeMap<>();
        byHome.forEach((home, hints) -> all.put(home, forHome(home, Integer.MAX_VALUE)));
        return all;
    }

    int size() {
        return size;
    }

    long refused() {
        return refused;
    }
}
