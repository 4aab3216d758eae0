package dev.cil.bpf.insn;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** libbpf's line_info search (bpf_prog_linfo__lfind) and its check against the JIT symbols. */
class LineTableTest {
    /** Records of (insn_off, file, line, line_col). */
    static byte[] lines(int... fields) {
        ByteBuffer b = ByteBuffer.allocate(fields.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int f : fields) b.putInt(f);
        return b.array();
    }

    static byte[] u64s(long... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) b.putLong(x);
        return b.array();
    }

    static final byte[] THREE = lines(0, 1, 10, (21 << 10) | 3, 1, 1, 20, 23 << 10, 5, 1, 30, (24 << 10) | 8);

    @Test
    void fieldsAndSearch() {
        LineTable t = LineTable.of(THREE, 16, new byte[0], 0, new long[0], new int[0]);
        assertNotNull(t);
        assertEquals(3, t.size());
        assertEquals(21, t.get(0).lineNum());
        assertEquals(3, t.get(0).column());
        assertSame(t.get(0), t.find(0, 0));
        assertSame(t.get(1), t.find(1, 1));
        assertSame(t.get(1), t.find(4, 1), "the last record at or before the instruction");
        assertSame(t.get(1), t.find(4, 0));
        assertNull(t.find(4, 2), "record 2 starts after instruction 4");
        assertSame(t.get(2), t.find(99, 2));
        assertNull(t.find(99, 3), "past the end");
    }

    @Test
    void sharedOffsetsAreShownAgainOnTheNextInstruction() {
        // two records at instruction 2: the search from record 1 returns record 2 at instructions 2
        // and 3 (bpftool then shows that line twice), as libbpf's search is meant to be used
        LineTable t = LineTable.of(lines(0, 0, 1, 0, 2, 0, 2, 0, 2, 0, 3, 0, 9, 0, 4, 0), 16, new byte[0], 0, new long[0], new int[0]);
        assertSame(t.get(2), t.find(2, 1));
        assertSame(t.get(2), t.find(3, 2));
    }

    @Test
    void recordsMustHoldAnOffset() {
        assertNull(LineTable.of(THREE, 3, new byte[0], 0, new long[0], new int[0]));
        assertNull(LineTable.of(new byte[0], 16, new byte[0], 0, new long[0], new int[0]));
        LineTable shortRecords = LineTable.of(lines(0, 1, 2, 3), 8, new byte[0], 0, new long[0], new int[0]);
        assertEquals(0, shortRecords.get(0).lineOff(), "fields past the record size read as 0");
    }

    @Test
    void jitAddressesMustMatchTheFunctions() {
        long f0 = 0xffffffffa0000000L, f1 = 0xffffffffa0000100L;
        long[] ksyms = {f0, f1};
        int[] lens = {0x80, 0x40};
        byte[] ok = u64s(f0, f0 + 8, f1);
        assertNotNull(LineTable.of(THREE, 16, ok, 8, ksyms, lens));
        assertNull(LineTable.of(THREE, 16, u64s(f0 + 1, f0 + 8, f1), 8, ksyms, lens), "first line is not the first function");
        assertNull(LineTable.of(THREE, 16, u64s(f0, f0, f1), 8, ksyms, lens), "addresses must grow within a function");
        assertNull(LineTable.of(THREE, 16, u64s(f0, f0 + 0x90, f1), 8, ksyms, lens), "a line past the function's length");
        assertNull(LineTable.of(THREE, 16, u64s(f0, f0 + 8, f0 + 9), 8, ksyms, lens), "the second function never starts");
        assertNotNull(LineTable.of(THREE, 16, u64s(f0, f0 + 8), 8, ksyms, lens), "a count mismatch skips the check");
    }
}
