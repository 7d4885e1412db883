package dev.faultline.harness.client;

/**
 * How a worker uses a {@link Client} whatever it is driven by (a test's worker pool, kv-bench):
 * a client that cannot be opened leaves the operation that needed it failed, since it was never
 * sent; an invocation that throws, or returns nothing, ended in an unknown state, so it is info.
 */
public final class Clients {
    private Clients() {}

    /** A client bound to {@code node}, or null when it cannot be opened now (the caller fails the operation and tries again later). */
    public static Client open(ClientFactory clients, String node) {
        try {
            return clients.open(node);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The completion of one invocation, with the client's exceptions as info. */
    public static Completion invoke(Client client, Invocation invocation) {
        try {
            Completion completion = client.invoke(invocation);
            return completion != null ? completion : Completion.info("indeterminate: the client returned no completion");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Completion.info("indeterminate: interrupted");
        } catch (Exception | LinkageError e) {
            return Completion.info("indeterminate: " + e);
        }
    }
}
