package dev.faultline.harness.client;

/** Opens clients (Jepsen's {@code open!}). */
@FunctionalInterface
public interface ClientFactory {

    /**
     * A client bound to the node. Opening must not change the system's logical state; a failure
     * to open makes the operation that needed the client fail (it was never sent).
     */
    Client open(String node) throws Exception;
}
