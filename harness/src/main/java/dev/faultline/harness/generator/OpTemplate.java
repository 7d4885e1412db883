package dev.faultline.harness.generator;

import java.util.Objects;

/** What to invoke, before a thread and a time are chosen for it. */
public record OpTemplate(String f, Object key, Object value, boolean finalRead) {
    public OpTemplate {
        Objects.requireNonNull(f, "f");
    }

    public static OpTemplate of(String f, Object key, Object value) {
        return new OpTemplate(f, key, value, false);
    }

    /** A read of the key (null for the single object) in the final phase. */
    public static OpTemplate finalRead(Object key) {
        return new OpTemplate("read", key, null, true);
    }
}
