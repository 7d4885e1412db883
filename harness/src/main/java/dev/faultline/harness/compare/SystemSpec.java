package dev.faultline.harness.compare;

import dev.faultline.harness.UserInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One system of a comparison, from {@code --system [LABEL=]TARGET[:KEY=VALUE,...]}: a target of
 * {@code faultline node} with its target options, and the label it goes by in the matrix and in
 * {@code --expect}. Without a label the spec's text is the label, so {@code --system zab:read=local}
 * appears as {@code zab:read=local}.
 *
 * <p>A label is told from a target option by where the first {@code =} stands: before any
 * {@code :} it ends a label ({@code zab-local=zab:read=local}), after one it belongs to an option
 * ({@code gossip:w=1,r=1}).
 *
 * @param options the target options in the order given
 */
public record SystemSpec(String label, String target, Map<String, String> options) {
    private static final Pattern TARGET = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern NOT_IN_A_NAME = Pattern.compile("[^A-Za-z0-9._-]+");

    public SystemSpec {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * Parses one {@code --system} value; checks its form only (the target and its options are
     * checked against the target registry by the caller).
     *
     * @throws UserInputException naming the spec and what is wrong with it
     */
    public static SystemSpec parse(String text) {
        String spec = text.strip();
        int colon = spec.indexOf(':');
        int equals = spec.indexOf('=');
        String label = null;
        if (equals >= 0 && (colon < 0 || equals < colon)) {
            label = spec.substring(0, equals).strip();
            spec = spec.substring(equals + 1).strip();
            colon = spec.indexOf(':');
            if (label.isEmpty()) {
                throw bad(text, "the label before '=' is empty");
            }
        }
        String target = colon < 0 ? spec : spec.substring(0, colon).strip();
        if (!TARGET.matcher(target).matches()) {
            throw bad(text, target.isEmpty() ? "no target" : "'" + target + "' is not a target name");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String option : spec.substring(colon + 1).split(",", -1)) {
                int split = option.indexOf('=');
                String key = split < 0 ? option.strip() : option.substring(0, split).strip();
                if (split < 0 || key.isEmpty()) {
                    throw bad(text, "'" + option.strip() + "' is not KEY=VALUE");
                }
                if (options.put(key, option.substring(split + 1).strip()) != null) {
                    throw bad(text, "option " + key + " is given twice");
                }
            }
        }
        return new SystemSpec(label != null ? label : text.strip(), target, options);
    }

    /** The spec as it would be written without a label: {@code TARGET[:KEY=VALUE,...]}. */
    public String describe() {
        StringBuilder text = new StringBuilder(target);
        String separator = ":";
        for (Map.Entry<String, String> option : options.entrySet()) {
            text.append(separator).append(option.getKey()).append('=').append(option.getValue());
            separator = ",";
        }
        return text.toString();
    }

    /**
     * The name of this system's runs in the store: the label with every run of characters a test
     * name cannot hold replaced by {@code -}, then the workload ({@code gossip:w=1,r=1} →
     * {@code gossip-w-1-r-1-register}).
     */
    public String runName(String workload) {
        String base = NOT_IN_A_NAME.matcher(label).replaceAll("-").replaceAll("^[-._]+|[-._]+$", "");
        return (base.isEmpty() ? target : base) + "-" + workload;
    }

    private static UserInputException bad(String text, String problem) {
        return new UserInputException("--system " + text + ": " + problem
                + " (expected [LABEL=]TARGET[:KEY=VALUE,...], e.g. zab-local=zab:read=local)");
    }
}
