package dev.faultline.harness.client;

/**
 * A connection from one worker thread to one node (Jepsen's {@code Client}). Used by one thread
 * at a time. Only the runner writes the history: a client returns completions and never records
 * anything itself.
 *
 * <p>{@link #invoke} must return within the invocation's timeout: the client gives up and answers
 * {@code info} (or {@code fail} when the request was certainly never sent). An exception means the
 * outcome is unknown and is recorded as {@code info}. The runner also keeps a watchdog: a client
 * that does not return well after its timeout gets an {@code info} completion recorded for it,
 * and its thread is replaced.
 */
public interface Client extends AutoCloseable {

    /** Performs one operation. */
    Completion invoke(Invocation invocation) throws Exception;

    /** Releases the connection; never throws. */
    @Override
    void close();
}
