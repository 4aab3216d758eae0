package dev.cil.internal.sys;

import dev.cil.error.Errno;

/**
 * A system call returned -1. Thrown by the backends with the errno read on the calling thread
 * right after the call; the typed layers above turn it into a {@link dev.cil.error.KernelException}
 * that names the operation and the object.
 */
public final class ErrnoException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public ErrnoException(int errno) {
        super(Errno.name(errno) + ": " + Errno.message(errno), null, false, false);
        this.errno = errno;
    }

    public int errno() { return errno; }
}
