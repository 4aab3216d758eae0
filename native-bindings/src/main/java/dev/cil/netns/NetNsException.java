package dev.cil.netns;

import dev.cil.error.KernelException;

/** A namespace operation failed: {@code op: strerror (ENAME; hint)}. */
public class NetNsException extends KernelException {
    private static final long serialVersionUID = 1L;

    public NetNsException(String op, int errno, String hint) {
        super(op, errno, hint);
    }

    public NetNsException(String op, int errno, String hint, Throwable cause) {
        super(op, errno, hint, cause);
    }
}
