package dev.faultline.target.gossip;

import dev.faultline.target.common.core.Ready;
import dev.faultline.target.gossip.GossipMessage.Rumor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Rumor mongering (Demers et al. 1987, "feedback, coin"): every update that changes this replica
 * becomes a hot rumor; each round, every hot rumor (up to {@value #PUSHES_PER_ROUND_MAX}) is pushed
 * to one random other home of its key; when the peer answers that it already knew, this node loses
 * interest in the rumor with probability {@code rumor-stop}. Rumors spread fast and die out, so
 * some replicas can be left without an update (Demers' residue); anti-entropy is what finishes the
 * job. A rumor only carries what arrived (a set's new element, not the whole set).
 *
 * <p>At most {@value #HOT_MAX} rumors are hot at once; the oldest is dropped to make room.
 */
final class Rumors {
    static final int HOT_MAX = 4_096;
    static final int PUSHES_PER_ROUND_MAX = 64;

    private final String self;
    private final Ring ring;
    private final Resolution resolution;
    private final RandomGenerator random;
    private final double stopProbability;
    private final Ready.Builder<GossipMessage, GossipRecord> ready;
    private final Map<Object, Entry> hot = new LinkedHashMap<>();
    private long pushed;
    private long stopped;

    Rumors(String self, Ring ring, Resolution resolution, RandomGenerator random, double stopProbability,
            Ready.Builder<GossipMessage, GossipRecord> ready) {
        this.self = self;
        this.ring = ring;
        this.resolution = resolution;
        this.random = random;
        this.stopProbability = stopProbability;
        this.ready = ready;
    }

    /** An update changed this replica: it becomes (or joins) the key's hot rumor. */
    void heard(Object key, Entry update) {
        Entry known = hot.remove(key);
        if (known == null && hot.size() >= HOT_MAX) {
            Object oldest = hot.keySet().iterator().next();
            hot.remove(oldest);
        }
        hot.put(key, resolution.merge(known, update));
    }

    /** One round: push each hot rumor (oldest first) to a random other home; pushed ones go to the back. */
    void round() {
        List<Object> due = new ArrayList<>(Math.min(hot.size(), PUSHES_PER_ROUND_MAX));
        for (Object key : hot.keySet()) {
            if (due.size() == PUSHES_PER_ROUND_MAX) {
                break;
            }
            due.add(key);
        }
        for (Object key : due) {
            Entry rumor = hot.remove(key);
            List<String> others = new ArrayList<>(ring.homes(ring.segmentOf(Ring.keyHash(key))));
            others.remove(self);
            if (others.isEmpty()) {
                continue; // N = 1: nobody to tell
            }
            ready.send(others.get(random.nextInt(others.size())), new Rumor(key, rumor));
            pushed++;
            hot.put(key, rumor);
        }
    }

    /** Feedback: a peer that already knew the rumor makes this node lose interest, with probability {@code rumor-stop}. */
    void onAck(Object key, boolean alreadyKnown) {
        if (alreadyKnown && hot.containsKey(key) && random.nextDouble() < stopProbability) {
            hot.remove(key);
            stopped++;
        }
    }

    int hotCount() {
        return hot.size();
    }

    long pushed() {
        return pushed;
    }

    long stopped() {
        return stopped;
    }
}
