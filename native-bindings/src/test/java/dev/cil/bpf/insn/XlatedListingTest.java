package dev.cil.bpf.insn;

import dev.cil.btf.BtfSpec;
import dev.cil.btf.BtfType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

import static dev.cil.bpf.insn.Asm.exit;
import static dev.cil.bpf.insn.Asm.insn;
import static dev.cil.bpf.insn.Asm.ldImm64;
import static dev.cil.bpf.insn.Asm.mov64;
import static dev.cil.bpf.insn.Asm.prog;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The listing model: headers, source lines and instructions placed as bpftool places them. */
class XlatedListingTest {
    static byte[] ints(int... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) b.putInt(x);
        return b.array();
    }

    @Test
    void headersLinesAndWideLoads() {
        BtfSpec.Builder b = BtfSpec.builder(null);
        int intT = b.add(new BtfType.Int(b.addString("int"), 4, BtfType.Int.SIGNED, 0, 32));
        int main = b.add(new BtfType.Func(b.addString("main"),
                b.add(new BtfType.FuncProto(0, intT, List.of())), BtfType.Func.GLOBAL));
        int sub = b.add(new BtfType.Func(b.addString("sub"),
                b.add(new BtfType.FuncProto(0, intT, List.of(new BtfType.Param(b.addString("x"), intT)))), BtfType.Func.STATIC));
        int file = b.addString("/src/prog.c");
        int l1 = b.addString("int main() {"), l2 = b.addString("\t  return sub(1);"), l3 = b.addString("int sub(int x) { return x; }");
        BtfSpec btf = b.build();
        byte[] insns = prog(
                mov64(1, 1),                          // 0
                ldImm64(2, 1, 42, 0),                 // 1, 2
                insn(0x85, 0, 1, 1, 1),               // 3: call pc+1
                exit(),                               // 4
                insn(0xbf, 0, 1, 0, 0),               // 5: sub
                exit());                              // 6
        byte[] funcs = ints(0, main, 5, sub);
        byte[] lines = ints(0, file, l1, (1 << 10) | 1, 1, file, l2, (2 << 10) | 3, 1, file, l2, (2 << 10) | 10,
                5, file, l3, 3 << 10, 99, 99999, 99999, 0);
        LineTable table = LineTable.of(lines, 16, new byte[0], 0, new long[0], new int[0]);
        XlatedListing l = XlatedListing.build(insns, btf, funcs, 8, table, InsnPrinterTest.NAMES);
        List<XlatedListing.Entry> e = l.entries();
        assertEquals(6, e.size(), "the second half of the wide load is not an entry");
        assertEquals(List.of(0, 1, 3, 4, 5, 6), e.stream().map(XlatedListing.Entry::index).toList());
        assertEquals("int main()", e.get(0).proto());
        assertEquals("int sub(int x)", e.get(4).proto());
        assertNull(e.get(1).proto());
        assertEquals(new XlatedListing.Source("int main() {", "/src/prog.c", 1, 1), e.get(0).source());
        assertEquals(new XlatedListing.Source("return sub(1);", "/src/prog.c", 2, 10), e.get(1).source(),
                "two records at instruction 1: the last one, leading blanks removed");
        assertEquals(new XlatedListing.Source("return sub(1);", "/src/prog.c", 2, 10), e.get(2).source(),
                "and again on the next instruction, as libbpf's search with bpftool's skip count gives it");
        assertNull(e.get(3).source());
        assertEquals("int sub(int x) { return x; }", e.get(4).source().line());
        assertNull(e.get(5).source());
        assertEquals("(18) r2 = map[id:42]", e.get(1).text());
        assertEquals(16, e.get(1).bytes().length);
        assertArrayEquals(ldImm64(2, 1, 42, 0), e.get(1).bytes());
        assertEquals("(85) call pc+1#bpf_prog_0123456789abcdef_sub", e.get(2).text());
        assertEquals(8, e.get(2).bytes().length);
    }

    @Test
    void withoutBtfThereAreNoHeadersOrLines() {
        byte[] insns = prog(mov64(0, 0), exit());
        LineTable table = LineTable.of(ints(0, 1, 1, 0), 16, new byte[0], 0, new long[0], new int[0]);
        XlatedListing l = XlatedListing.build(insns, null, ints(0, 1), 8, table, InsnPrinter.NO_SYMBOLS);
        assertNull(l.entries().get(0).proto());
        assertNull(l.entries().get(0).source());
        assertEquals("(b7) r0 = 0", l.entries().get(0).text());
        assertEquals("(95) exit", l.entries().get(1).text());
    }

    @Test
    void aTrailingWideLoadAndPartialInstructions() {
        byte[] insns = prog(mov64(0, 0), insn(0x18, 1, 0, 0, 7), new byte[] {1, 2, 3});
        XlatedListing l = XlatedListing.build(insns, null, new byte[0], 8, null, InsnPrinter.NO_SYMBOLS);
        assertEquals(2, l.entries().size(), "the 3 bytes after the last whole instruction are ignored");
        assertEquals("(18) r1 = 0x7", l.entries().get(1).text());
        assertEquals(8, l.entries().get(1).bytes().length);
    }

    @Test
    void randomProgramsAndMetadataNeverThrow() {
        BtfSpec.Builder b = BtfSpec.builder(null);
        int intT = b.add(new BtfType.Int(b.addString("int"), 4, BtfType.Int.SIGNED, 0, 32));
        b.add(new BtfType.Func(b.addString("f"), b.add(new BtfType.FuncProto(0, intT, List.of())), BtfType.Func.GLOBAL));
        b.addString("a line");
        BtfSpec btf = b.build();
        Random r = new Random(5);
        for (int round = 0; round < 3000; round++) {
            byte[] insns = new byte[r.nextInt(400)];
            r.nextBytes(insns);
            byte[] funcs = new byte[r.nextInt(64)];
            r.nextBytes(funcs);
            if (r.nextBoolean()) for (int i = 0; i + 4 <= funcs.length; i += 8) funcs[i] = (byte) r.nextInt(8);
            byte[] lines = new byte[r.nextInt(128)];
            r.nextBytes(lines);
            if (r.nextBoolean()) for (int i = 0; i + 16 <= lines.length; i += 16) { lines[i] = (byte) r.nextInt(50); lines[i + 1] = 0; lines[i + 2] = 0; lines[i + 3] = 0; }
            LineTable t = LineTable.of(lines, r.nextInt(20), new byte[0], 0, new long[0], new int[0]);
            XlatedListing l = XlatedListing.build(insns, r.nextBoolean() ? btf : null, funcs, r.nextInt(12), t,
                    new XlatedSymbols(id -> null, KernelSymbols::empty, new long[r.nextInt(3)]));
            for (XlatedListing.Entry e : l.entries()) assertEquals(e.wide() && e.index() + 1 < insns.length / 8 ? 16 : 8, e.bytes().length);
        }
    }
}
