package dev.cil.internal.sys;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;

import java.nio.ByteBuffer;

/**
 * jffi's direct invoker: one JNI call per system call, no generated stubs. The cheapest backend to
 * start on JDK 17 (see the README's start-up table). The stub library is loaded from
 * {@code -Djffi.boot.library.path} when the launcher sets it (extracted once at install), else
 * extracted from the jar by jffi itself.
 */
final class JffiBackend implements NativeBackend {
    private final Invoker invoker = Invoker.getInstance();
    private final MemoryIO memory = MemoryIO.getInstance();
    private final LastError lastError = LastError.getInstance();
    private final long syscallFn;
    private final long mmapFn;
    private final CallContext syscallCtx;
    private final CallContext mmapCtx;

    JffiBackend() {
        Library libc = Library.getCachedInstance("libc.so.6", Library.LAZY | Library.LOCAL);
        if (libc == null) throw new UnsatisfiedLinkError("cannot open libc.so.6: " + Library.getLastError());
        syscallFn = libc.getSymbolAddress("syscall");
        mmapFn = libc.getSymbolAddress("mmap");
        if (syscallFn == 0 || mmapFn == 0) throw new UnsatisfiedLinkError("libc lacks syscall/mmap");
        Type l = Type.SINT64;
        syscallCtx = CallContext.getCallContext(l, new Type[] {l, l, l, l, l, l}, CallingConvention.DEFAULT, true);
        mmapCtx = CallContext.getCallContext(Type.POINTER,
                new Type[] {Type.POINTER, Type.UINT64, Type.SINT32, Type.SINT32, Type.SINT32, Type.SINT64},
                CallingConvention.DEFAULT, true);
    }

    @Override public String name() { return "jffi"; }

    @Override
    public long syscall(long nr, long a1, long a2, long a3, long a4, long a5) {
        long r = invoker.invokeN6(syscallCtx, syscallFn, nr, a1, a2, a3, a4, a5);
        if (r == -1) throw new ErrnoException(lastError.get());
        return r;
    }

    @Override
    public long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        long r = invoker.invokeN6(mmapCtx, mmapFn, addr, length, prot, flags, fd, offset);
        if (r == -1) throw new ErrnoException(lastError.get());
        return r;
    }

    @Override public long address(ByteBuffer direct) { return memory.getDirectBufferAddress(direct); }

    @Override public ByteBuffer wrap(long address, int length) { return memory.newDirectByteBuffer(address, length); }
}
