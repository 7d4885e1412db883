package dev.faultline.target.gossip;

import java.util.Objects;

/** A key with the entry a replica holds for it, as shipped by anti-entropy and snapshots. */
record KeyEntry(Object key, Entry entry) {
    KeyEntry {
        Objects.requireNonNull(entry, "entry");
    }
}
