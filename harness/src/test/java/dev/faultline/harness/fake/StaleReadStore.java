package dev.faultline.harness.fake;

import java.util.HashMap;
import java.util.Map;

/**
 * A deliberately broken store: writes go to one primary copy, but reads on a node are served
 * from that node's copy, refreshed only every {@code lagNanos} — the planted {@code stale-read}
 * bug in miniature. A run against it must fail its check.
 */
public final class StaleReadStore extends AtomStore {
    private final long lagNanos;
    private final Map<String, Map<Object, Object>> replicas = new HashMap<>();
    private final Map<String, Long> refreshedAtNanos = new HashMap<>();

    public StaleReadStore(long lagNanos) {
        this.lagNanos = lagNanos;
    }

    @Override
    protected Object read(String node, Object key) {
        long now = System.nanoTime();
        Long refreshed = refreshedAtNanos.get(node);
        if (refreshed == null || now - refreshed > lagNanos) {
            replicas.put(node, snapshot());
            refreshedAtNanos.put(node, now);
        }
        return replicas.get(node).get(key);
    }
}
