package dev.faultline.checker.linear;

/**
 * A string state that knows its hash without reading itself: the key-value model appends to
 * strings at every step, and the search interns every state it reaches, so rehashing the whole
 * string each time would cost O(length) per step. {@code String.hashCode} is a polynomial in 31,
 * so the hash of s + t is hash(s)·31^|t| + hash(t), which costs O(|t|).
 */
final class Text {
    final String value;
    private final int hash;

    private Text(String value, int hash) {
        this.value = value;
        this.hash = hash;
    }

    static Text of(String value) {
        return new Text(value, value.hashCode());
    }

    Text append(String suffix) {
        int power = 1;
        for (int i = 0; i < suffix.length(); i++) {
            power *= 31;
        }
        return new Text(value + suffix, hash * power + suffix.hashCode());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Text that && hash == that.hash && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return value;
    }
}
