package dev.faultline.target.common.wire;

/** The tag byte in front of each value written by {@link WireOutput#writeValue}. */
final class ValueTag {
    static final int NULL = 0;
    static final int FALSE = 1;
    static final int TRUE = 2;
    static final int LONG = 3;
    static final int BIG_INTEGER = 4;
    static final int DOUBLE = 5;
    static final int STRING = 6;
    static final int LIST = 7;
    static final int MAP = 8;

    private ValueTag() {}
}
