package dev.faultline.checker.graph;

/** Program order as graph edges: each session's node to its next one (the rest follows by transitivity). */
public final class ProgramOrder {
    private ProgramOrder() {}

    /** A builder over the nodes of {@code ops} holding the program-order edges. */
    public static Digraph.Builder edges(ObservedOps ops) {
        Digraph.Builder graph = Digraph.builder(ops.size());
        Sessions sessions = ops.sessions();
        for (int session = 0; session < sessions.count(); session++) {
            int[] members = sessions.members(session);
            for (int position = 1; position < members.length; position++) {
                graph.add(members[position - 1], members[position], Relation.PROGRAM_ORDER);
            }
        }
        return graph;
    }
}
