package dev.faultline.checker.linear;

import java.util.Arrays;

/**
 * The linearizability search of one partition: Wing and Gong's backtracking with Lowe's memo of
 * configurations, as in Porcupine's {@code checkSingle} and Knossos's {@code wgl}, rebuilt on
 * primitive arrays so that the loop allocates nothing.
 *
 * <p>A configuration is the set of linearized ops (one counter per {@link Chains chain}) and the
 * model state. Its candidates are the chain heads invoked before the earliest return among the
 * unlinearized ops; the op with that return is the <em>forced</em> op, which must be linearized
 * before anything invoked after it returns. The loop tries the forced op first, then the other
 * candidates by return (Lowe's just-in-time order), {@code info} ops last; it enters each new
 * configuration once, and backtracks when no candidate leads to a new one. It succeeds when every
 * op that completed is linearized: {@code info} ops may stay unlinearized (they never happened).
 *
 * <p>The loop has no recursion: an explicit stack of (op, previous state, candidate cursor). It
 * polls the stop signal every 1,024 steps.
 */
final class WglSearch {
    /** Checks for the time limit and cancellation; throws {@link SearchStopped} to stop. */
    @FunctionalInterface
    interface StopSignal {
        void check();
    }

    private static final int POLL_MASK = (1 << 10) - 1;
    private static final int NONE = -1;
    private static final long ZOBRIST_SEED = 0x5EED_F00D_CAFEL;

    private final StateSpace space;
    private final Chains chains;
    private final Pruning pruning;
    private final StopSignal stop;
    private final Memo memo;
    /** Null when the partition has no {@code info} ops or the rule is off. */
    private final Dominance dominance;
    private final int[] callRank;
    private final int[] returnRank;
    private final int[] opClass;
    private final boolean[] classHasTwin;

    private final int[] counters;
    private final int[] heads;
    private final int[] order;
    private int orderLength;
    private int state;
    private long setHash;
    /** The Zobrist hash of the linearized completed ops only: with the state, it names a dominance group. */
    private long finiteHash;

    private final int[] frameOp;
    private final int[] frameState;
    private final int[] frameCursor;
    private final boolean[] frameForced;
    private int depth;

    private final DeadEnds deadEnds = new DeadEnds();
    private long configurations;
    private long memoHits;
    private long deadEndCount;

    WglSearch(CompiledPartition partition, Pruning pruning, MemoryBudget budget, StopSignal stop) {
        this.space = partition.space();
        this.pruning = pruning;
        this.stop = stop;
        this.chains = Chains.of(partition, pruning.symmetry());
        this.memo = new Memo(chains.count, 2 * partition.size, budget);
        this.dominance = pruning.dominance() && chains.count > chains.finiteCount
                ? new Dominance(chains.finiteCount, chains.count - chains.finiteCount, budget) : null;
        this.callRank = partition.callRank;
        this.returnRank = partition.returnRank;
        this.opClass = partition.opClass();
        int size = partition.size;
        this.classHasTwin = partition.classHasTwin();
        this.counters = new int[chains.count];
        this.heads = new int[chains.count];
        this.order = new int[chains.count];
        this.frameOp = new int[size];
        this.frameState = new int[size];
        this.frameCursor = new int[size];
        this.frameForced = new boolean[size];
    }

    /** The op's Zobrist key: a fixed pseudo-random 64-bit value, so the set's hash updates by one XOR. */
    private static long zobrist(int op) {
        return StateSpace.mix(op * 0x9E3779B97F4A7C15L + ZOBRIST_SEED);
    }

    /** Runs the search; frees its memo when done. */
    SearchOutcome run() {
        try {
            return search();
        } catch (SearchStopped stopped) {
            return new SearchOutcome.Stopped(stopped.reason(), deadEnds.prefix(), deadEnds.blockingOp(), stats());
        } finally {
            memo.release();
            if (dominance != null) {
                dominance.release();
            }
        }
    }

    private SearchOutcome search() {
        state = space.initialState();
        int cursor = 0;
        long steps = 0;
        while (true) {
            if ((++steps & POLL_MASK) == 0) {
                stop.check();
            }
            int forced = computeOrder();
            if (forced == NONE) {
                return new SearchOutcome.Linearizable(Arrays.copyOf(frameOp, depth), stats());
            }
            if (cursor == 0 && pruning.greedyReadOnly()) {
                int greedy = legalReadOnlyCandidate();
                if (greedy != NONE) {
                    if (enter(greedy, state, 0, true)) {
                        continue;
                    }
                    // Exchange argument: if this configuration has a linearization, one starts
                    // with the read-only op; that one failed before, so this configuration fails.
                    cursor = deadEnd(forced);
                    if (cursor == NONE) {
                        return notLinearizable();
                    }
                    continue;
                }
            }
            if (tryCandidates(cursor)) {
                cursor = 0;
                continue;
            }
            cursor = deadEnd(forced);
            if (cursor == NONE) {
                return notLinearizable();
            }
        }
    }

