package dev.cil.daemon;

/** A request the API refuses: an HTTP status and a one-line message (sent as {@code {"code","message"}}). */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    static ApiException badRequest(String m) { return new ApiException(400, m); }

    static ApiException notFound(String m) { return new ApiException(404, m); }

    static ApiException conflict(String m) { return new ApiException(409, m); }
}
