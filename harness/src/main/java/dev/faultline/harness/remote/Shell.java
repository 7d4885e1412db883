package dev.faultline.harness.remote;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting for the commands the controller runs on its hosts. */
final class Shell {
    private Shell() {}

    /** One word, whatever it holds: single quotes, each single quote inside closed, escaped and reopened. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The words as one command line. */
    static String join(List<String> words) {
        return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}
