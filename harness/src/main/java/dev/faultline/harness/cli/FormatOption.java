package dev.faultline.harness.cli;

import dev.faultline.harness.UserInputException;
import dev.faultline.history.io.HistoryFormat;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** {@code --format auto|jsonl|edn|jepsen-log|porcupine-kv}, shared by every command that reads histories. */
public final class FormatOption {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "Input format: auto (detect from the content), jsonl, edn, jepsen-log or porcupine-kv. Default: ${DEFAULT-VALUE}.")
    String format;

    /** The chosen format, or null for detection. */
    public HistoryFormat format() {
        if (format.equals("auto")) {
            return null;
        }
        return HistoryFormat.fromCliName(format).orElseThrow(() -> new UserInputException(
                "unknown --format " + format + " (expected auto, " + Arrays.stream(HistoryFormat.values())
                        .map(HistoryFormat::cliName).collect(Collectors.joining(", ")) + ")"));
    }
}
