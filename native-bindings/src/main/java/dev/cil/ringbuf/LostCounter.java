package dev.cil.ringbuf;

import dev.cil.bpf.BpfMap;
import dev.cil.bpf.MapType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Reads a per-CPU event-loss counter such as the datapath's {@code cilium_evt_lost}
 * ({@code BPF_MAP_TYPE_PERCPU_ARRAY}, key u32 0, value u64 per CPU): the events a BPF program could
 * not put into its ring buffer because it was full. Summed over CPUs.
 */
public final class LostCounter {
    private LostCounter() { }

    /** The sum over CPUs of the u64 at {@code key}; 0 when the key is absent. */
    public static long sum(BpfMap perCpuArray, int key) {
        if (perCpuArray.typeNumber() != MapType.PERCPU_ARRAY.number() && perCpuArray.typeNumber() != MapType.PERCPU_HASH.number()) {
            throw new RingBufException(perCpuArray.describe() + " is a " + MapType.nameOf(perCpuArray.typeNumber())
                    + " map, not a per-CPU counter", perCpuArray.describe());
        }
        if (perCpuArray.keySize() != 4 || perCpuArray.valueSize() != 8) {
            throw new RingBufException(perCpuArray.describe() + ": expected key 4 B and value 8 B, got key "
                    + perCpuArray.keySize() + " B and value " + perCpuArray.valueSize() + " B", perCpuArray.describe());
        }
        byte[] k = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, key).array();
        Optional<byte[]> v = perCpuArray.lookup(k);
        if (v.isEmpty()) return 0;
        ByteBuffer b = ByteBuffer.wrap(v.get()).order(ByteOrder.nativeOrder());
        long sum = 0;
        for (int off = 0; off + 8 <= b.capacity(); off += 8) sum += b.getLong(off);
        return sum;
    }
}
