package dev.faultline.harness.remote;

import java.io.IOException;

/** A host could not be reached or did not do what it was asked; the message says which host and why, in one line. */
public class RemoteException extends IOException {
    public RemoteException(String message) {
        super(message);
    }

    public RemoteException(String message, Throwable cause) {
        super(message, cause);
    }
}
