package dev.faultline.harness.zookeeper;

import dev.faultline.harness.client.Client;
import dev.faultline.harness.client.Completion;
import dev.faultline.harness.client.Invocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.Stat;

/**
 * A worker's ZooKeeper session, through the ZooKeeper Java client (NIO socket) to one server, as
 * in Jepsen's ZooKeeper test: each key is a znode {@code /faultline-<key>} holding the value's
 * decimal text (a missing znode or empty data reads as null).
 *
 * <ul>
 *   <li>read: {@link ReadMode}: {@code getData}, after {@code sync} or after a barrier write;
 *   <li>write: {@code setData(path, value, -1)}, or {@code create} for a new key;
 *   <li>cas: {@code getData}, compare, then {@code setData(path, new, version)}: a changed version
 *       ({@code BADVERSION}) is a definite failure, as Curator's and avout's CAS loops use it.
 * </ul>
 *
 * Errors map to outcomes by {@link ZooKeeperOutcomes}. The session is bound to one server (its
 * connect string names only it), so the final reads read that server, and a killed server's
 * workers fail until it is back; the client library reconnects a lost connection by itself.
 */
final class ZooKeeperClient implements Client {
    static final String BARRIER_PATH = "/faultline-barrier";
    private static final byte[] EMPTY = new byte[0];

    private final ZooKeeper zooKeeper;
    private final ReadMode readMode;

    private ZooKeeperClient(ZooKeeper zooKeeper, ReadMode readMode) {
        this.zooKeeper = zooKeeper;
        this.readMode = readMode;
    }

    /**
     * Opens a session on the server at {@code 127.0.0.1:clientPort}.
     *
     * @param requestTimeoutMillis how long the client library waits for an answer before it gives up
     * @throws IOException when no session is established within {@code connectTimeoutMillis}
     */
    static ZooKeeperClient open(int clientPort, ReadMode readMode, int sessionTimeoutMillis, long requestTimeoutMillis,
            long connectTimeoutMillis) throws IOException, InterruptedException {
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ZOOKEEPER_REQUEST_TIMEOUT, Long.toString(requestTimeoutMillis));
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zooKeeper = new ZooKeeper("127.0.0.1:" + clientPort, sessionTimeoutMillis, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, config);
        if (!connected.await(connectTimeoutMillis, TimeUnit.MILLISECONDS)) {
            zooKeeper.close();
            throw new IOException("no ZooKeeper session on 127.0.0.1:" + clientPort + " within " + connectTimeoutMillis + " ms");
        }
        return new ZooKeeperClient(zooKeeper, readMode);
    }

    /** The znode of a key; the single register of a keyless workload is {@code /faultline-register}. */
    static String path(Object key) {
        return "/faultline-" + (key == null ? "register" : key.toString());
    }

    static byte[] encode(Object value) {
        return value == null ? EMPTY : value.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Object decode(byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    @Override
    public Completion invoke(Invocation invocation) throws InterruptedException {
        String path = path(invocation.key());
        return switch (invocation.f()) {
            case "read" -> read(path);
            case "write" -> write(path, invocation.value());
            case "cas" -> cas(path, (List<?>) invocation.value());
            default -> throw new IllegalArgumentException("the zookeeper client has no operation " + invocation.f());
        };
    }

    private Completion read(String path) throws InterruptedException {
        try {
            switch (readMode) {
                case SYNC -> zooKeeper.sync(path);
                case BARRIER -> put(BARRIER_PATH, EMPTY);
                case PLAIN -> { }
            }
            return Completion.ok(decode(zooKeeper.getData(path, false, null)));
        } catch (KeeperException.NoNodeException e) {
            return Completion.ok(null);
        } catch (KeeperException e) {
            // A barrier write changes no key: a read that failed after it still had no effect on any.
            return ZooKeeperOutcomes.of(e.code(), false);
        }
    }

    private Completion write(String path, Object value) throws InterruptedException {
        try {
            put(path, encode(value));
            return Completion.ok(value);
        } catch (KeeperException e) {
            return ZooKeeperOutcomes.of(e.code(), true);
        }
    }

    /** {@code setData} at any version; {@code create} for a znode that is not there yet. */
    private void put(String path, byte[] data) throws KeeperException, InterruptedException {
        try {
            zooKeeper.setData(path, data, -1);
        } catch (KeeperException.NoNodeException missing) {
            try {
                zooKeeper.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } catch (KeeperException.NodeExistsException created) {
                zooKeeper.setData(path, data, -1); // Another client created it meanwhile.
            }
        }
    }

    private Completion cas(String path, List<?> expectedAndNew) throws InterruptedException {
        Object expected = expectedAndNew.get(0);
        Object replacement = expectedAndNew.get(1);
        Stat stat = new Stat();
        Object current;
        boolean exists = true;
        try {
            current = decode(zooKeeper.getData(path, false, stat));
        } catch (KeeperException.NoNodeException e) {
            current = null;
            exists = false;
        } catch (KeeperException e) {
            return ZooKeeperOutcomes.of(e.code(), false);
        }
        if (!Objects.equals(current, expected)) {
            return Completion.fail("cas-mismatch");
        }
        try {
            if (exists) {
                zooKeeper.setData(path, encode(replacement), stat.getVersion());
            } else {
                zooKeeper.create(path, encode(replacement), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            }
            return Completion.ok(expectedAndNew);
        } catch (KeeperException.NodeExistsException e) {
            return Completion.fail("cas-mismatch"); // Created by another client since the read: the create did nothing.
        } catch (KeeperException e) {
            return ZooKeeperOutcomes.of(e.code(), true);
        }
    }

    @Override
    public void close() {
        try {
            zooKeeper.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
