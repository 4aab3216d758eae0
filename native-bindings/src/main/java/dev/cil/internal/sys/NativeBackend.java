package dev.cil.internal.sys;

import java.nio.ByteBuffer;

/**
 * The one seam to native code: raw system calls and the addresses of off-heap memory.
 * Everything else ({@link Sys}) is written once on top of these four primitives, so a backend
 * (jffi, jnr-ffi, FFM) is a few dozen lines and can be swapped without touching a caller.
 * Implementations read errno on the calling thread right after the call and throw
 * {@link ErrnoException} when the call returned -1.
 */
public interface NativeBackend {
    /** A short name for diagnostics ({@code jffi}, {@code jnr}, {@code ffm}). */
    String name();

    /** libc {@code syscall(nr, a1..a5)}; returns the result or throws {@link ErrnoException}. */
    long syscall(long nr, long a1, long a2, long a3, long a4, long a5);

    /** libc {@code mmap}; returns the address or throws {@link ErrnoException}. */
    long mmap(long addr, long length, int prot, int flags, int fd, long offset);

    /** The native address of a direct buffer's first byte (position 0). */
    long address(ByteBuffer direct);

    /** A direct buffer over native memory the caller owns (e.g. an mmap'd region). */
    ByteBuffer wrap(long address, int length);
}
