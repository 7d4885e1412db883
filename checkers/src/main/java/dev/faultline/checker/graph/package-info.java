/**
 * What the checkers of observed relations share: the causal, session and sequential checkers
 * today, and any later checker that reasons about program order and reads-from (convergence,
 * staleness).
 *
 * <h2>From a history to a graph</h2>
 * <ul>
 *   <li>{@link dev.faultline.checker.graph.RegisterHistory}: a differentiated register or
 *       key-value history (each value written once per key): the observed operations, the write
 *       index, and each read's write ({@code readsFrom}), the initial value, a thin-air or an
 *       aborted read. Duplicate written values raise
 *       {@link dev.faultline.checker.graph.UnsupportedHistoryException}, which a checker turns
 *       into {@code unknown} with the message.
 *   <li>{@link dev.faultline.checker.graph.CollectionHistory}: the same for grow-only sets
 *       ({@code add}) and lists ({@code append}) whose reads return every element they saw.
 *   <li>{@link dev.faultline.checker.graph.ObservedOps}: the operations both keep, numbered as
 *       nodes, with their kind, key, value and {@link dev.faultline.checker.graph.Sessions}
 *       (program order; a new session after every {@code info}).
 *   <li>{@link dev.faultline.checker.graph.ProgramOrder} and {@code causalOrder()}: the edges of
 *       program order and reads-from as a {@link dev.faultline.checker.graph.Digraph}.
 * </ul>
 *
 * <h2>Algorithms</h2>
 * <ul>
 *   <li>{@link dev.faultline.checker.graph.Cycles}: topological order, strongly connected
 *       components, one short cycle per component as the witness.
 *   <li>{@link dev.faultline.checker.graph.ShortestPaths}: witness paths that cross as few
 *       sessions as possible.
 *   <li>{@link dev.faultline.checker.graph.VectorClocks}: every node's past as one integer per
 *       session, and {@link dev.faultline.checker.graph.UpdateChains} to find a session's last
 *       update of a key inside a past by binary search.
 * </ul>
 *
 * <h2>Witnesses</h2>
 * A witness is a chain of {@link dev.faultline.checker.graph.Step}s, each labelled with a
 * {@link dev.faultline.checker.graph.Relation}; {@link dev.faultline.checker.graph.Witness}
 * renders it as text ("P1 wrote x=1 then y=1; P2 read y=1 then x=nil") and as the
 * {@code steps} data of an anomaly ({@code [{"from", "to", "rel", "by"}]}, operations named by
 * the index of their completion). {@link dev.faultline.checker.graph.AnomalyLog} counts every
 * anomaly and keeps a witness for the first few of each type.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * RegisterHistory history = RegisterHistory.of(h, null);   // nil is the initial value
 * Digraph co = history.causalOrder().build();             // po ∪ rf
 * int[] order = Cycles.topologicalOrder(co);              // null: CO is cyclic
 * VectorClocks past = VectorClocks.compute(co, order, history.ops().sessions(), null);
 * boolean wBeforeR = past.contains(read, write);          // O(1)
 * }</pre>
 */
package dev.faultline.checker.graph;
