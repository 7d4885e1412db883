package dev.faultline.harness.netns;

import java.io.IOException;
import java.util.List;

/** Runs one command ({@code ip ...}, {@code tc ...}) on this host and returns its standard output. */
@FunctionalInterface
public interface CommandRunner {

    /** @throws IOException when the command cannot start or exits non-zero; the message names it and quotes its error */
    String run(List<String> command) throws IOException, InterruptedException;
}
