package dev.faultline.harness.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --store}: where runs are stored, shared by the commands that run tests. */
public final class StoreOption {
    @Option(names = "--store", paramLabel = "DIR", defaultValue = "store", description = "The store's directory. Default: ${DEFAULT-VALUE}.")
    Path directory;

    public Path directory() {
        return directory;
    }
}
