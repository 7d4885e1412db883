package dev.faultline.history;

/**
 * A user's input that cannot be read as a history. The message is one line, {@code FILE:LINE:
 * what is wrong}, ready to print without a stack trace.
 */
public final class HistoryFormatException extends RuntimeException {
    private final String source;
    private final int line;
    private final String problem;

    public HistoryFormatException(String source, int line, String problem) {
        this(source, line, problem, null);
    }

    public HistoryFormatException(String source, int line, String problem, Throwable cause) {
        super(line > 0 ? source + ":" + line + ": " + problem : source + ": " + problem, cause);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    /** The file (or other source name) the input came from. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem, or 0 when it concerns the input as a whole. */
    public int line() {
        return line;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }
}
