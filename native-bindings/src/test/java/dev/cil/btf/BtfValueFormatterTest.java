package dev.cil.btf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pretty writer's layout and the formatter's corner cases on hand-built BTF (the kernel IT covers the rest). */
class BtfValueFormatterTest {
    private static BtfSpec stats() {
        BtfSpec.Builder b = BtfSpec.builder(null);
        int u32 = b.add(new BtfType.Int(b.addString("unsigned int"), 4, 0, 0, 32));
        int u64 = b.add(new BtfType.Int(b.addString("long long unsigned int"), 8, 0, 0, 64));
        b.add(new BtfType.Struct(b.addString("fp_stats"), 16, false, List.of(
                new BtfType.Member(b.addString("packets"), u64, 0, 0), new BtfType.Member(b.addString("bytes"), u64, 64, 0))));
        int f32 = b.add(new BtfType.Float(b.addString("float"), 4));
        int f64 = b.add(new BtfType.Float(b.addString("double"), 8));
        b.add(new BtfType.Enum64(b.addString("big"), 8, false, List.of(new BtfType.Enum64Value(b.addString("HUGE"), 1L << 40))));
        int proto = b.add(new BtfType.FuncProto(0, u32, List.of()));
        b.add(new BtfType.Func(b.addString("f"), proto, 0));
        b.add(new BtfType.Struct(b.addString("mixed"), 16, false, List.of(
                new BtfType.Member(b.addString("a"), u32, 0, 0), new BtfType.Member(b.addString("fn"), proto, 32, 0),
                new BtfType.Member(b.addString("b"), u32, 64, 0))));
        b.add(new BtfType.Struct(b.addString("flt"), 16, false, List.of(
                new BtfType.Member(b.addString("x"), f32, 0, 0), new BtfType.Member(b.addString("y"), f64, 64, 0))));
        return b.build();
    }

    private static byte[] le(long... words) {
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(8 * words.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long w : words) bb.putLong(w);
        return bb.array();
    }

    /** formats.md 3.2: bpftool's plain-text dump of a map with BTF. */
    @Test
    void prettyLayoutIsBpftools() {
        BtfSpec s = stats();
        BtfValueFormatter f = new BtfValueFormatter(s, true);
        StringBuilder sb = new StringBuilder();
        BpftoolJsonWriter w = BpftoolJsonWriter.pretty(sb);
        w.beginArray();
        f.entry(1, new byte[] {4, 0, 0, 0}, 3, le(2, 140), w);
        f.entry(1, new byte[] {3, 0, 0, 0}, 3, le(22, 1692), w);
        w.endArray();
        assertEquals("[{\n        \"key\": 4,\n        \"value\": {\n            \"packets\": 2,\n            \"bytes\": 140\n        }\n"
                + "    },{\n        \"key\": 3,\n        \"value\": {\n            \"packets\": 22,\n            \"bytes\": 1692\n        }\n    }\n]", sb.toString());
        StringBuilder c = new StringBuilder();
        BpftoolJsonWriter cw = BpftoolJsonWriter.compact(c);
        new BtfValueFormatter(s, false).perCpuEntry(1, new byte[] {7, 0, 0, 0}, 1, List.of(new byte[] {5, 0, 0, 0}, new byte[] {6, 0, 0, 0}), cw);
        assertEquals("{\"key\":7,\"values\":[{\"cpu\":0,\"value\":5},{\"cpu\":1,\"value\":6}]}", c.toString());
    }

    private static String json(BtfSpec s, int type, byte[] data) {
        StringBuilder sb = new StringBuilder();
        new BtfValueFormatter(s, false).format(type, data, 0, BpftoolJsonWriter.compact(sb));
        return sb.toString();
    }

    @Test
    void cornerCases() {
        BtfSpec s = stats();
        int big = s.typeIdByName("big", BtfType.Kind.ENUM64).getAsInt();
        assertEquals("\"HUGE\"", json(s, big, le(1L << 40)));
        assertEquals("-1", json(s, big, le(-1)));   // bpftool prints unmatched enum64 values signed
        int flt = s.typeIdByName("flt", BtfType.Kind.STRUCT).getAsInt();
        byte[] fd = le(Float.floatToIntBits(1.5f) & 0xffffffffL, Double.doubleToLongBits(-2.25));
        assertEquals("{\"x\":1.5,\"y\":-2.25}", json(s, flt, fd));
        int mixed = s.typeIdByName("mixed", BtfType.Kind.STRUCT).getAsInt();
        StringBuilder sb = new StringBuilder();
        boolean ok = new BtfValueFormatter(s, false).format(mixed, le(1, 2), 0, BpftoolJsonWriter.compact(sb));
        assertFalse(ok);
        assertEquals("{\"a\":1,\"fn\":(unsupported-kind}", sb.toString());   // bpftool stops the struct there
        assertEquals("(unknown)", json(s, 0, new byte[0]));
        BtfException e = assertThrows(BtfException.class, () -> json(s, 3, new byte[15]));
        assertTrue(e.getMessage().contains("needs 16 bytes"), e.getMessage());
    }

    @Test
    void zeroSizedArraysCannotExplode() {
        BtfSpec.Builder b = BtfSpec.builder(null);
        int u32 = b.add(new BtfType.Int(b.addString("unsigned int"), 4, 0, 0, 32));
        int empty = b.add(new BtfType.Struct(b.addString("empty"), 0, false, List.of()));
        int arr = b.add(new BtfType.Array(0, empty, u32, Integer.MAX_VALUE));
        int arr2 = b.add(new BtfType.Array(0, arr, u32, Integer.MAX_VALUE));
        BtfSpec s = b.build();
        assertThrows(BtfException.class, () -> json(s, arr2, new byte[8]));
    }
}