    /**
     * Tries the candidates from the cursor on; enters the first that leads to a new configuration.
     *
     * @return whether it entered one
     */
    private boolean tryCandidates(int cursor) {
        for (int index = cursor; index < orderLength; index++) {
            int op = heads[order[index]];
            if (pruning.symmetry() && classHasTwin[opClass[op]] && hasEarlierTwin(op)) {
                continue;
            }
            int next = space.step(state, opClass[op]);
            if (next != StateSpace.ILLEGAL && enter(index, next, index, false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Linearizes the head of the chain at {@code order[index]} when the configuration it leads to
     * is new.
     *
     * @return whether it was new (and is now the current configuration)
     */
    private boolean enter(int index, int next, int cursor, boolean forcedMove) {
        int chain = order[index];
        int op = heads[chain];
        long hash = setHash ^ zobrist(op);
        long nextFiniteHash = chain < chains.finiteCount ? finiteHash ^ zobrist(op) : finiteHash;
        counters[chain]++;
        boolean fresh = memo.add(hash ^ StateSpace.mix(next + 0x9E3779B97F4A7C15L), next, counters)
                && (dominance == null || !dominance.dominated(groupHash(nextFiniteHash, next), next, counters));
        if (!fresh) {
            counters[chain]--;
            memoHits++;
            return false;
        }
        configurations++;
        frameOp[depth] = op;
        frameState[depth] = state;
        frameCursor[depth] = cursor;
        frameForced[depth] = forcedMove;
        depth++;
        setHash = hash;
        finiteHash = nextFiniteHash;
        state = next;
        return true;
    }

    private static long groupHash(long finiteHash, int state) {
        return finiteHash ^ StateSpace.mix(state + 0x632BE59BD9B4E019L);
    }

    /** A candidate whose call is read-only and legal now, as an index into the order; or NONE. */
    private int legalReadOnlyCandidate() {
        for (int index = 0; index < orderLength; index++) {
            int op = heads[order[index]];
            if (space.isReadOnly(opClass[op]) && space.step(state, opClass[op]) != StateSpace.ILLEGAL) {
                return index;
            }
        }
        return NONE;
    }

    /** True when another candidate makes the same call and returns earlier (ties: lower id). */
    private boolean hasEarlierTwin(int op) {
        for (int index = 0; index < orderLength; index++) {
            int other = heads[order[index]];
            if (other != op && opClass[other] == opClass[op]
                    && (returnRank[other] < returnRank[op] || (returnRank[other] == returnRank[op] && other < op))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records a dead end and backtracks to the last configuration with untried candidates.
     *
     * @return the cursor to resume that configuration at, or NONE when no configuration is left
     */
    private int deadEnd(int forcedChain) {
        deadEndCount++;
        int blocking = heads[forcedChain];
        deadEnds.reached(frameOp, depth, blocking, returnRank[blocking]);
        while (depth > 0) {
            if (dominance != null) {
                // The current configuration is exhausted.
                dominance.failed(groupHash(finiteHash, state), state, counters);
            }
            depth--;
            int op = frameOp[depth];
            int chain = chains.chainOf[op];
            counters[chain]--;
            setHash ^= zobrist(op);
            if (chain < chains.finiteCount) {
                finiteHash ^= zobrist(op);
            }
            state = frameState[depth];
            deadEnds.popped(depth);
            if (!frameForced[depth]) {
                // The loop recomputes this configuration's order, which is the same as before.
                return frameCursor[depth] + 1;
            }
            // A forced read-only move had no alternative: its configuration is exhausted too.
        }
        return NONE;
    }

    /**
     * Fills {@code order} with the current candidates' chains: the forced op's first, then the
     * other completed ops by return, then {@code info} ops.
     *
     * @return the forced op's chain, or NONE when every op that completed is linearized
     */
    private int computeOrder() {
        int forced = NONE;
        int earliest = EventRanks.NEVER;
        for (int chain = 0; chain < chains.count; chain++) {
            int head = counters[chain] < chains.length[chain] ? chains.ops[chains.start[chain] + counters[chain]] : NONE;
            heads[chain] = head;
            if (head != NONE && returnRank[head] < earliest) {
                earliest = returnRank[head];
                forced = chain;
            }
        }
        if (forced == NONE) {
            orderLength = 0;
            return NONE;
        }
        int length = 0;
        order[length++] = forced;
        for (int chain = 0; chain < chains.count; chain++) {
            int head = heads[chain];
            if (chain == forced || head == NONE || returnRank[head] == EventRanks.NEVER || callRank[head] >= earliest) {
                continue;
            }
            int at = length++;
            while (at > 1 && returnRank[heads[order[at - 1]]] > returnRank[head]) {
                order[at] = order[at - 1];
                at--;
            }
            order[at] = chain;
        }
        for (int chain = 0; chain < chains.count; chain++) {
            int head = heads[chain];
            if (head != NONE && returnRank[head] == EventRanks.NEVER && callRank[head] < earliest) {
                order[length++] = chain;
            }
        }
        orderLength = length;
        return forced;
    }

    private SearchOutcome notLinearizable() {
        return new SearchOutcome.NotLinearizable(deadEnds.prefix(), deadEnds.blockingOp(), stats());
    }

    private SearchOutcome.Stats stats() {
        return new SearchOutcome.Stats(configurations, memoHits, deadEndCount, memo.size(), space.stateCount(), chains.count);
    }
}
