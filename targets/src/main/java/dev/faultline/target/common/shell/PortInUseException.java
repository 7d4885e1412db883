package dev.faultline.target.common.shell;

import java.net.BindException;

/** A port the node needs is taken: a user's mistake, reported in one line. */
public final class PortInUseException extends BindException {
    public PortInUseException(String message, BindException cause) {
        super(message);
        initCause(cause);
    }
}
