package dev.faultline.target.paxos;

import dev.faultline.target.common.kv.KvRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs a text script against a {@link ScriptedCluster} and renders what happened as text, for
 * golden-file tests in the style of etcd raft's {@code testdata/*.txt}. One command per line;
 * {@code #} starts a comment. Node patterns are a node id or {@code *}; a link is
 * {@code FROM->TO}; a message type is its class name ({@code Prepare}, {@code Accept}, ...).
 *
 * <pre>
 * campaign NODE                  the node's election timeout expires; it prepares
 * tick NODE MILLIS               the node's clock moves on and it ticks (heartbeats, retransmits)
 * request NODE write KEY VALUE   a client request arrives (also: request NODE read KEY)
 * deliver FROM->TO [TYPE]        delivers the first queued message that matches
 * drop FROM->TO [TYPE]           drops the first queued message that matches
 * drop-all FROM->TO [TYPE]       drops every queued message that matches
 * stabilize                      delivers everything until the network is quiet
 * crash NODE [power-loss]        stops the node (losing its unsynced records with power-loss)
 * restart NODE                   starts it again from its disk
 * status                         one line per live node: role, promise, chosen and executed slots, its log
 * </pre>
 */
final class PaxosScripts {
    private PaxosScripts() {}

    /** Runs {@code script} on a fresh three-node cluster and returns everything it logged. */
    static List<String> run(List<String> script) {
        ScriptedCluster cluster = ScriptedCluster.of(3);
        List<String> output = new ArrayList<>();
        int logged = 0;
        for (String raw : script) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            output.add("> " + line);
            List<String> status = execute(cluster, line.split("\\s+"));
            List<String> log = cluster.log();
            for (String entry : log.subList(logged, log.size())) {
                output.add("  " + entry);
            }
            logged = log.size();
            status.forEach(entry -> output.add("  " + entry));
        }
        return output;
    }

    private static List<String> execute(ScriptedCluster cluster, String[] words) {
        switch (words[0]) {
            case "campaign" -> cluster.campaign(words[1]);
            case "tick" -> cluster.tick(words[1], Long.parseLong(words[2]));
            case "request" -> cluster.request(words[1], words[2].equals("write")
                    ? KvRequest.write(words[3], Long.parseLong(words[4]), 1, Long.parseLong(words[4]))
                    : KvRequest.read(words[3], 2, 0));
            case "deliver" -> cluster.deliverFirst(matching(words));
            case "drop" -> cluster.dropFirst(matching(words));
            case "drop-all" -> cluster.drop(matching(words));
            case "stabilize" -> cluster.stabilize();
            case "crash" -> cluster.crash(words[1], words.length > 2 && words[2].equals("power-loss"));
            case "restart" -> cluster.restart(words[1]);
            case "status" -> {
                return status(cluster);
            }
            default -> throw new IllegalArgumentException("unknown script command: " + String.join(" ", words));
        }
        return List.of();
    }

    private static Predicate<ScriptedCluster.InFlight> matching(String[] words) {
        String[] link = words[1].split("->");
        Predicate<ScriptedCluster.InFlight> matches = message -> (link[0].equals("*") || message.from().equals(link[0]))
                && (link.length < 2 || link[1].equals("*") || message.to().equals(link[1]));
        if (words.length > 2) {
            String type = words[2];
            return matches.and(message -> message.message().getClass().getSimpleName().equals(type));
        }
        return matches;
    }

    private static List<String> status(ScriptedCluster cluster) {
        List<String> lines = new ArrayList<>();
        for (String node : cluster.nodes()) {
            PaxosCore core;
            try {
                core = cluster.core(node);
            } catch (IllegalStateException down) {
                lines.add(node + " down");
                continue;
            }
            Learner learner = core.learner();
            lines.add(node + " " + core.status().role() + " promised=" + core.acceptor().promised()
                    + " chosen-through=" + learner.chosenThroughSlot() + " executed=" + learner.executedSlot()
                    + " log=" + learner.chosenValues());
        }
        return lines;
    }
}
