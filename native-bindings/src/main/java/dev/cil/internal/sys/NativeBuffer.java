package dev.cil.internal.sys;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Zeroed off-heap memory handed to the kernel by address: a little-endian direct buffer plus its
 * native address. Keep the NativeBuffer reachable until the call that uses its address returns
 * ({@link #keepAlive()} after the call), so the GC cannot free it under the kernel.
 */
public final class NativeBuffer {
    private final ByteBuffer buf;
    private final long address;

    private NativeBuffer(ByteBuffer buf, long address) {
        this.buf = buf;
        this.address = address;
    }

    public static NativeBuffer allocate(int size) {
        ByteBuffer b = ByteBuffer.allocateDirect(Math.max(size, 1)).order(ByteOrder.LITTLE_ENDIAN);
        return new NativeBuffer(b, Sys.backend().address(b));
    }

    /** Copies {@code bytes} into a new buffer. */
    public static NativeBuffer of(byte[] bytes) {
        NativeBuffer n = allocate(bytes.length);
        n.buf.put(0, bytes);
        return n;
    }

    /** A NUL-terminated UTF-8 copy of {@code s}. */
    public static NativeBuffer cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        NativeBuffer n = allocate(b.length + 1);
        n.buf.put(0, b);
        return n;
    }

    public long address() { return address; }

    public int size() { return buf.capacity(); }

    /** The buffer itself (absolute get/put; little-endian). */
    public ByteBuffer buffer() { return buf; }

    public NativeBuffer putInt(int off, int v) { buf.putInt(off, v); return this; }

    public NativeBuffer putLong(int off, long v) { buf.putLong(off, v); return this; }

    public NativeBuffer putShort(int off, short v) { buf.putShort(off, v); return this; }

    public NativeBuffer put(int off, byte v) { buf.put(off, v); return this; }

    public NativeBuffer put(int off, byte[] src) { buf.put(off, src); return this; }

    public int getInt(int off) { return buf.getInt(off); }

    public long getLong(int off) { return buf.getLong(off); }

    public short getShort(int off) { return buf.getShort(off); }

    public byte get(int off) { return buf.get(off); }

    public byte[] bytes(int off, int len) {
        byte[] out = new byte[len];
        buf.get(off, out);
        return out;
    }

    public byte[] toArray() { return bytes(0, size()); }

    /** A NUL-terminated string starting at {@code off}, at most {@code max} bytes. */
    public String cString(int off, int max) {
        int end = off;
        int limit = Math.min(size(), off + max);
        while (end < limit && buf.get(end) != 0) end++;
        return new String(bytes(off, end - off), StandardCharsets.UTF_8);
    }

    /** Zeroes the whole buffer. */
    public NativeBuffer clear() {
        int n = size();
        int i = 0;
        for (; i + 8 <= n; i += 8) buf.putLong(i, 0L);
        for (; i < n; i++) buf.put(i, (byte) 0);
        return this;
    }

    /** Call after a native call that used {@link #address()}. */
    public void keepAlive() { Reference.reachabilityFence(this); Reference.reachabilityFence(buf); }
}
