package dev.cil.error;

/** The key or object already exists (EEXIST). */
public class KeyExistsException extends KernelException {
    private static final long serialVersionUID = 1L;

    public KeyExistsException(String op, int errno, String hint) {
        super(op, errno, hint);
    }
}
