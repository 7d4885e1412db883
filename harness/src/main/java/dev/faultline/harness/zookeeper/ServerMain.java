package dev.faultline.harness.zookeeper;

import java.io.IOException;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;

/**
 * The main class of a ZooKeeper server child process: ZooKeeper's own {@link QuorumPeerMain},
 * plus a watch on standard input that ends the process when the controller's end of the pipe
 * closes, so that a server dies with the controller even when the controller is killed with
 * SIGKILL and runs no shutdown hook (as {@code faultline node --exit-with-stdin} does).
 */
public final class ServerMain {
    private ServerMain() {}

    public static void main(String[] args) {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // The controller writes nothing; only the end of the stream matters.
                }
            } catch (IOException e) {
                // The pipe broke: the controller is gone as well.
            }
            Runtime.getRuntime().halt(0);
        }, "faultline-exit-with-stdin");
        watch.setDaemon(true);
        watch.start();
        QuorumPeerMain.main(args);
    }
}
