package dev.faultline.harness.cli;

import dev.faultline.harness.RunFailedException;
import dev.faultline.harness.UserInputException;
import dev.faultline.history.HistoryFormatException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * The {@code faultline} command. Maps every outcome to the exit codes of DESIGN.md §4 in one
 * place: a user's mistake (bad option, malformed file, unknown name) prints one line and exits
 * 254; a run that could not complete (the target did not start) prints one line and exits 255;
 * a bug prints its stack trace and exits 255.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, for tests. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, with the exit-code mapping installed. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new FaultlineCommand());
        commandLine.setParameterExceptionHandler(Main::badArguments);
        commandLine.setExecutionExceptionHandler((e, command, parseResult) -> failed(e, command));
        return commandLine;
    }

    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("faultline: " + e.getMessage());
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    private static int failed(Exception e, CommandLine command) {
        PrintWriter err = command.getErr();
        if (isUserError(e)) {
            err.println("faultline: " + userMessage(e));
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof RunFailedException) {
            err.println("faultline: " + e.getMessage());
            err.flush();
            return ExitCodes.INTERNAL_ERROR;
        }
        err.println("faultline: internal error: " + e);
        e.printStackTrace(err);
        err.flush();
        return ExitCodes.INTERNAL_ERROR;
    }

    static boolean isUserError(Throwable e) {
        return e instanceof UserInputException || e instanceof HistoryFormatException
                || e instanceof NoSuchFileException || e instanceof IllegalArgumentException;
    }

    private static String userMessage(Throwable e) {
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + ": no such file";
        }
        return e.getMessage();
    }
}
