package dev.faultline.target.gossip;

import java.util.random.RandomGenerator;

/**
 * Ids for the requests this node sends (coordinations, hint deliveries), so acks find their way
 * back. They start at a random point of a 62-bit space on every start, so an ack that a peer sends
 * late for a request made before this node crashed will not match a request made after it.
 */
final class MessageIds {
    private long next;

    MessageIds(RandomGenerator random) {
        this.next = 1 + (random.nextLong() >>> 2);
    }

    long next() {
        return next++;
    }
}
