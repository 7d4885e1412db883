package dev.faultline.harness.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --consistency}, {@code --guarantees} and {@code --scope}: the options of the causal,
 * session and sequential checkers, shared by every command that builds them ({@code check},
 * {@code bench checker}).
 */
public final class ConsistencyOptions {
    @Option(names = "--consistency", paramLabel = "cc|ccv|cm",
            description = "For the causal checker: causal consistency (cc, the default), causal convergence (ccv) or causal memory (cm).")
    String consistency;

    @Option(names = "--guarantees", paramLabel = "LIST",
            description = "For the session checker: ryw, mr, mw, wfr, or pram (= ryw,mr,mw), comma-separated. Default: all four.")
    String guarantees;

    @Option(names = "--scope", paramLabel = "whole-store|per-key",
            description = "For the sequential checker: one order for the whole store (default), or each key on its own (per-object sequential consistency, weaker: it is not local).")
    String scope;

    /** Adds the options given to the checker options being built; the absent ones as null, which means not given. */
    public void addTo(Map<String, String> checkerOptions) {
        checkerOptions.put("consistency", consistency);
        checkerOptions.put("guarantees", guarantees);
        checkerOptions.put("scope", scope);
    }
}
