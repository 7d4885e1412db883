package dev.faultline.harness.cli;

import dev.faultline.harness.UserInputException;
import dev.faultline.harness.cluster.ClusterLauncher;
import dev.faultline.harness.remote.RemoteHosts;
import dev.faultline.harness.remote.SshHost;
import dev.faultline.harness.run.CheckerSource;
import dev.faultline.harness.run.RunOutcome;
import dev.faultline.harness.run.TestConfig;
import dev.faultline.harness.run.TestRunner;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faultline test}: one run against a cluster on this machine or on SSH hosts, checked, stored. */
@Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Runs a test: starts --nodes processes of the target on 127.0.0.1 (faultline node, or ZooKeeper servers for --target zookeeper), in network namespaces of their own (--netns), or on the hosts of --nodes-file over SSH, drives --concurrency clients through the workload at --rate operations per second for --time-limit seconds while the nemesis injects faults, heals every fault, waits for the cluster to settle, reads every key on every node (final: true), stops every node, and checks the history.",
            "",
            "Everything goes to store/<name>/<yyyyMMdd-HHmmss>/: test.json (configuration, seed, version, commit, argv, outcome), history.jsonl (streamed as the run goes), faults.jsonl (every fault as applied, on the history's clock), results.json, nodes/<node>/ (node.log, status.json, status.jsonl: the role, term and leader whenever they change, data). store/latest points at the newest run. A progress line goes to standard error every few seconds; the summary and the command that repeats the run go to standard output.",
            "",
            "Faults come in windows of about --nemesis-interval seconds, each followed by a recovery window of about as long; a window sometimes combines two kinds; or they follow a --nemesis-script. Every fault is healed before the final phase, also when the run fails or is interrupted (Ctrl-C stops the run early, heals, and still checks what was recorded).",
            "",
            "With --nodes-file the nodes run on other hosts or VMs (ssh mode): the controller connects to every host first (known host key, public-key login, a JDK 17+ there), uploads this jar to --remote-dir unless the host has the same one, starts each node there with nohup, reaches its client and agent ports through SSH port forwards, hurts it exactly as in local mode (agents for partitions, link faults, clock and power loss; kill -9, SIGSTOP, SIGCONT by PID over SSH), copies node.log back into nodes/<node>/ and stops every node by PID at the end.",
            "",
            "With --netns each node runs in a network namespace of its own on this machine, and partitions are made by the kernel (see --netns).",
            "",
            "Exit codes: 0 valid, 1 invalid, 2 unknown, 254 bad arguments (also: --netns without root, ip or tc, or where no network namespace can be created; a host unreachable, its key unknown or changed, the login refused, no Java 17+ there), 255 the run could not complete (the target did not start, ...)."
        })
final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "TARGET", defaultValue = "raft",
            description = "The system under test: a target of faultline node (raft, zab, paxos, gossip, memory, ping; see faultline node --help for their bugs and options), or zookeeper: a real Apache ZooKeeper 3.9.5 ensemble (QuorumPeerMain servers from this jar, peer links through faultline's TCP proxies; local only; faults kill, pause, partition, link; workloads register and kv; --target-opt read=plain|sync|barrier). Default: ${DEFAULT-VALUE}.")
    String target;

    @Mixin
    RunOptions run;

    @Option(names = "--checker", paramLabel = "LIST", split = ",",
            description = "Checkers to run. Default: the workload's checkers that this build has.")
    List<String> checkers = new ArrayList<>();

    @Mixin
    TargetSettingsOptions targetSettings;

    @Mixin
    RemoteNodesOptions remoteNodes;

    @Mixin
    NetnsOption netns;

    @Option(names = "--name", paramLabel = "NAME", description = "The test's name in the store. Default: TARGET-WORKLOAD.")
    String name;

    @Override
    public Integer call() throws Exception {
        List<SshHost> hosts = remoteNodes.nodeHosts();
        TestConfig config = config(hosts.size());
        if (netns.netns && !hosts.isEmpty()) {
            throw new UserInputException("--netns runs the nodes on this machine: drop --nodes-file, or --netns");
        }
        if (hosts.isEmpty()) {
            return run(config, Launchers.local(config));
        }
        Launchers.checkRemote(config);
        try (RemoteHosts remote = remoteNodes.connect(hosts)) {
            return run(config, remoteNodes.launcher(remote, hosts, config));
        }
    }

    @SuppressWarnings("try") // The hook only has to be in place while the run goes.
    private Integer run(TestConfig config, ClusterLauncher launcher) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TestRunner runner = new TestRunner(config, launcher, CheckerSource.registry(), err, run.progressInterval());
        try (InterruptHook interrupted = new InterruptHook(err, runner::abort)) {
            RunOutcome outcome = runner.run();
            if (!outcome.checkers().missing().isEmpty()) {
                out.printf("note: not in this build: %s%n", String.join(", ", outcome.checkers().missing()));
            }
            RunSummary.print(out, outcome.directory().path().toString(), outcome.analysis());
            out.printf("reproduce with: %s%n", String.join(" ", config.commandLine()));
            out.flush();
            return ExitCodes.of(outcome.valid());
        }
    }

    /** @param hostCount the hosts of --nodes-file, which set the node count; 0 in local mode */
    private TestConfig config(int hostCount) {
        if (hostCount > 0 && spec.commandLine().getParseResult().hasMatchedOption("--nodes") && run.nodes != hostCount) {
            throw new UserInputException("--nodes " + run.nodes + " but --nodes-file names " + hostCount + " hosts");
        }
        TestConfig.Builder builder = run.builder(List.copyOf(spec.commandLine().getParseResult().originalArgs()), List.of(target))
                .target(target).name(name).checkers(checkers).bugs(targetSettings.bugs())
                .targetOptions(targetSettings.options()).netns(netns.netns);
        if (hostCount > 0) {
            builder.nodeCount(hostCount);
        }
        return builder.build();
    }
}
