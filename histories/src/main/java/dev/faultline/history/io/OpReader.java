package dev.faultline.history.io;

import dev.faultline.history.HistoryFormatException;
import dev.faultline.history.Op;
import java.io.Closeable;
import java.io.IOException;

/**
 * Reads a history's events one at a time, in file order, so that a pass over a large file holds
 * one event at a time. Ops come out numbered: their own index when the input has one, otherwise
 * their position.
 */
public interface OpReader extends Closeable {

    /**
     * The next event, or null at the end of the input.
     *
     * @throws HistoryFormatException when the input is malformed, naming the file and line
     */
    Op next() throws IOException;

    /** The 1-based line where the event last returned by {@link #next()} starts. */
    int line();

    /** The source name used in messages. */
    String source();
}
