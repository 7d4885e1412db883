package dev.faultline.target.common.core;

import java.util.Objects;

/** A message for one peer. */
public record Envelope<M>(String to, M message) {
    public Envelope {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(message, "message");
    }
}
