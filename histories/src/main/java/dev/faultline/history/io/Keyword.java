package dev.faultline.history.io;

/** An EDN keyword such as {@code :invoke}, kept apart from strings while an op map is read. */
record Keyword(String name) {
    @Override
    public String toString() {
        return ":" + name;
    }
}
