package dev.cil.client;

/** The node's daemon does not answer: no socket, nobody listening, or no permission to connect. */
public final class DaemonUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DaemonUnreachableException(String message, Throwable cause) { super(message, cause); }
}
