package dev.cil.daemon;

/** The datapath cannot be loaded or opened (its implementation is missing, a pin is wrong, loading failed). */
public final class DatapathUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DatapathUnavailableException(String message) { super(message); }

    DatapathUnavailableException(String message, Throwable cause) { super(message, cause); }
}
