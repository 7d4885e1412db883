package dev.faultline.target.common.shell;

import dev.faultline.target.common.kv.KvRequest;

/** What other threads hand the core thread, through its bounded input queue. */
sealed interface ShellInput<M> {
    /** A decoded peer message. */
    record Peer<M>(String from, M message) implements ShellInput<M> {}

    /** A client request and where its reply goes. */
    record Request<M>(ClientConnection connection, long correlationId, KvRequest request) implements ShellInput<M> {}

    /** Work that must run on the core thread (it owns the log), e.g. switching power-loss mode. */
    record Task<M>(Runnable action) implements ShellInput<M> {}
}
