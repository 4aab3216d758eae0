package dev.cil.error;

/** The object, key or path does not exist (ENOENT). */
public class NoSuchObjectException extends KernelException {
    private static final long serialVersionUID = 1L;

    public NoSuchObjectException(String op, int errno, String hint) {
        super(op, errno, hint);
    }
}
