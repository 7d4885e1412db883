package dev.faultline.checker.linear;

import java.util.Arrays;
import java.util.HashMap;
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

    /** Ranks start at 0, so -1 stands for the initial value's virtual write at −∞. */
    private static final int MINUS_INFINITY = -1;
    private static final int NO_CLUSTER = -1;

    private ZoneCheck() {}

    /** Null when the partition is not reads and blind writes of unique values. */
    static Result check(CompiledPartition partition) {
        if (!(partition.model() instanceof ValueRegister register)) {
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
        private final int[] earliestReturn;
        private final int[] latestCall;
        private final int[] clusterOfOp;
        private final Map<Object, Integer> clusterOfValue;
        private int count;
        private Result early;

        private Clusters(CompiledPartition partition, int clusters) {
            this.partition = partition;
            this.writeOf = new int[clusters];
            this.earliestReturn = new int[clusters];
            this.latestCall = new int[clusters];
            this.clusterOfOp = new int[partition.size];
            Arrays.fill(clusterOfOp, NO_CLUSTER);
            this.clusterOfValue = new HashMap<>(clusters * 2);
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
            for (int op = 0; op < partition.size && clusters.early == null; op++) {
                Call call = partition.ops[op].call();
                if (register.kind(call) == ValueRegister.Kind.READ && !call.isInfo()) {
                    clusters.addRead(op, register.stateOf(call.output()));
                }
            }
            return clusters;
        }

        /** False when the value was written before: values are not unique. */
        private boolean open(Object value, int write, int call, int ret) {
            if (clusterOfValue.putIfAbsent(value, count) != null) {
                return false;
            }
            int cluster = count++;
            writeOf[cluster] = write;
            earliestReturn[cluster] = ret;
            latestCall[cluster] = call;
            if (write >= 0) {
                clusterOfOp[write] = cluster;
            }
            return true;
        }

        private void addRead(int op, Object value) {
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
            clusterOfOp[op] = cluster;
            earliestReturn[cluster] = Math.min(earliestReturn[cluster], partition.returnRank[op]);
            latestCall[cluster] = Math.max(latestCall[cluster], partition.callRank[op]);
        }

        Result check() {
            if (early != null) {
                return early;
            }
            ZoneConflicts.Conflict found = ZoneConflicts.find(earliestReturn, latestCall, count);
            if (found == null) {
                return new Result(true, null, null);
            }
            return conflict(found.held(), found.other(), found.bothForward()
                    ? "two values must each be the register's value over overlapping times"
                    : "one value's operations all fall inside the time another value must be held");
        }

        /** The ops of two clusters, in id order. */
        private Result conflict(int first, int second, String reason) {
            int size = 0;
            int[] ops = new int[partition.size];
            for (int op = 0; op < partition.size; op++) {
                if (clusterOfOp[op] == first || clusterOfOp[op] == second) {
                    ops[size++] = op;
                }
            }
            return new Result(false, Arrays.copyOf(ops, size), reason);
        }
    }
}
