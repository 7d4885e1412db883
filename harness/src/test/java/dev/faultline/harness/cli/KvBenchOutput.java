package dev.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The outcome counts kv-bench printed, for the tests of the command. */
record KvBenchOutput(long operations, long ok, long fail, long info) {
    private static final Pattern OPERATIONS = Pattern.compile("operations +(\\d+) \\(ok (\\d+), fail (\\d+), info (\\d+)\\)");

    static KvBenchOutput of(String out) {
        Matcher matcher = OPERATIONS.matcher(out);
        assertThat(matcher.find()).as("an operations line in:%n%s", out).isTrue();
        return new KvBenchOutput(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3)),
                Long.parseLong(matcher.group(4)));
    }
}
