/**
 * The {@code paxos} target: Multi-Paxos ("Paxos Made Simple", Lamport 2001) as a deterministic
 * core on the node shell, serving the shared key-value client protocol.
 *
 * <p>Where to start: {@link dev.faultline.target.paxos.PaxosCore} wires the roles —
 * {@link dev.faultline.target.paxos.Acceptor} (promises and accepted values, fsynced before any
 * reply), {@link dev.faultline.target.paxos.Learner} (chosen values, executed in slot order),
 * {@link dev.faultline.target.paxos.Candidate} (phase 1 once, from the first unchosen slot) and
 * {@link dev.faultline.target.paxos.Leader} (phase 2 per slot, heartbeats, catch-up). What goes
 * over the wire is {@link dev.faultline.target.paxos.PaxosMessage}, what goes to disk
 * {@link dev.faultline.target.paxos.PaxosRecord}; limits and timings are
 * {@link dev.faultline.target.paxos.PaxosConfig}; the planted bugs
 * {@link dev.faultline.target.paxos.PaxosBug}. {@code docs/architecture.md}, section
 * "Multi-Paxos", explains the design and the tests.
 *
 * <p>A worked example, three nodes: n1's election timeout expires; it promises its own ballot
 * {@code 1.n1} and sends {@code Prepare(1.n1, fromSlot=1)}; n2 promises (fsync, then
 * {@code Promise}); with two promises of three n1 leads, re-proposing whatever the promises
 * reported and filling holes with no-ops. A client's {@code write x 7} then becomes
 * {@code Accept(1.n1, [1=write x 7])}; n2 accepts (fsync, then {@code Accepted}); two of three
 * accepted in one ballot, so slot 1 is chosen: n1 executes it and answers the client, and n2 and
 * n3 learn it from the next accept or heartbeat, whose {@code chosenThroughSlot} covers it.
 */
package dev.faultline.target.paxos;
