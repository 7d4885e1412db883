package dev.faultline.harness.workload;

import java.util.List;

/** Every workload by its name on the command line. */
public final class Workloads {
    private static final List<String> NAMES = List.of("register", "kv", "set", "append");

    private Workloads() {}

    public static List<String> names() {
        return NAMES;
    }

    /**
     * The named workload.
     *
     * @throws IllegalArgumentException for an unknown name or option, naming it
     */
    public static Workload create(String name, WorkloadOptions options) {
        return switch (name) {
            case "register" -> new RegisterWorkload(options);
            case "kv" -> new KvWorkload(options);
            case "set" -> new SetWorkload(options);
            case "append" -> new AppendWorkload(options);
            default -> throw new IllegalArgumentException("unknown workload " + name + " (known: " + String.join(", ", NAMES) + ")");
        };
    }
}
