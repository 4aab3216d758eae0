package dev.cil.bpf.insn;

import dev.cil.btf.BtfSpec;
import dev.cil.btf.BtfType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Helper names from {@code enum bpf_func_id}: through the BTF model and through the header-only scan. */
class HelperNamesTest {
    static BtfSpec btf() {
        BtfSpec.Builder b = BtfSpec.builder(null);
        int intT = b.add(new BtfType.Int(b.addString("int"), 4, BtfType.Int.SIGNED, 0, 32));
        b.add(new BtfType.Struct(b.addString("s"), 4, false, List.of(new BtfType.Member(b.addString("m"), intT, 0, 0))));
        b.add(new BtfType.Enum(b.addString("other"), 4, false, List.of(new BtfType.EnumValue(b.addString("BPF_FUNC_fake"), 3))));
        b.add(new BtfType.Enum(b.addString("bpf_func_id"), 4, false, List.of(
                new BtfType.EnumValue(b.addString("BPF_FUNC_unspec"), 0),
                new BtfType.EnumValue(b.addString("BPF_FUNC_map_lookup_elem"), 1),
                new BtfType.EnumValue(b.addString("BPF_FUNC_tail_call"), 12),
                new BtfType.EnumValue(b.addString("__BPF_FUNC_MAX_ID"), 13),
                new BtfType.EnumValue(b.addString("BPF_FUNC_after_max"), 14))));
        return b.build();
    }

    @Test
    void namesByIdBothWays() {
        BtfSpec btf = btf();
        for (HelperNames h : List.of(HelperNames.fromBtf(btf), HelperNames.scan(btf.bytes()))) {
            assertEquals("bpf_unspec", h.name(0));
            assertEquals("bpf_map_lookup_elem", h.name(1));
            assertEquals("bpf_tail_call", h.name(12));
            assertNull(h.name(3), "from another enum");
            assertNull(h.name(2));
            assertNull(h.name(14), "at or past __BPF_FUNC_MAX_ID");
            assertNull(h.name(-1));
            assertEquals(13, h.size());
        }
    }

    @Test
    void noEnumOrBadBlobMeansNoNames() {
        BtfSpec.Builder b = BtfSpec.builder(null);
        b.add(new BtfType.Int(b.addString("int"), 4, BtfType.Int.SIGNED, 0, 32));
        assertEquals(0, HelperNames.fromBtf(b.build()).size());
        assertEquals(0, HelperNames.scan(b.build().bytes()).size());
        assertEquals(0, HelperNames.scan(new byte[3]).size());
        byte[] blob = btf().bytes();
        Random r = new Random(3);
        for (int i = 0; i < 5000; i++) {
            byte[] m = blob.clone();
            for (int k = 0; k < 1 + r.nextInt(4); k++) m[r.nextInt(m.length)] = (byte) r.nextInt();
            HelperNames.scan(m);   // never throws
        }
    }
}
