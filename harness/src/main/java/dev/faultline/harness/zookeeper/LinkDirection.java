package dev.faultline.harness.zookeeper;

import dev.faultline.nemesis.agent.LinkFaults;
import java.util.SplittableRandom;

/**
 * The state of the traffic from one server to another, as the proxies forward it: cut, or slowed.
 * A TCP proxy cannot lose, duplicate or reorder single messages (TCP would repair each), so each
 * fault becomes what it means for a stream:
 *
 * <ul>
 *   <li>cut (a partition): bytes are held, not forwarded, until the cut heals, and the proxy stops
 *       reading once its buffer is full, so the sender's TCP window closes: what an iptables DROP
 *       does to a connection. Timeouts fire on both ends as on a real network; after the heal the
 *       held bytes arrive, as retransmissions would;
 *   <li>delay with jitter: each chunk is held for the delay, in order (TCP delivers in order);
 *   <li>loss with probability p: a chunk is held for one more retransmission timeout
 *       ({@value #RETRANSMIT_MILLIS} ms, Linux's minimum RTO), and the chunks behind it wait too
 *       (head-of-line blocking);
 *   <li>reordering: a chunk is held for the reorder window, which TCP turns into a delay;
 *   <li>duplication: nothing; the receiving TCP drops duplicates.
 * </ul>
 */
final class LinkDirection {
    static final long RETRANSMIT_MILLIS = 200;

    private final SplittableRandom random;
    private boolean cut;
    private LinkFaults faults = LinkFaults.NONE;
    /** When the last chunk given a due time may be delivered: later chunks never overtake it. */
    private long lastDueNanos = Long.MIN_VALUE;

    LinkDirection(long seed) {
        this.random = new SplittableRandom(seed);
    }

    synchronized void cut(boolean value) {
        cut = value;
        notifyAll();
    }

    synchronized boolean isCut() {
        return cut;
    }

    synchronized void faults(LinkFaults value) {
        faults = value;
    }

    synchronized LinkFaults faults() {
        return faults;
    }

    /** Waits while the direction is cut; returns at once when it is not. */
    synchronized void awaitOpen() throws InterruptedException {
        while (cut) {
            wait();
        }
    }

    /** When a chunk read at {@code nowNanos} may be delivered under the faults in force. */
    synchronized long dueNanos(long nowNanos) {
        long holdMillis = 0;
        if (faults.delayMeanMillis() > 0 || faults.delayJitterMillis() > 0) {
            long jitter = faults.delayJitterMillis() == 0 ? 0
                    : random.nextLong(-faults.delayJitterMillis(), faults.delayJitterMillis() + 1);
            holdMillis += Math.max(0, faults.delayMeanMillis() + jitter);
        }
        if (faults.lossProbability() > 0 && random.nextDouble() < faults.lossProbability()) {
            holdMillis += RETRANSMIT_MILLIS;
        }
        if (faults.reorderProbability() > 0 && random.nextDouble() < faults.reorderProbability()) {
            holdMillis += faults.reorderWindowMillis();
        }
        lastDueNanos = Math.max(lastDueNanos, nowNanos + holdMillis * 1_000_000);
        return lastDueNanos;
    }
}
