package dev.faultline.target.common.core;

import dev.faultline.nemesis.agent.NodeStatus;

/**
 * A protocol as a deterministic state machine (etcd raft's {@code RawNode}): the shell (real
 * sockets, disk and clock) or the simulator (simulated ones) feeds it inputs and carries out its
 * output. Every protocol of ours (Raft, ZAB, Multi-Paxos, a gossip/quorum store) implements it.
 *
 * <p>Inputs are {@link #tick}, {@link #receive} and {@link #request}; each carries the node clock's
 * reading at that moment. Output accumulates inside the core until the driver calls {@link #ready},
 * which hands it over and clears it; drivers call it after each batch of inputs. The driver then
 * carries out the {@link Ready} in its documented order (send {@code messages}; persist
 * {@code snapshot} and {@code records}, fsync when {@code mustSync}; send
 * {@code messagesAfterPersist}; deliver {@code replies}) <em>before</em> it gives the core another
 * input, so a core may treat everything in an earlier Ready as done (etcd's {@code Advance} is
 * implicit). If the node crashes in between, the core is discarded and a new one starts from what
 * was durable.
 *
 * <p>Rules for implementations: single-threaded (never called concurrently, so no locks); no
 * sockets, files, threads, {@code System.nanoTime()}, {@code currentTimeMillis()} or global
 * {@code Random}: randomness comes from {@link CoreContext#random()}, time from the readings;
 * messages and records are immutable values. Every {@link ClientRequest} gets exactly one
 * {@link ClientReply}, sooner or later; when the core cannot know the outcome (leadership lost
 * after proposing) it answers {@code info}, never silence, or the client waits for its timeout.
 *
 * @param <M> the protocol's peer message type
 * @param <R> the protocol's durable record type
 */
public interface Core<M, R> {
    /** One tick of the node clock (every {@link CoreContext#tickIntervalNanos()} of its monotonic time). */
    void tick(ClockReading now);

    /** A message from peer {@code from}. Peers can be lost, delayed, duplicated and reordered. */
    void receive(ClockReading now, String from, M message);

    /** A client request; answer it with a {@link ClientReply} carrying the same id, now or later. */
    void request(ClockReading now, ClientRequest request);

    /** Hands over the output accumulated since the last call; {@link Ready#isEmpty()} when none. */
    Ready<M, R> ready();

    /** The core's status, for the agent and the simulator's checks. Cheap: called after each batch. */
    NodeStatus status();
}
