/**
 * The nemesis agent protocol: how the controller (the harness's nemesis) talks to the agent every
 * node of ours embeds (DESIGN.md §5).
 *
 * <p>Transport: one TCP connection to {@code 127.0.0.1:<agent-port>}, JSON Lines both ways. Each
 * request line is an {@link AgentCall}: the per-run token and one {@link AgentRequest}; each
 * response line is an {@link AgentResponse}. A call with a missing or wrong token is refused and
 * changes nothing. JSON rather than the binary client protocol because faults are rare, and an
 * operator can drive an agent by hand:
 *
 * <pre>
 * printf '%s\n' '{"token":"T","request":{"op":"status"}}' | nc 127.0.0.1 9001
 * </pre>
 *
 * <p>Requests replace state rather than add to it ({@link BlockPeers}, {@link LinkFaults}), except
 * {@link ClockBump}, which steps the offset by a delta as Jepsen's bump does; so a nemesis that
 * re-sends a request after a lost response gets the same state. Every response says what was
 * applied, in words for the fault log, and the node logs every fault it applies.
 *
 * <p>The controller side is {@link AgentClient}; the node side lives in the targets module
 * ({@code dev.faultline.target.common.shell.AgentServer}).
 */
package dev.faultline.nemesis.agent;
