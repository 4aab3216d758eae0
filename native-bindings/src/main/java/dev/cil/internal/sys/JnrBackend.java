package dev.cil.internal.sys;

import com.kenai.jffi.MemoryIO;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

import java.nio.ByteBuffer;

/**
 * jnr-ffi: generated stubs over libc, errno saved by jnr ({@code @SaveError} is the default; no
 * binding here is {@code @IgnoreError}). Costs 160-210 ms on first use per process, so it is the
 * reference backend, selected with {@code -Dcil.native=jnr}, and the one the equivalence test
 * compares the fast backend with.
 */
final class JnrBackend implements NativeBackend {
    /** The libc functions we call; addresses are passed as {@code long}. */
    public interface LibC {
        long syscall(long nr, long a1, long a2, long a3, long a4, long a5);

        long mmap(long addr, long length, int prot, int flags, int fd, long offset);
    }

    private final LibC libc;
    private final Runtime runtime;

    JnrBackend() {
        libc = LibraryLoader.create(LibC.class).load("c");
        runtime = Runtime.getRuntime(libc);
    }

    @Override public String name() { return "jnr"; }

    @Override
    public long syscall(long nr, long a1, long a2, long a3, long a4, long a5) {
        long r = libc.syscall(nr, a1, a2, a3, a4, a5);
        if (r == -1) throw new ErrnoException(runtime.getLastError());
        return r;
    }

    @Override
    public long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        long r = libc.mmap(addr, length, prot, flags, fd, offset);
        if (r == -1) throw new ErrnoException(runtime.getLastError());
        return r;
    }

    @Override public long address(ByteBuffer direct) { return Pointer.wrap(runtime, direct).address(); }

    @Override public ByteBuffer wrap(long address, int length) { return MemoryIO.getInstance().newDirectByteBuffer(address, length); }
}
