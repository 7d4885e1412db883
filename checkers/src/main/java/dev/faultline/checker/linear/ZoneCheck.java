package dev.faultline.checker.linear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides a register partition of reads and blind writes whose written values are unique in
 * O(n log n), with Gibbons and Korach's zones (SIAM J. Comput. 1997) in the form of Anderson et
 * al. (HotDep 2010) and Golab, Li and Shah (PODC 2011). Unique values tell each read which write
 * it read, which makes the problem polynomial; crashed writes cost nothing extra.
 *
 * <p>Each value v has a cluster: its write and the reads that returned it (the initial value has
 * a virtual write at −∞). Let f be the earliest return and s the latest invocation in the
 * cluster. If f &lt; s, v must be the register's value throughout [f, s]: a <em>forward</em> zone.
 * Otherwise every op of the cluster overlaps [s, f] and the cluster can take effect at one
 * instant there: a <em>backward</em> zone. The history is linearizable iff every read returns a
 * written value no later than its write's invocation, no two forward zones overlap, and no
 * backward zone lies inside a forward zone. An {@code info} write returns at +∞, so unread it is
 * a backward zone that never conflicts.
 *
 * <p>Zones depend only on their own cluster, so the ops of a conflicting pair are by themselves
 * not linearizable: that small sub-history is what the witness search explains.
 */
final class ZoneCheck {
    /** The verdict: not applicable (null result), linearizable, or the ops of a conflict. */
    record Result(boolean linearizable, int[] conflict, String reason) {}

    private static final long MINUS_INFINITY = Long.MIN_VALUE;

    private ZoneCheck() {}

    /** Null when the partition is not reads and blind writes of unique values. */
    static Result check(CompiledPartition partition) {
        if (!(partition.space.model() instanceof ValueRegister register)) {
            return null;
        }
        Clusters clusters = Clusters.of(partition, register);
        if (clusters == null) {
            return null;
        }
        return clusters.check();
    }

    /** The clusters of one partition: per value, its write and its reads. */
    private static final class Clusters {
        private final CompiledPartition partition;
        /** Per cluster: the write's op id, or -1 for the initial value's virtual write. */
        private final int[] writeOf;
        private final long[] earliestReturn;
        private final long[] latestCall;
        private final List<List<Integer>> reads = new ArrayList<>();
        private final Map<Object, Integer> clusterOfValue = new HashMap<>();
        private Result early;

        private Clusters(CompiledPartition partition, int clusters) {
            this.partition = partition;
            this.writeOf = new int[clusters];
            this.earliestReturn = new long[clusters];
            this.latestCall = new long[clusters];
        }

        static Clusters of(CompiledPartition partition, ValueRegister register) {
            int writes = 0;
            for (int op = 0; op < partition.size; op++) {
                ValueRegister.Kind kind = register.kind(partition.ops[op].call());
                if (kind != ValueRegister.Kind.READ && kind != ValueRegister.Kind.WRITE) {
                    return null;
                }
                writes += kind == ValueRegister.Kind.WRITE ? 1 : 0;
            }
            Clusters clusters = new Clusters(partition, writes + 1);
            clusters.open(register.initialState(), -1, MINUS_INFINITY, MINUS_INFINITY);
            for (int op = 0; op < partition.size; op++) {
                Call call = partition.ops[op].call();
                if (register.kind(call) == ValueRegister.Kind.WRITE
                        && !clusters.open(register.stateOf(call.input()), op, partition.callRank[op], partition.returnRank[op])) {
                    return null;
                }
            }
            for (int op = 0; op < partition.size; op++) {
                Call call = partition.ops[op].call();
                if (register.kind(call) == ValueRegister.Kind.READ && !call.isInfo()) {
                    clusters.addRead(op, register.stateOf(call.output()));
                }
            }
            return clusters;
        }

        /** False when the value was written before: values are not unique. */
        private boolean open(Object value, int write, long call, long ret) {
            if (clusterOfValue.containsKey(value)) {
                return false;
            }
            int cluster = clusterOfValue.size();
            clusterOfValue.put(value, cluster);
            writeOf[cluster] = write;
            earliestReturn[cluster] = ret;
            latestCall[cluster] = call;
            reads.add(new ArrayList<>());
            return true;
        }

        private void addRead(int op, Object value) {
            if (early != null) {
                return;
            }
            Integer cluster = clusterOfValue.get(value);
            if (cluster == null) {
                early = new Result(false, new int[] {op}, "it read a value that was never written");
                return;
            }
            int write = writeOf[cluster];
            if (write >= 0 && partition.returnRank[op] < partition.callRank[write]) {
                early = new Result(false, new int[] {write, op}, "it returned before the write of its value began");
                return;
            }
            reads.get(cluster).add(op);
            earliestReturn[cluster] = Math.min(earliestReturn[cluster], partition.returnRank[op]);
            latestCall[cluster] = Math.max(latestCall[cluster], partition.callRank[op]);
        }

        Result check() {
            if (early != null) {
                return early;
            }
            int count = writeOf.length;
            List<Integer> forward = new ArrayList<>();
            List<Integer> backward = new ArrayList<>();
            for (int cluster = 0; cluster < count; cluster++) {
                (earliestReturn[cluster] < latestCall[cluster] ? forward : backward).add(cluster);
            }
            // Forward zone of cluster c is [earliestReturn[c], latestCall[c]].
            forward.sort((a, b) -> Long.compare(earliestReturn[a], earliestReturn[b]));
            for (int i = 1; i < forward.size(); i++) {
                int before = forward.get(i - 1);
                int after = forward.get(i);
                if (earliestReturn[after] < latestCall[before]) {
                    return conflict(before, after, "two values must each be the register's value over overlapping times");
                }
            }
            long[] lefts = new long[forward.size()];
            for (int i = 0; i < lefts.length; i++) {
                lefts[i] = earliestReturn[forward.get(i)];
            }
            // Backward zone of cluster c is [latestCall[c], earliestReturn[c]].
            for (int cluster : backward) {
                int index = Arrays.binarySearch(lefts, latestCall[cluster]);
                int candidate = (index >= 0 ? index : -index - 1) - 1;
                if (candidate >= 0) {
                    int around = forward.get(candidate);
                    if (earliestReturn[cluster] < latestCall[around]) {
                        return conflict(around, cluster,
                                "one value's operations all fall inside the time another value must be held");
                    }
                }
            }
            return new Result(true, null, null);
        }

        private Result conflict(int first, int second, String reason) {
            List<Integer> ops = new ArrayList<>();
            for (int cluster : new int[] {first, second}) {
                if (writeOf[cluster] >= 0) {
                    ops.add(writeOf[cluster]);
                }
                ops.addAll(reads.get(cluster));
            }
            return new Result(false, ops.stream().mapToInt(Integer::intValue).sorted().toArray(), reason);
        }
    }
}
