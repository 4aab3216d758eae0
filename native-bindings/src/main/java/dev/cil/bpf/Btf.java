package dev.cil.bpf;

import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.Fd;
import dev.cil.internal.sys.NativeBuffer;

/** A BTF object loaded in the kernel: an owned fd. */
public final class Btf implements AutoCloseable {
    private static final int INFO_SIZE = 32;
    private final Fd fd;

    private Btf(Fd fd) { this.fd = fd; }

    public static Btf openById(BtfId id) { return new Btf(BpfObjects.openById(BpfObjects.Kind.BTF, id.value(), 0)); }

    public Fd fd() { return fd; }

    public BtfInfo info() {
        NativeBuffer name = NativeBuffer.allocate(256);
        NativeBuffer b = NativeBuffer.allocate(INFO_SIZE).putLong(16, name.address()).putInt(24, 256);
        BpfCalls.objGetInfo(fd.raw(), b, fd.what());
        String n = name.cString(0, 256);
        name.keepAlive();
        return new BtfInfo(new BtfId(b.getInt(12)), b.getInt(8), n, b.getInt(28) != 0);
    }

    /** The raw BTF blob (header, types, strings). */
    public byte[] bytes() {
        NativeBuffer b = NativeBuffer.allocate(INFO_SIZE);
        BpfCalls.objGetInfo(fd.raw(), b, fd.what());
        int size = b.getInt(8);
        NativeBuffer data = NativeBuffer.allocate(size);
        NativeBuffer q = NativeBuffer.allocate(INFO_SIZE).putLong(0, data.address()).putInt(8, size);
        BpfCalls.objGetInfo(fd.raw(), q, fd.what());
        byte[] out = data.bytes(0, Math.min(size, q.getInt(8)));
        data.keepAlive();
        return out;
    }

    @Override public void close() { fd.close(); }
}
