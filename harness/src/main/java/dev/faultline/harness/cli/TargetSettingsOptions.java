package dev.faultline.harness.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --bug} and {@code --target-opt}: the planted bugs and target options of the nodes a
 * command starts, shared by {@code node}, {@code test} and {@code kv-bench}. The target spec checks
 * them (DESIGN.md §5); {@code faultline node --help} lists each target's.
 */
public final class TargetSettingsOptions {
    @Option(names = "--bug", paramLabel = "NAME",
            description = "Plant a bug in every node started (repeatable); faultline node --help lists each target's bugs. Off unless named.")
    List<String> bugs = new ArrayList<>();

    @Option(names = "--target-opt", paramLabel = "KEY=VALUE",
            description = "A target option for every node started (repeatable); faultline node --help lists each target's options. zookeeper (faultline test and kv-bench; compare takes it in --system): read=plain (getData on the connected server: sequentially consistent; the default), read=sync (sync, then getData) or read=barrier (a quorum write, then getData: linearizable).")
    Map<String, String> options = new LinkedHashMap<>();

    /** The bugs named, in order. */
    public List<String> bugs() {
        return bugs;
    }

    /** The target options given, in order. */
    public Map<String, String> options() {
        return options;
    }
}
