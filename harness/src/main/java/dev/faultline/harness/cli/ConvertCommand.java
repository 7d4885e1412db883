package dev.faultline.harness.cli;

import dev.faultline.history.History;
import dev.faultline.history.io.Histories;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline convert IN OUT}: any supported format to native JSON Lines. */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Converts a history from any supported format to native JSON Lines: one line per event of the input, in order, nemesis events included. The input is validated first; a malformed input is reported as FILE:LINE and nothing is written."
        })
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FormatOption format;

    @Parameters(index = "0", paramLabel = "IN", description = "The history to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The JSON Lines file to write, or - for standard output.")
    String out;

    @Override
    public Integer call() throws Exception {
        History history = Histories.read(in, format.format());
        for (String warning : history.warnings()) {
            spec.commandLine().getErr().println("faultline: warning: " + warning);
        }
        if (out.equals("-")) {
            OutputStream stdout = new BufferedOutputStream(System.out);
            Histories.writeJsonl(history.ops(), stdout);
            return ExitCodes.VALID;
        }
        // Written beside the target and moved into place, so a failure never leaves half a file.
        Path target = Path.of(out).toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Histories.writeJsonl(history.ops(), partial);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return ExitCodes.VALID;
    }
}
