package dev.cil.bpf;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TypesTest {
    @Test
    void kernelNumbersAndBpftoolNames() {
        assertEquals("percpu_hash", MapType.nameOf(5));
        assertEquals("lpm_trie", MapType.nameOf(11));
        assertEquals("ringbuf", MapType.nameOf(27));
        assertEquals("sched_cls", ProgramType.nameOf(3));
        assertEquals("xdp", ProgramType.nameOf(6));
        assertEquals("tcx", LinkType.nameOf(11));
        assertEquals("tcx_ingress", AttachType.nameOf(46));
        assertEquals("netkit_peer", AttachType.nameOf(55));
        assertSame(MapType.PROG_ARRAY, MapType.byName("prog_array"));
    }

    @Test
    void unknownNumbersPrintAsTypeN() {
        assertNull(MapType.of(200));
        assertEquals("type 200", MapType.nameOf(200));
        assertEquals("type 4294967295", ProgramType.nameOf(-1));
        assertEquals("type 99", LinkType.nameOf(99));
    }

    @Test
    void enumsCoverTheKernelsNumbering() {
        for (MapType t : MapType.values()) assertEquals(t.ordinal(), t.number());
        assertEquals(34, MapType.values().length);
        assertEquals(33, ProgramType.values().length);
        assertEquals(58, AttachType.values().length);
        assertEquals(15, LinkType.values().length);
        assertTrue(MapType.LRU_PERCPU_HASH.perCpu());
    }

    @Test
    void possibleCpuRanges() {
        assertEquals(2, PossibleCpus.parse("0-1\n"));
        assertEquals(1, PossibleCpus.parse("0"));
        assertEquals(8, PossibleCpus.parse("0-3,6-7"));
    }

    @Test
    void btfNameLookupIsBoundsChecked() {
        assertNull(BtfNames.funcName(new byte[0], 1));
        assertNull(BtfNames.funcName(new byte[] {(byte) 0x9f, (byte) 0xeb, 1, 0, 24, 0, 0, 0, 0, 0, 0, 0, 100, 0, 0, 0}, 1));
    }
}
