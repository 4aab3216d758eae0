package dev.cil.bpf;

import dev.cil.error.KernelException;
import dev.cil.error.NoSuchObjectException;
import dev.cil.testing.KernelTest;
import dev.cil.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The map API against the kernel: element ops, both walks, per-CPU sizes, typed errors. */
@KernelTest
class BpfMapKernelIT {
    static byte[] u32(int v) { return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array(); }

    static byte[] u64(long v) { return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array(); }

    @Test
    void elementOperations(Scratch s) {
        try (BpfMap m = BpfMap.create(BpfMap.CreateOptions.of(MapType.HASH, 4, 8, 16, 0, s.name("ops")))) {
            assertEquals(Optional.empty(), m.lookup(u32(1)));
            m.update(u32(1), u64(42), BpfMap.UPDATE_NOEXIST);
            assertArrayEquals(u64(42), m.lookup(u32(1)).orElseThrow());
            KernelException dup = assertThrows(KernelException.class, () -> m.update(u32(1), u64(1), BpfMap.UPDATE_NOEXIST));
            assertTrue(dup.getMessage().startsWith("MAP_UPDATE_ELEM on map " + m.id() + " (" + s.name("ops") + "): File exists (EEXIST)"),
                    dup.getMessage());
            assertThrows(NoSuchObjectException.class, () -> m.update(u32(2), u64(1), BpfMap.UPDATE_EXIST));
            assertArrayEquals(u32(1), m.nextKey(null).orElseThrow());
            assertEquals(Optional.empty(), m.nextKey(u32(1)));
            assertTrue(m.delete(u32(1)));
            assertFalse(m.delete(u32(1)));
            assertThrows(IllegalArgumentException.class, () -> m.lookup(new byte[3]));
            MapInfo info = m.info();
            assertEquals("hash", info.typeName());
            assertEquals(16, info.maxEntries());
            assertTrue(info.memlock() > 0);
        }
    }

    static Map<Integer, Long> walk(BpfMap m, boolean[] batch) {
        Map<Integer, Long> seen = new HashMap<>();
        BpfMap.WalkMethod how = m.walk((k, ko, v, vo) -> seen.put(k.getInt(ko), v.getLong(vo)));
        batch[0] = how == BpfMap.WalkMethod.BATCH;
        return seen;
    }

