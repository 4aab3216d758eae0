package dev.cil.ringbuf;

import dev.cil.error.KernelException;

/** A ring buffer that cannot be read: not a ring buffer, too large to map, or a corrupt record. */
public final class RingBufException extends KernelException {
    private static final long serialVersionUID = 1L;

    public RingBufException(String message, String op) {
        super(message, op);
    }
}
