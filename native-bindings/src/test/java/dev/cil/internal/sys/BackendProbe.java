package dev.cil.internal.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Runs the same kernel conversation under whichever backend {@code -Dcil.native} selects and prints
 * what came back, so a test can compare backends line by line.
 */
public final class BackendProbe {
    private BackendProbe() { }

    public static void main(String[] args) {
        StringBuilder out = new StringBuilder();
        Sys sys = Sys.get();
        out.append("backend ").append(sys.backendName()).append('\n');
        int fd = BpfCalls.mapCreate(BpfCalls.MapCreate.of(1, 4, 8, 8, 0, "probe"));
        try {
            for (int i = 0; i < 4; i++) {
                BpfCalls.mapUpdate(fd, NativeBuffer.of(le(i)), NativeBuffer.of(le8(i * 11L)), 0, "probe");
            }
            NativeBuffer v = NativeBuffer.allocate(8);
            out.append("lookup2 ").append(BpfCalls.mapLookup(fd, NativeBuffer.of(le(2)), v, 0, "probe")).append(' ').append(v.getLong(0)).append('\n');
            out.append("lookup9 ").append(BpfCalls.mapLookup(fd, NativeBuffer.of(le(9)), v, 0, "probe")).append('\n');
            try {
                BpfCalls.mapUpdate(fd, NativeBuffer.of(le(2)), NativeBuffer.of(le8(0)), BpfCalls.BPF_NOEXIST, "probe");
            } catch (RuntimeException e) {
                out.append("noexist ").append(e.getMessage()).append('\n');
            }
            try {
                sys.close(999999);
            } catch (ErrnoException e) {
                out.append("close errno ").append(e.errno()).append('\n');
            }
            long[] boot = sys.clockGettime(Sys.CLOCK_BOOTTIME);
            out.append("boottime positive ").append(boot[0] > 0).append('\n');
            ByteBuffer wrapped = sys.wrap(v.address(), 8);
            out.append("wrap sees ").append(wrapped.order(ByteOrder.LITTLE_ENDIAN).getLong(0) == v.getLong(0)).append('\n');
        } finally {
            sys.close(fd);
        }
        System.out.print(out);
    }

    static byte[] le(int v) { return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array(); }

    static byte[] le8(long v) { return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array(); }
}
