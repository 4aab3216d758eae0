// bench helper (not shipped): fills a pinned hash map with N entries (key u32 i, value u64 i) through
// cil's own library, MAP_UPDATE_BATCH in chunks. Run: java -cp cil.jar bench/FillMap.java PIN N
import dev.cil.bpf.BpfMap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

public class FillMap {
    public static void main(String[] args) {
        String pin = args[0];
        int n = Integer.parseInt(args[1]);
        int chunk = 65536;
        long t0 = System.nanoTime();
        try (BpfMap m = BpfMap.openPinned(pin)) {
            for (int start = 0; start < n; start += chunk) {
                int c = Math.min(chunk, n - start);
                ByteBuffer k = ByteBuffer.allocate(4 * c).order(ByteOrder.LITTLE_ENDIAN);
                ByteBuffer v = ByteBuffer.allocate(8 * c).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < c; i++) {
                    k.putInt(start + i);
                    v.putLong(start + i);
                }
                m.updateBatch(k.array(), v.array(), c, BpfMap.UPDATE_ANY);
            }
        }
        System.err.printf("filled %d entries in %.2f s (%.2f M/s)%n", n, (System.nanoTime() - t0) / 1e9, n / ((System.nanoTime() - t0) / 1e3));
    }
}
