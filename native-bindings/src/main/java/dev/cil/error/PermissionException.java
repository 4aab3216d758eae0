package dev.cil.error;

/** Not allowed: EPERM or EACCES. */
public class PermissionException extends KernelException {
    private static final long serialVersionUID = 1L;

    public PermissionException(String op, int errno, String hint) {
        super(op, errno, hint);
    }
}
