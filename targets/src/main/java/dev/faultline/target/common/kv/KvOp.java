package dev.faultline.target.common.kv;

import dev.faultline.target.common.wire.WireFormatException;
import java.util.Optional;

/**
 * The operations of the shared client protocol; {@link #f()} is the history's function name
 * (DESIGN.md §3).
 */
public enum KvOp {
    /** Returns the key's value: a register's value, or the whole set or list. */
    READ("read"),
    /** Sets the key's value. */
    WRITE("write"),
    /** Compare-and-set; the value is {@code [expected, new]}; {@code cas-mismatch} when it differs. */
    CAS("cas"),
    /** Adds an element to the set at the key. */
    ADD("add"),
    /** Appends an element to the list at the key. */
    APPEND("append"),
    /** A barrier before a read (ZooKeeper's {@code sync}); targets without one answer {@code unsupported}. */
    SYNC("sync");

    private static final KvOp[] ALL = values();

    private final String f;

    KvOp(String f) {
        this.f = f;
    }

    /** The function name in histories. */
    public String f() {
        return f;
    }

    public static Optional<KvOp> fromF(String f) {
        for (KvOp op : ALL) {
            if (op.f.equals(f)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    static KvOp ofCode(int code) {
        if (code < 0 || code >= ALL.length) {
            throw new WireFormatException("unknown operation code " + code);
        }
        return ALL[code];
    }
}