    @Test
    void batchWalkSeesEveryEntryOfALargeHash(Scratch s) {
        int n = 100_000;
        try (BpfMap m = BpfMap.create(BpfMap.CreateOptions.of(MapType.HASH, 4, 8, n, 0, s.name("big")))) {
            ByteBuffer keys = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer values = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                keys.putInt(i * 7 + 3);
                values.putLong(i * 1000L);
            }
            assertEquals(n, m.updateBatch(keys.array(), values.array(), n, BpfMap.UPDATE_ANY));
            boolean[] batch = {false};
            Map<Integer, Long> seen = walk(m, batch);
            assertTrue(batch[0], "hash maps are read with MAP_LOOKUP_BATCH");
            assertEquals(n, seen.size());
            for (int i = 0; i < n; i += 997) assertEquals(i * 1000L, seen.get(i * 7 + 3));
            ByteBuffer half = ByteBuffer.allocate(4 * (n / 2)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n / 2; i++) half.putInt(i * 7 + 3);
            assertEquals(n / 2, m.deleteBatch(half.array(), n / 2));
            assertEquals(n - n / 2, walk(m, batch).size());
        }
    }

    @Test
    void aVisitorThatFailsStopsTheReadAheadThread(Scratch s) {
        int n = BpfMap.READ_AHEAD_MIN_ENTRIES * 4;
        try (BpfMap m = BpfMap.create(BpfMap.CreateOptions.of(MapType.HASH, 4, 8, n, 0, s.name("stop")))) {
            ByteBuffer keys = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) keys.putInt(i);
            assertEquals(n, m.updateBatch(keys.array(), new byte[8 * n], n, BpfMap.UPDATE_ANY));
            int[] seen = {0};
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.walk((k, ko, v, vo) -> {
                if (++seen[0] == 5000) throw new IllegalStateException("reader gone");
            }));
            assertEquals("reader gone", e.getMessage());
            assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("cil-map-walk")),
                    "the read-ahead thread ends with the walk");
            seen[0] = 0;
            m.walk((k, ko, v, vo) -> seen[0]++);
            assertEquals(n, seen[0], "a walk after a failed one sees every entry");
            seen[0] = 0;
            Thread.currentThread().interrupt();
            try {
                m.walk((k, ko, v, vo) -> seen[0]++);
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept");
            } finally {
                Thread.interrupted();
            }
            assertEquals(n, seen[0], "an interrupt does not cut a walk short (the visitor decides)");
        }
    }

    @Test
    void slotsWithoutAValueGoToMissing(Scratch s) {
        try (BpfMap m = BpfMap.create(BpfMap.CreateOptions.of(MapType.DEVMAP, 4, 4, 3, 0, s.name("dev")))) {
            List<Integer> missing = new ArrayList<>();
            int[] entries = {0};
            assertEquals(BpfMap.WalkMethod.NEXT_KEY, m.walk(new BpfMap.EntryVisitor() {
                @Override
                public void entry(ByteBuffer k, int ko, ByteBuffer v, int vo) { entries[0]++; }

                @Override
                public void missing(ByteBuffer k, int ko) { missing.add(k.getInt(ko)); }
            }));
            assertEquals(0, entries[0]);
            assertEquals(List.of(0, 1, 2), missing, "every empty slot, in order");
            int[] quiet = {0};
            m.walk((k, ko, v, vo) -> quiet[0]++);   // the default skips them
            assertEquals(0, quiet[0]);
        }
    }

    @Test
    void walksFallBackWhereBatchIsMissing(Scratch s) {
        try (BpfMap m = BpfMap.create(BpfMap.CreateOptions.of(MapType.LPM_TRIE, 8, 8, 16, 1, s.name("lpm")))) {
            for (int i = 0; i < 5; i++) {
                byte[] key = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(32).putInt(i).array();
                m.update(key, u64(i), BpfMap.UPDATE_ANY);
            }
            List<Long> values = new ArrayList<>();
            assertEquals(BpfMap.WalkMethod.NEXT_KEY, m.walk((k, ko, v, vo) -> values.add(v.getLong(vo))));
            assertEquals(5, values.size());
        }
    }

    @Test
    void perCpuValuesHaveOneSlotPerPossibleCpu(Scratch s) {
        try (BpfMap m = BpfMap.create(BpfMap.CreateOptions.of(MapType.PERCPU_ARRAY, 4, 12, 2, 0, s.name("pc")))) {
            int cpus = PossibleCpus.count();
            assertEquals(16 * cpus, m.valueBufferSize());
            byte[] v = new byte[16 * cpus];
            for (int c = 0; c < cpus; c++) v[c * 16] = (byte) (c + 1);
            m.update(u32(1), v, BpfMap.UPDATE_ANY);
            byte[] back = m.lookup(u32(1)).orElseThrow();
            for (int c = 0; c < cpus; c++) assertEquals(c + 1, back[c * 16]);
            int[] count = {0};
            assertEquals(BpfMap.WalkMethod.BATCH, m.walk((k, ko, val, vo) -> count[0]++));
            assertEquals(2, count[0], "an array lists every index");
        }
    }

    @Test
    void pinOpenAndKindChecks(Scratch s) {
        String pin = s.pin("pinned");
        try (BpfMap m = BpfMap.create(BpfMap.CreateOptions.of(MapType.ARRAY, 4, 4, 1, 0, s.name("pin")))) {
            m.pin(pin);
            try (BpfMap again = BpfMap.openPinned(pin); BpfMap byId = BpfMap.openById(m.id())) {
                assertEquals(m.id(), again.id());
                assertEquals(m.id(), byId.id());
            }
        }
        assertEquals("map", BpfObjects.pinnedKind(pin));
        WrongObjectTypeException e = assertThrows(WrongObjectTypeException.class, () -> BpfProgram.openPinned(pin));
        assertEquals("map", e.actual());
        assertThrows(NoSuchObjectException.class, () -> BpfMap.openPinned(s.pin("absent")));
        assertTrue(PinnedObjects.table(BpfObjects.Kind.MAP).values().stream().anyMatch(l -> l.contains(pin)));
    }

    @Test
    void idWalkIsAscendingAndIncludesNewMaps(Scratch s) {
        try (BpfMap m = BpfMap.create(BpfMap.CreateOptions.of(MapType.ARRAY, 4, 4, 1, 0, s.name("ids")))) {
            List<Integer> ids = BpfObjects.ids(BpfObjects.Kind.MAP);
            assertTrue(ids.contains(m.id().value()));
            for (int i = 1; i < ids.size(); i++) assertTrue(Integer.compareUnsigned(ids.get(i - 1), ids.get(i)) < 0);
        }
    }
}
