package dev.faultline.harness.remote;

/** What a command run over SSH returned. */
public record ExecResult(int exitStatus, String stdout, String stderr) {

    public boolean succeeded() {
        return exitStatus == 0;
    }

    /** The last non-blank line of standard error, else of standard output, for a one-line error. */
    public String lastLine() {
        String text = stderr.isBlank() ? stdout : stderr;
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
