package dev.faultline.harness.cli;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Checker;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.CheckerRegistry;
import dev.faultline.checker.Checkers;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.checker.VerdictJson;
import dev.faultline.checker.linear.WitnessPage;
import dev.faultline.history.History;
import dev.faultline.history.io.Histories;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline check}: checks stored histories against consistency models. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Checks each history against the chosen checkers and prints one verdict line per file. Exit code over all files: 1 if any is invalid, else 2 if any is unknown, else 0.",
            "",
            "The linearizable checker reads outcomes as Jepsen does by default: fail = did not happen, info = may take effect at any time after its invocation or never. Reference histories need their tools' readings: Porcupine's etcd logs --model cas-register --failed-cas compare-failed; Knossos histories --model cas-register --initial 0 --nil-read unknown; Porcupine's key-value logs --model kv."
        })
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checker", paramLabel = "NAME", split = ",", defaultValue = "linearizable",
            description = "Checkers to run, comma-separated. Default: ${DEFAULT-VALUE}.")
    List<String> checkers;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "The object's model, for checkers that take one (linearizable: auto, register, cas-register, kv, set, fifo-queue, mutex, multi-register; convergence: set (default), counter, register). Default for linearizable: auto, chosen from the operations' functions (get/put/append: kv; add: set; enqueue/dequeue: fifo-queue; acquire/release: mutex; txn: multi-register; cas: cas-register; else register).")
    String model;

    @Mixin
    FormatOption format;

    @Option(names = "--initial", paramLabel = "VALUE",
            description = "The object's initial value, as JSON (e.g. 0, null, \"\"). Default: the model's own: for linearizable, null (absent) for register and cas-register, \"\" for kv, [] for set and fifo-queue, false (free) for mutex, {} for multi-register; for convergence and staleness, 0 for counters and null for registers.")
    String initial;

    @Option(names = "--nil-read", paramLabel = "absent|unknown",
            description = "What a read of nil means: the value was absent, or the read tells nothing (as in Knossos). Default: absent.")
    String nilRead;

    @Option(names = "--failed-cas", paramLabel = "no-effect|compare-failed",
            description = "What a failed CAS means: it did not happen (Jepsen, Knossos), or its compare happened and failed (Porcupine's etcd tests). Default: no-effect.")
    String failedCas;

    @Option(names = "--no-partition",
            description = "Check the whole history as one object instead of one partition per key (to compare with Porcupine's unpartitioned runs; the linearizable checker then keeps one state per key inside a single state).")
    boolean noPartition;

    @Mixin
    ConsistencyOptions consistencyOptions;

    @Mixin
    CheckTimeLimitOption timeLimit;




    @Option(names = "--json", description = "Print one JSON result per file instead of a verdict line.")
    boolean json;

    @Option(names = "--html", paramLabel = "DIR",
            description = "Also write a self-contained page per file with violations to DIR/FILE.html: one row per process, the longest linearizable prefix drawn over the operations, the illegal steps in red, the states on hover.")
    Path htmlDirectory;

    @Option(names = "--bench", paramLabel = "N",
            description = "Measure instead of report: check each file N times, in this process, after warming up (N checks and at least one second per file), and print one line per file with its median check time (reading the file and JVM start-up excluded), then the line 'bench total: <milliseconds> ms', the sum of the medians. The exit code still reflects the verdicts.")
    Integer benchRuns;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Histories to check.")
    List<Path> files;

    CheckerOptions options() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("model", model);
        values.put("initial", initial);
        values.put("nil-read", nilRead);
        values.put("failed-cas", failedCas);
        values.put("partition", noPartition ? "false" : null);
        consistencyOptions.addTo(values);
        return CheckerOptions.of(values);
    }

    List<Checker> buildCheckers() {
        CheckerOptions options = options();
        List<Checker> built = new ArrayList<>();
        for (String name : checkers) {
            built.add(CheckerRegistry.create(name, options));
        }
        return built;
    }

    @Override
    public Integer call() throws Exception {
        List<Checker> built = buildCheckers();
        if (benchRuns != null) {
            return new CheckBench(built, this::context, benchRuns).run(files, format.format(), spec.commandLine().getOut());
        }
        PrintWriter out = spec.commandLine().getOut();
        Validity overall = Validity.TRUE;
        for (Path file : files) {
            History history = Histories.read(file, format.format());
            List<Verdict> verdicts = Checkers.runAll(built, history, context());
            Verdict verdict = verdicts.size() == 1 ? verdicts.get(0) : Verdict.compose("composed", verdicts);
            overall = overall.and(verdict.valid());
            if (json) {
                out.println("{\"file\":" + quote(file.toString()) + ",\"result\":" + VerdictJson.toJson(verdict) + "}");
            } else {
                out.println(VerdictText.line(file.toString(), verdicts));
            }
            out.flush();
            if (htmlDirectory != null && !verdict.anomalies().isEmpty()) {
                writeHtml(file, history, verdict);
            }
        }
        return ExitCodes.of(overall);
    }

    private CheckContext context() {
        return CheckContext.withTimeLimit(timeLimit.timeLimit());
    }

    private void writeHtml(Path file, History history, Verdict verdict) throws java.io.IOException {
        java.nio.file.Files.createDirectories(htmlDirectory);
        Path page = htmlDirectory.resolve(file.getFileName() + ".html");
        java.nio.file.Files.writeString(page, WitnessPage.render(history, file.toString(), verdict));
        spec.commandLine().getErr().println("faultline: wrote " + page);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
