package dev.faultline.harness.netns;

/**
 * An IPv4 prefix such as {@code 10.250.7.0/24}: enough arithmetic to tell whether a subnet for a
 * run overlaps a route or an address the host has already.
 */
public record Ipv4Prefix(int network, int length) {

    public Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length " + length + " is not in [0, 32]");
        }
        network &= mask(length);
    }

    /** {@code A.B.C.D/LEN}, or {@code A.B.C.D} alone (a host route, /32). */
    public static Ipv4Prefix parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        int length = slash < 0 ? 32 : Integer.parseInt(text.substring(slash + 1));
        String[] octets = address.split("\\.");
        if (octets.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address or prefix");
        }
        int value = 0;
        for (String octet : octets) {
            int number = Integer.parseInt(octet);
            if (number < 0 || number > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address or prefix");
            }
            value = (value << 8) | number;
        }
        return new Ipv4Prefix(value, length);
    }

    /** Two prefixes overlap when the shorter one contains the other's network. */
    boolean overlaps(Ipv4Prefix other) {
        int shorter = Math.min(length, other.length);
        return (network & mask(shorter)) == (other.network & mask(shorter));
    }

    /** The address {@code host} inside this prefix, as text: {@code 10.250.7.0/24} host 2 is {@code 10.250.7.2}. */
    String address(int host) {
        int value = network | host;
        return ((value >>> 24) & 0xff) + "." + ((value >>> 16) & 0xff) + "." + ((value >>> 8) & 0xff) + "." + (value & 0xff);
    }

    private static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    @Override
    public String toString() {
        return address(0) + "/" + length;
    }
}
