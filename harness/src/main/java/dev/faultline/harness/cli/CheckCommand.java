package dev.faultline.harness.cli;

import dev.faultline.checker.CheckContext;
import dev.faultline.checker.Checker;
import dev.faultline.checker.CheckerOptions;
import dev.faultline.checker.CheckerRegistry;
import dev.faultline.checker.Checkers;
import dev.faultline.checker.Validity;
import dev.faultline.checker.Verdict;
import dev.faultline.checker.VerdictJson;
import dev.faultline.harness.UserInputException;
import dev.faultline.history.History;
import dev.faultline.history.io.Histories;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
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
            "Checks each history against the chosen checkers and prints one verdict line per file. Exit code over all files: 1 if any is invalid, else 2 if any is unknown, else 0."
        })
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checker", paramLabel = "NAME", split = ",", defaultValue = "linearizable",
            description = "Checkers to run, comma-separated. Default: ${DEFAULT-VALUE}.")
    List<String> checkers;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "The object's model, for checkers that take one (linearizable: register, cas-register, kv, set, fifo-queue, mutex, multi-register; convergence: set (default), counter, register).")
    String model;

    @Mixin
    FormatOption format;

    @Option(names = "--initial", paramLabel = "VALUE",
            description = "The object's initial value, as JSON (e.g. 0, null, \"\"). Convergence and staleness default to 0 for counters and null for registers.")
    String initial;

    @Option(names = "--nil-read", paramLabel = "absent|unknown",
            description = "What a read of nil means: the value was absent, or the read tells nothing (as in Knossos).")
    String nilRead;

    @Option(names = "--failed-cas", paramLabel = "no-effect|compare-failed",
            description = "What a failed CAS means: it did not happen (Jepsen, Knossos), or its compare happened and failed (Porcupine's etcd tests).")
    String failedCas;

    @Option(names = "--no-partition",
            description = "Check the whole history as one object instead of one partition per key.")
    boolean noPartition;

    @Option(names = "--consistency", paramLabel = "cc|ccv|cm",
            description = "For the causal checker: causal consistency (cc, the default), causal convergence (ccv) or causal memory (cm).")
    String consistency;

    @Option(names = "--guarantees", paramLabel = "LIST",
            description = "For the session checker: ryw, mr, mw, wfr, or pram (= ryw,mr,mw), comma-separated. Default: all four.")
    String guarantees;

    @Option(names = "--scope", paramLabel = "whole-store|per-key",
            description = "For the sequential checker: one order for the whole store (default), or each key on its own (per-object sequential consistency, weaker: it is not local).")
    String scope;

    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "300",
            description = "Time budget per file; a check that runs out answers unknown. Default: ${DEFAULT-VALUE}.")
    double timeLimitSeconds;

    @Option(names = "--json", description = "Print one JSON result per file instead of a verdict line.")
    boolean json;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Histories to check.")
    List<Path> files;

    CheckerOptions options() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("model", model);
        values.put("initial", initial);
        values.put("nil-read", nilRead);
        values.put("failed-cas", failedCas);
        values.put("partition", noPartition ? "false" : null);
        values.put("consistency", consistency);
        values.put("guarantees", guarantees);
        values.put("scope", scope);
        return CheckerOptions.of(values);
    }

    List<Checker> buildCheckers() {
        if (timeLimitSeconds <= 0) {
            throw new UserInputException("--time-limit must be positive, was " + timeLimitSeconds);
        }
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
        PrintWriter out = spec.commandLine().getOut();
        Validity overall = Validity.TRUE;
        for (Path file : files) {
            History history = Histories.read(file, format.format());
            CheckContext context = CheckContext.withTimeLimit(Duration.ofMillis((long) (timeLimitSeconds * 1000)));
            List<Verdict> verdicts = Checkers.runAll(built, history, context);
            Verdict verdict = verdicts.size() == 1 ? verdicts.get(0) : Verdict.compose("composed", verdicts);
            overall = overall.and(verdict.valid());
            if (json) {
                out.println("{\"file\":" + quote(file.toString()) + ",\"result\":" + VerdictJson.toJson(verdict) + "}");
            } else {
                out.println(VerdictText.line(file.toString(), verdicts));
            }
            out.flush();
        }
        return ExitCodes.of(overall);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
