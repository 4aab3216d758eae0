package dev.cil.client;

/** The daemon refused a request: its HTTP status and its one-line message. */
public final class ApiErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    ApiErrorException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status (400 bad input, 403 not root, 404 unknown, 409 duplicate, 5xx daemon failure). */
    public int status() { return status; }
}
