package dev.cil.error;

/** The kernel does not support the operation (EOPNOTSUPP, ENOTSUPP). */
public class NotSupportedException extends KernelException {
    private static final long serialVersionUID = 1L;

    public NotSupportedException(String op, int errno, String hint) {
        super(op, errno, hint);
    }
}
