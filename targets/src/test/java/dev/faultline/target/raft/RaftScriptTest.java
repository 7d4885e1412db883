package dev.faultline.target.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.target.common.kv.KvOp;
import dev.faultline.target.common.kv.KvRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Goal: protocol scenarios read as text, etcd raft's {@code testdata/*.txt} style: each block is a
 * command, a {@code ----} line, and what it must print (every message delivered, event logged and
 * reply sent, in order). Method: {@link RaftCluster} runs the commands; a mismatch fails with the
 * whole expected and actual text. With {@code -Dfaultline.rewrite=true} the files are rewritten
 * from the actual output: do that only when you understand what changed, and read the diff.
 *
 * <p>Commands: {@code cluster ID... [reads=lease] [voters=ID,...] [snapshot-every=N]},
 * {@code tick ID [N]}, {@code timeout ID}, {@code deliver [ROUNDS]}, {@code stabilize},
 * {@code isolate ID}, {@code cut FROM TO}, {@code heal}, {@code crash ID [power-loss]},
 * {@code restart ID}, {@code write ID KEY VALUE}, {@code append ID KEY VALUE}, {@code read ID KEY},
 * {@code voters ID ID,ID,...}, {@code status}.
 */
class RaftScriptTest {
    private static final Path SCRIPTS = Path.of("src/test/resources/raft");
    private static final String SEPARATOR = "----";

    static Stream<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            return files.filter(file -> file.toString().endsWith(".txt")).sorted().toList().stream();
        }
    }

    /** One command and the output it must print. */
    private record Block(List<String> comments, String command, List<String> expected) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void scriptPrintsWhatItExpects(Path script) throws IOException {
        List<Block> blocks = parse(Files.readAllLines(script));
        ScriptRunner runner = new ScriptRunner();
        StringBuilder expected = new StringBuilder();
        StringBuilder actual = new StringBuilder();
        for (Block block : blocks) {
            List<String> output = runner.run(block.command());
            render(expected, block, block.expected());
            render(actual, block, output);
        }
        if (Boolean.getBoolean("faultline.rewrite")) {
            Files.writeString(script, actual.toString());
        }
        assertThat(actual.toString()).isEqualTo(expected.toString());
    }

    private static void render(StringBuilder out, Block block, List<String> output) {
        block.comments().forEach(line -> out.append(line).append('\n'));
        out.append(block.command()).append('\n').append(SEPARATOR).append('\n');
        output.forEach(line -> out.append(line).append('\n'));
        out.append('\n');
    }

    private static List<Block> parse(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                comments.add(line);
                continue;
            }
            if (i + 1 >= lines.size() || !lines.get(i + 1).equals(SEPARATOR)) {
                throw new IllegalArgumentException("line " + (i + 1) + ": a command must be followed by " + SEPARATOR);
            }
            List<String> expected = new ArrayList<>();
            for (i += 2; i < lines.size() && !lines.get(i).isEmpty(); i++) {
                expected.add(lines.get(i));
            }
            blocks.add(new Block(List.copyOf(comments), line, expected));
            comments.clear();
        }
        return blocks;
    }

    /** Runs one command against the cluster and returns what it printed. */
    private static final class ScriptRunner {
        private RaftCluster cluster;
        private long sequence;

        List<String> run(String command) {
            String[] words = command.trim().split("\\s+");
            String[] args = Arrays.copyOfRange(words, 1, words.length);
            switch (words[0]) {
                case "cluster" -> cluster = create(args);
                case "tick" -> cluster.tick(args[0], args.length > 1 ? Integer.parseInt(args[1]) : 1);
                case "timeout" -> cluster.timeOut(args[0]);
                case "deliver" -> {
                    for (int round = 0; round < (args.length > 0 ? Integer.parseInt(args[0]) : 1); round++) {
                        cluster.deliver();
                    }
                }
                case "stabilize" -> cluster.stabilize();
                case "isolate" -> cluster.isolate(args[0]);
                case "cut" -> cluster.cut(args[0], args[1]);
                case "heal" -> cluster.heal();
                case "crash" -> cluster.crash(args[0], args.length > 1 && args[1].equals("power-loss"));
                case "restart" -> cluster.restart(args[0]);
                case "write" -> cluster.request(args[0], KvRequest.write(args[1], Long.parseLong(args[2]), 1, ++sequence));
                case "append" -> cluster.request(args[0], new KvRequest(KvOp.APPEND, args[1], Long.parseLong(args[2]), 1, ++sequence));
                case "read" -> cluster.request(args[0], KvRequest.read(args[1], 2, ++sequence));
                case "voters" -> cluster.request(args[0], KvRequest.write(RaftCore.VOTERS_KEY, List.of(args[1].split(",")), 3, 0));
                case "status" -> {
                    return status();
                }
                default -> throw new IllegalArgumentException("unknown command: " + command);
            }
            List<String> output = cluster.takeTranscript();
            return output.isEmpty() ? List.of("ok") : output;
        }

        private static RaftCluster create(String[] args) {
            RaftConfig.Builder config = RaftCluster.fast();
            List<String> ids = new ArrayList<>();
            for (String arg : args) {
                if (arg.equals("reads=lease")) {
                    config.readMode(ReadMode.LEASE);
                } else if (arg.startsWith("voters=")) {
                    config.voters(List.of(arg.substring("voters=".length()).split(",")));
                } else if (arg.startsWith("snapshot-every=")) {
                    config.snapshots(Long.parseLong(arg.substring("snapshot-every=".length())), 16);
                } else {
                    ids.add(arg);
                }
            }
            return new RaftCluster(config.build(), ids.toArray(String[]::new));
        }

        private List<String> status() {
            List<String> lines = new ArrayList<>();
            for (String id : cluster.ids()) {
                if (!cluster.isUp(id)) {
                    lines.add(id + " down");
                    continue;
                }
                RaftCore core = cluster.core(id);
                lines.add(id + " " + core.roleName() + " term=" + core.currentTerm() + " vote=" + core.votedFor() + " leader="
                        + core.leader() + " log=" + core.firstIndex() + ".." + core.lastIndex() + " commit=" + core.commitIndex()
                        + " applied=" + core.lastApplied() + " voters=" + String.join(",", core.voters()));
            }
            cluster.takeTranscript();
            return lines;
        }
    }
}
