package dev.faultline.harness.client;

/**
 * One operation for a client to perform.
 *
 * @param process the logical process invoking it
 * @param f read, write, cas, add or append
 * @param key the object, or null for single-object workloads
 * @param value the argument: the value to write, {@code [expected, new]} for a CAS, the element to
 *     add or append; null for reads
 * @param finalRead true for the reads of the final phase
 * @param timeoutNanos how long the client may wait for the answer before it gives up with
 *     {@code info} (or {@code fail} when it knows the request was never sent)
 */
public record Invocation(int process, String f, Object key, Object value, boolean finalRead, long timeoutNanos) {}
