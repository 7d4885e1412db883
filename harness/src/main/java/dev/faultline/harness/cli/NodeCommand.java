package dev.faultline.harness.cli;

import dev.faultline.harness.UserInputException;
import dev.faultline.target.TargetRegistry;
import dev.faultline.target.TargetSpec;
import dev.faultline.target.common.core.Protocol;
import dev.faultline.target.common.shell.NodeConfig;
import dev.faultline.target.common.shell.NodeShell;
import dev.faultline.target.common.shell.PortInUseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faultline node TARGET}: runs one node of one of our targets on the node shell, until it
 * is killed. The harness starts one per node; a person can too.
 */
@Command(name = "node", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        modelTransformer = NodeCommand.TargetsHelp.class,
        description = {
            "Runs one node of a target on the node shell: the peer transport (with the agent's link faults), the client protocol, the nemesis agent (on 127.0.0.1 unless --agent-host says otherwise), a write-ahead log in the data directory and the node clock. Prints one line to standard output when every port is bound ('node ID ready ...'), logs to standard error, and runs until it is killed.",
            "",
            "The agent token comes from the environment variable FAULTLINE_AGENT_TOKEN or from --agent-token-file; every agent call must carry it.",
            "",
            "Exit codes: 254 for bad arguments (unknown target, bug or option; a port in use; a data directory that cannot be created), 255 when the node fails while running."
        })
final class NodeCommand implements Callable<Integer> {
    static final String TOKEN_VARIABLE = "FAULTLINE_AGENT_TOKEN";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "The target to run (see the list below).")
    String target;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "This node's id, one of the names in --peers.")
    String id;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "The node's data directory (its write-ahead log); created if missing.")
    Path dataDir;

    @Option(names = "--peers", paramLabel = "ID=HOST:PORT,...", split = ",",
            description = "Every node of the cluster with its peer address, this one included, e.g. n1=127.0.0.1:7001,n2=127.0.0.1:7002,n3=127.0.0.1:7003. The node listens on its own address. Default: ID=127.0.0.1:0 (a single node).")
    List<String> peers;

    @Option(names = "--client-port", required = true, paramLabel = "PORT",
            description = "The client protocol's port, on this node's peer host (0: any free port).")
    int clientPort;

    @Option(names = "--agent-port", required = true, paramLabel = "PORT",
            description = "The nemesis agent's port on --agent-host (0: any free port).")
    int agentPort;

    @Option(names = "--agent-host", paramLabel = "HOST", defaultValue = NodeConfig.AGENT_HOST_DEFAULT,
            description = "The address the nemesis agent listens on. faultline test --netns sets it to the node's own address, since the controller cannot reach the loopback of another network namespace. Default: ${DEFAULT-VALUE}.")
    String agentHost;

    @Mixin
    TargetSettingsOptions targetSettings;


    @Option(names = "--agent-token-file", paramLabel = "FILE",
            description = "Read the agent token from this file instead of " + TOKEN_VARIABLE + ".")
    Path agentTokenFile;

    @Option(names = "--tick-millis", paramLabel = "MILLIS", defaultValue = "" + NodeConfig.TICK_INTERVAL_MILLIS_DEFAULT,
            description = "Node-clock time between two ticks of the core. Default: ${DEFAULT-VALUE}.")
    long tickMillis;

    @Option(names = "--exit-with-stdin",
            description = "Exit when standard input reaches its end. faultline test starts its nodes so, keeping the write end of the pipe: a controller that dies, even by SIGKILL, takes its nodes with it.")
    boolean exitWithStdin;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seeds the core's randomness and the link-fault decisions. Default: random, printed at start.")
    Long seed;

    @Override
    public Integer call() throws IOException, InterruptedException {
        TargetSpec targetSpec = TargetRegistry.builtIn().find(target);
        Protocol<?, ?> protocol = targetSpec.create(new LinkedHashSet<>(targetSettings.bugs()), targetSettings.options());
        Map<String, InetSocketAddress> cluster = parsePeers();
        NodeConfig config = new NodeConfig(id, target, cluster, dataDir,
                cluster.containsKey(id) ? cluster.get(id).getHostString() : null, clientPort, agentHost, agentPort, readToken(),
                tickMillis, seed != null ? seed : ThreadLocalRandom.current().nextLong(),
                NodeConfig.INPUT_QUEUE_CAPACITY_DEFAULT, NodeConfig.LINK_QUEUE_CAPACITY_DEFAULT);
        createDataDir();
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        NodeShell<?, ?> shell;
        try {
            shell = NodeShell.start(config, protocol, failed::complete);
        } catch (PortInUseException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(shell::close, "node-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("node %s ready target=%s client=%s agent=%s peer=%s seed=%d%n", id, target,
                NodeConfig.hostPort(shell.clientAddress()), NodeConfig.hostPort(shell.agentAddress()),
                NodeConfig.hostPort(shell.peerAddress()), config.seed());
        out.flush();
        if (exitWithStdin) {
            exitAtEndOfInput();
        }
        Throwable cause = failed.join();
        spec.commandLine().getErr().println("faultline: node " + id + " failed: " + cause);
        return ExitCodes.INTERNAL_ERROR;
    }

    /** Exits (through the shutdown hook that closes the shell) once standard input is closed. */
    private void exitAtEndOfInput() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // Nothing is ever written; only the end matters.
                }
            } catch (IOException e) {
                // A broken pipe ends input as surely as a closed one.
            }
            spec.commandLine().getErr().println("faultline: node " + id + ": standard input closed, exiting");
            System.exit(ExitCodes.VALID);
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private Map<String, InetSocketAddress> parsePeers() {
        try {
            return NodeConfig.parsePeers(peers == null ? List.of(id + "=127.0.0.1:0") : peers);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--peers: " + e.getMessage());
        }
    }

    private void createDataDir() {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UserInputException("--data: cannot create " + dataDir + " (" + e + ")");
        }
        if (!Files.isWritable(dataDir)) {
            throw new UserInputException("--data: " + dataDir + " is not writable");
        }
    }

    private String readToken() {
        String token;
        if (agentTokenFile != null) {
            try {
                token = Files.readString(agentTokenFile, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UserInputException("--agent-token-file: cannot read " + agentTokenFile + " (" + e + ")");
            }
        } else {
            token = System.getenv(TOKEN_VARIABLE);
        }
        if (token == null || token.isBlank()) {
            throw new UserInputException("no agent token: set " + TOKEN_VARIABLE + " or pass --agent-token-file");
        }
        return token;
    }

    /** Lists every registered target with its bugs and options at the end of {@code --help}. */
    static final class TargetsHelp implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            StringBuilder text = new StringBuilder("%nTargets:%n");
            for (TargetSpec target : TargetRegistry.builtIn().targets()) {
                text.append("  ").append(target.name()).append(": ").append(escape(target.description())).append("%n");
                target.bugs().forEach((bug, description) ->
                        text.append("      --bug ").append(bug).append(": ").append(escape(description)).append("%n"));
                target.options().forEach((option, description) ->
                        text.append("      --target-opt ").append(option).append("=...: ").append(escape(description)).append("%n"));
            }
            spec.usageMessage().footer(text.toString());
            return spec;
        }

        private static String escape(String text) {
            return text.replace("%", "%%");
        }
    }
}
