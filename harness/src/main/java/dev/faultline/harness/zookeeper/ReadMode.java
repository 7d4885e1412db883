package dev.faultline.harness.zookeeper;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the ZooKeeper client reads a znode (zookeeperInternals.md, "Consistency Guarantees"):
 * ZooKeeper serves reads from the server a session is connected to, so only a quorum write before
 * the read makes it linearizable.
 */
public enum ReadMode {
    /** {@code getData} on the connected server: sequentially consistent, not linearizable. */
    PLAIN,
    /**
     * {@code sync(path)}, then {@code getData}: the server catches up with the leader first; still
     * not linearizable, since {@code sync} is not a quorum operation (ZOOKEEPER-1675).
     */
    SYNC,
    /**
     * A write to a barrier znode, then {@code getData}: the write commits through a quorum, and the
     * server has applied everything before it when it answers, so the read is linearizable.
     */
    BARRIER;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the known modes */
    public static ReadMode fromCliName(String name) {
        return Arrays.stream(values()).filter(mode -> mode.cliName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("target zookeeper has no read mode '" + name + "' (known: "
                        + Arrays.stream(values()).map(ReadMode::cliName).collect(Collectors.joining(", ")) + ")"));
    }
}
