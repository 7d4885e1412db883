package dev.faultline.harness.cluster;

/** The system under test could not start; the message says why in one line. */
public class ClusterStartException extends Exception {
    public ClusterStartException(String message) {
        super(message);
    }

    public ClusterStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
