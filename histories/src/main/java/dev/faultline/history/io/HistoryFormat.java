package dev.faultline.history.io;

import java.util.Locale;
import java.util.Optional;

/** The history formats faultline reads. Only {@link #JSONL} is written. */
public enum HistoryFormat {
    /** Native: one JSON object per line (DESIGN.md §3). */
    JSONL("jsonl"),
    /** Jepsen's {@code history.edn}: a vector or list of op maps, or one op map after another. */
    EDN("edn"),
    /** Jepsen's text log: {@code INFO  jepsen.util - 3	:invoke	:cas	[1 4]}; other lines ignored. */
    JEPSEN_LOG("jepsen-log"),
    /** Porcupine's key-value logs: one {@code {:process P, :type …, :f …, :key "K", :value …}} per line. */
    PORCUPINE_KV("porcupine-kv");

    private final String cliName;

    HistoryFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line: {@code jsonl}, {@code edn}, {@code jepsen-log}, {@code porcupine-kv}. */
    public String cliName() {
        return cliName;
    }

    public static Optional<HistoryFormat> fromCliName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (HistoryFormat format : values()) {
            if (format.cliName.equals(wanted)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
