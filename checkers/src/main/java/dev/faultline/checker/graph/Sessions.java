package dev.faultline.checker.graph;

import dev.faultline.history.History;
import dev.faultline.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sessions of a history and each observed operation's place in one: the program order.
 *
 * <p>A session is a process's run of operations up to and including an {@code info} (or an
 * invocation that never completed). The operation after an {@code info} starts a new session even
 * when the history reuses the process id: the client crashed or timed out, so nothing orders its
 * next operation after the indeterminate one (Jepsen retires the process for the same reason).
 * Sessions are numbered in the order their first observed operation was invoked; a process's
 * second session is labelled {@code P3#2}.
 */
public final class Sessions {
    private final int[] sessionOf;
    private final int[] positionOf;
    private final int[][] members;
    private final String[] labels;

    private Sessions(int[] sessionOf, int[] positionOf, int[][] members, String[] labels) {
        this.sessionOf = sessionOf;
        this.positionOf = positionOf;
        this.members = members;
        this.labels = labels;
    }

    /**
     * The sessions of {@code selected}, operations of {@code history} in invocation order; the
     * sessions' boundaries come from every operation of the history, including those not selected.
     */
    public static Sessions of(History history, List<Operation> selected) {
        int[] epochAt = epochs(history);
        Map<Long, Integer> idByProcessEpoch = new HashMap<>();
        List<List<Integer>> lists = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        int[] sessionOf = new int[selected.size()];
        int[] positionOf = new int[selected.size()];
        for (int node = 0; node < selected.size(); node++) {
            Operation operation = selected.get(node);
            int epoch = epochAt[operation.invocation()];
            long processEpoch = ((long) operation.process() << 32) | epoch;
            Integer session = idByProcessEpoch.get(processEpoch);
            if (session == null) {
                session = lists.size();
                idByProcessEpoch.put(processEpoch, session);
                lists.add(new ArrayList<>());
                labels.add("P" + operation.process() + (epoch == 0 ? "" : "#" + (epoch + 1)));
            }
            sessionOf[node] = session;
            positionOf[node] = lists.get(session).size();
            lists.get(session).add(node);
        }
        int[][] members = new int[lists.size()][];
        for (int session = 0; session < members.length; session++) {
            members[session] = lists.get(session).stream().mapToInt(Integer::intValue).toArray();
        }
        return new Sessions(sessionOf, positionOf, members, labels.toArray(String[]::new));
    }

    /** For each invocation position, how many indeterminate operations its process had before it. */
    private static int[] epochs(History history) {
        int[] epochAt = new int[history.size()];
        Map<Integer, Integer> epochByProcess = new HashMap<>();
        for (Operation operation : history.operations()) {
            int epoch = epochByProcess.getOrDefault(operation.process(), 0);
            epochAt[operation.invocation()] = epoch;
            if (operation.isInfo()) {
                epochByProcess.put(operation.process(), epoch + 1);
            }
        }
        return epochAt;
    }

    /** The number of sessions. */
    public int count() {
        return members.length;
    }

    public int sessionOf(int node) {
        return sessionOf[node];
    }

    /** The node's position in its session, from 0. */
    public int positionOf(int node) {
        return positionOf[node];
    }

    /** The session's nodes in program order. */
    public int[] members(int session) {
        return members[session];
    }

    /** The node at a position of a session. */
    public int nodeAt(int session, int position) {
        return members[session][position];
    }

    /** The session's last node. */
    public int last(int session) {
        return members[session][members[session].length - 1];
    }

    /** The session's name in text, {@code P3} or {@code P3#2} for the process's second session. */
    public String label(int session) {
        return labels[session];
    }
}
