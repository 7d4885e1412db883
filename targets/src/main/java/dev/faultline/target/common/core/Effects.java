package dev.faultline.target.common.core;

import java.io.IOException;
import java.util.List;

/**
 * What a driver does with a {@link Ready}: the shell does it with sockets and files, the simulator
 * with simulated ones. {@link Ready#carryOut} calls these in the documented order, so both drivers
 * share that order by construction.
 */
public interface Effects<M, R> {
    void send(Envelope<M> envelope);

    /** Replace the log by {@code snapshot} if non-null, append {@code records}, fsync if {@code mustSync}. */
    void persist(R snapshot, List<R> records, boolean mustSync) throws IOException;

    void reply(ClientReply reply);

    void event(CoreEvent event);
}
