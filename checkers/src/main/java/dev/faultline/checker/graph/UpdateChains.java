package dev.faultline.checker.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For each key and session, the session's updates of that key in program order; so that "the
 * last write of x by session q inside this past" is one binary search on a {@link VectorClocks}
 * entry.
 */
public final class UpdateChains {
    private static final int[] NONE = new int[0];

    private final Sessions sessions;
    private final Map<Long, int[]> chains;
    private final int[][] sessionsByKey;

    private UpdateChains(Sessions sessions, Map<Long, int[]> chains, int[][] sessionsByKey) {
        this.sessions = sessions;
        this.chains = chains;
        this.sessionsByKey = sessionsByKey;
    }

    public static UpdateChains of(ObservedOps ops) {
        Sessions sessions = ops.sessions();
        Map<Long, List<Integer>> lists = new HashMap<>();
        List<List<Integer>> sessionLists = new ArrayList<>();
        for (int key = 0; key < ops.keyCount(); key++) {
            sessionLists.add(new ArrayList<>());
        }
        for (int node = 0; node < ops.size(); node++) {
            if (!ops.kind(node).isUpdate()) {
                continue;
            }
            long id = id(sessions, ops.keyId(node), sessions.sessionOf(node));
            List<Integer> chain = lists.get(id);
            if (chain == null) {
                chain = new ArrayList<>();
                lists.put(id, chain);
                sessionLists.get(ops.keyId(node)).add(sessions.sessionOf(node));
            }
            chain.add(node);
        }
        Map<Long, int[]> chains = new HashMap<>();
        lists.forEach((id, chain) -> chains.put(id, chain.stream().mapToInt(Integer::intValue).toArray()));
        int[][] sessionsByKey = new int[ops.keyCount()][];
        for (int key = 0; key < sessionsByKey.length; key++) {
            sessionsByKey[key] = sessionLists.get(key).stream().mapToInt(Integer::intValue).toArray();
        }
        return new UpdateChains(sessions, chains, sessionsByKey);
    }

    /**
     * One number per key and session. Dense on purpose: {@code Long.hashCode} folds the high half
     * onto the low one, so {@code keyId << 32 | session} would put thousands of chains in a few
     * buckets.
     */
    private static long id(Sessions sessions, int keyId, int session) {
        return (long) keyId * sessions.count() + session;
    }

    /** The sessions that update the key. */
    public int[] sessionsUpdating(int keyId) {
        return sessionsByKey[keyId];
    }

    /** The session's updates of the key, in program order. */
    public int[] chain(int keyId, int session) {
        return chains.getOrDefault(id(sessions, keyId, session), NONE);
    }

    /** How many of the session's updates of the key sit at or before {@code position} in the session. */
    public int countAtOrBefore(int keyId, int session, int position) {
        int[] chain = chain(keyId, session);
        int low = 0;
        int high = chain.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sessions.positionOf(chain[middle]) <= position) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The session's last update of the key at or before {@code position}, or -1. */
    public int lastAtOrBefore(int keyId, int session, int position) {
        int count = countAtOrBefore(keyId, session, position);
        return count == 0 ? -1 : chain(keyId, session)[count - 1];
    }
}
