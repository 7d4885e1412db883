package dev.faultline.target.common.kv;

import dev.faultline.history.OpType;
import dev.faultline.target.common.wire.WireFormatException;

/** The three outcomes of every RPC (DESIGN.md §3), with the history's type names. */
public enum Outcome {
    /** It happened; the reply carries what was observed. */
    OK("ok", OpType.OK),
    /** It definitely did not happen and never will. */
    FAIL("fail", OpType.FAIL),
    /** Unknown: it may have happened, may happen later, or never. */
    INFO("info", OpType.INFO);

    private static final Outcome[] ALL = values();

    private final String wireName;
    private final OpType opType;

    Outcome(String wireName, OpType opType) {
        this.wireName = wireName;
        this.opType = opType;
    }

    /** The history's completion type for this outcome. */
    public OpType opType() {
        return opType;
    }

    public String wireName() {
        return wireName;
    }

    static Outcome ofCode(int code) {
        if (code < 0 || code >= ALL.length) {
            throw new WireFormatException("unknown outcome code " + code);
        }
        return ALL[code];
    }
}
