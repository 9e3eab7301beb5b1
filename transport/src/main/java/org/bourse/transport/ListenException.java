package org.bourse.transport;

/** A listener cannot serve (its port is taken, say); the message is one sentence for the user. */
public final class ListenException extends Exception {
    public ListenException(String message) {
        super(message);
    }

    /** The port is taken: the sentence every listener (WebSocket or HTTP) says then. */
    public static ListenException portInUse(String what, String address, String portOption) {
        return new ListenException("cannot listen on " + address + " for the " + what + ": the port is already in "
                + "use (is another one running? pick another port with " + portOption + ", or 0 for any free port)");
    }
}
