package dev.faultline.target.common.core;

import dev.faultline.target.common.kv.KvRequest;
import java.util.Objects;

/**
 * A client request handed to a core.
 *
 * @param requestId assigned by the shell, unique within this node's life; the core answers with
 *     the same id, in this or any later {@link Ready} (a quorum store's coordinator waits for W
 *     acks first)
 * @param request what the client asked
 */
public record ClientRequest(long requestId, KvRequest request) {
    public ClientRequest {
        Objects.requireNonNull(request, "request");
    }
}
