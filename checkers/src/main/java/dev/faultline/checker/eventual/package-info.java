/**
 * Eventual consistency: the {@code convergence} checker (do the nodes agree after the heal, on an
 * acceptable state?) and the {@code staleness} checker (how stale are the reads, and is the
 * register regular?). Background: {@code ../shared/notes/consistency-checkers.md} §5, §6, §9.4,
 * §9.5. Both treat every key as its own object, and both are O(n log n) in the history's size
 * (plus Σ |read| for sets).
 *
 * <h2>Input</h2>
 * <ul>
 *   <li>Final reads: {@code read} operations whose invocation or completion has {@code final:
 *       true}, taken after every fault was healed; each must name its {@code node}. Each node's
 *       last successful final read decides; earlier rounds date the convergence.
 *   <li>Set model: {@code add} (unique elements) and {@code read} (a list). Counter model:
 *       {@code add} (integer deltas) and {@code read}. Register model and staleness: {@code write}
 *       (unique values) and {@code read}.
 *   <li>White-box metadata ({@link dev.faultline.history.Op#meta()}, see {@link dev.faultline.checker.graph.MetaKeys}):
 *       {@code meta.version}, an integer that totally orders one key's writes, on a write's
 *       completion or invocation (the version it created) or on a read's completion (the version
 *       it returned); {@code meta.timestamp}, the last-writer-wins timestamp, copied into the
 *       witnesses of lost writes. Staleness uses {@code meta.version} as the version order when
 *       present, otherwise the invocation order of writes that never overlap (one writer per key).
 *   <li>Time: the ops' {@code time} in nanoseconds; a history without times uses positions, and
 *       the statistics say which in {@code timeUnit} ({@code nanos} or {@code positions}). All
 *       durations below are in that unit.
 * </ul>
 *
 * <h2>Statistics ({@code Verdict.stats()}, {@code results.json})</h2>
 * A <em>distribution</em> is {@code {"count", "mean", "quantiles": {"0", "0.5", "0.95", "0.99",
 * "1"}, "cdf": [[x, P(X ≤ x)], ...]}} (at most 101 CDF points; only {@code count} when empty).
 *
 * <p>{@code convergence}: {@code model}, {@code timeUnit}, {@code keys}, {@code keysChecked},
 * {@code keysWithoutFinalReads}, {@code nodes}, {@code converged} (every key's nodes agree),
 * {@code divergentKeys}, {@code healTime} (the last nemesis event before the final phase),
 * {@code convergenceMeasuredFrom} ({@code heal}, or {@code final-phase-start} without nemesis
 * events), {@code timeToConvergence} (distribution over converged keys), {@code anomalyCounts},
 * {@code witnessesTruncated}; then per model:
 * <ul>
 *   <li>set: {@code attempted}, {@code acknowledged}, {@code indeterminate}, {@code failed},
 *       {@code lost}, {@code recovered}, {@code recoveredElements} (at most 100), {@code timeline}
 *       = {@code {"stable", "lost", "neverRead", "stale", "stableLatency": distribution,
 *       "worstStale": [{"key", "element", "latency", "add"}]}};
 *   <li>counter: {@code okAdds}, {@code indeterminateAdds}, {@code failedAdds};
 *   <li>register: {@code okWrites}, {@code indeterminateWrites}, {@code failedWrites},
 *       {@code lostWrites}, {@code convergedKeysWithLostWrites}.
 * </ul>
 *
 * <p>{@code staleness}: {@code timeUnit}, {@code keys}, {@code keysMeasured}, {@code keysSkipped},
 * {@code skipped} ([{"key", "reason"}], at most 20), {@code versionOrder} (keys by source:
 * {@code meta.version}, {@code write-order}), {@code acknowledgedWrites}, {@code reads} =
 * {@code {"measured", "fresh", "stale", "unversioned", "thinAir", "aborted", "future"}}, {@code k}
 * = {@code {"histogram": [[k, reads], ...], "cdf": [[K, P(k ≤ K)], ...], "max", "mean"}},
 * {@code delta} (distribution of Δt over stale reads), {@code window} (distribution over
 * acknowledged writes not lost), {@code windowLost}, {@code tVisibility} ([{"from", "to",
 * "reads", "fresh", "p", "low", "high"}], 1-2-5 log bins of the time since L(r) was acknowledged,
 * Wilson 95 % bounds), {@code regularity} = {@code {"valid", "staleReads", "futureReads"}},
 * {@code worstStale} ([{"key", "read", "node", "version", "newest", "k", "delta"}], the 8 largest
 * Δt), {@code anomalyCounts}, {@code witnessesTruncated}.
 *
 * <h2>Anomalies</h2>
 * {@code divergent}, {@code lost}, {@code unexpected}, {@code duplicated}, {@code out-of-range}
 * (convergence); {@code stale-read}, {@code future-read}, {@code thin-air-read},
 * {@code aborted-read} (staleness). Each names the {@code Op.index()} of the events involved and
 * explains itself in a sentence; at most 1,000 are kept per type, all are counted.
 */
package dev.faultline.checker.eventual;
