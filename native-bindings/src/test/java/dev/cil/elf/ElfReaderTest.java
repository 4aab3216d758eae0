package dev.cil.elf;

import dev.cil.btf.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ElfReader against llvm-readelf / llvm-objcopy for every fixture, and its checks on broken headers. */
class ElfReaderTest {
    @TempDir
    Path tmp;

    private static final Map<Integer, String> TYPES = Map.of(0, "NULL", 1, "PROGBITS", 2, "SYMTAB", 3, "STRTAB", 8, "NOBITS", 9, "REL",
            0x6fff4c03, "LLVM_ADDRSIG");

    @Test
    void sectionsSymbolsAndContentsMatchLlvm() throws Exception {
        for (Path obj : TestTools.fixtures()) {
            ElfReader elf = ElfReader.read(obj);
            List<TestTools.ElfSec> expected = TestTools.readelfSections(obj);
            assertEquals(expected.size(), elf.sections().size(), obj + ": section count");
            for (TestTools.ElfSec e : expected) {
                ElfReader.Section s = elf.section(e.index());
                assertEquals(e.name(), s.name(), obj + " section " + e.index());
                assertEquals(e.type(), TYPES.get(s.type()), obj + " " + s.name() + " type");
                assertEquals(e.offset(), s.offset(), s.name());
                assertEquals(e.size(), s.size(), s.name());
                assertEquals(e.entsize(), s.entsize(), s.name());
                assertEquals(e.link(), s.link(), s.name());
                assertEquals(e.info(), s.info(), s.name());
                assertEquals(e.flags().contains("X"), s.isExecutable(), s.name());
                if (s.type() == ElfReader.SHT_PROGBITS && s.size() > 0 && !s.name().isEmpty())
                    assertArrayEquals(TestTools.elfSection(obj, s.name(), tmp), elf.contents(s), obj + " " + s.name() + " contents");
            }
            List<TestTools.ElfSym> syms = TestTools.readelfSymbols(obj);
            assertEquals(syms.size(), elf.symbols().size(), obj + ": symbol count");
            for (TestTools.ElfSym e : syms) {
                ElfReader.Symbol s = elf.symbol(e.num());
                // llvm-readelf shows a section symbol by its section's name
                String name = s.type() == ElfReader.STT_SECTION && s.name().isEmpty() ? elf.section(s.shndx()).name() : s.name();
                assertEquals(e.name(), name, obj + " symbol " + e.num());
                assertEquals(e.value(), s.value(), e.name());
                assertEquals(e.size(), s.size(), e.name());
                assertEquals(e.type(), List.of("NOTYPE", "OBJECT", "FUNC", "SECTION", "FILE").get(s.type()), e.name());
                assertEquals(e.bind(), List.of("LOCAL", "GLOBAL", "WEAK").get(s.bind()), e.name());
                String ndx = s.shndx() == 0 ? "UND" : s.shndx() == ElfReader.SHN_ABS ? "ABS" : Integer.toString(s.shndx());
                assertEquals(e.ndx(), ndx, e.name());
            }
        }
    }

    /** llvm-readelf -r: offset, symbol index and relocation type of every entry. */
    @Test
    void relocationsMatchLlvm() {
        for (Path obj : TestTools.fixtures()) {
            ElfReader elf = ElfReader.read(obj);
            List<String> expected = new ArrayList<>();
            for (String line : TestTools.runOk("llvm-readelf", "-r", "--wide", obj.toString()).out().split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 3 && f[0].matches("[0-9a-f]{16}") && f[1].matches("[0-9a-f]{16}"))
                    expected.add(Long.parseLong(f[0], 16) + " " + (Long.parseUnsignedLong(f[1], 16) >>> 32) + " " + (Long.parseUnsignedLong(f[1], 16) & 0xffffffffL));
            }
            List<String> actual = new ArrayList<>();
            for (ElfReader.Section s : elf.sections()) {
                if (s.type() != ElfReader.SHT_REL) continue;
                for (ElfReader.Rel r : elf.relocations(s)) actual.add(r.offset() + " " + r.symbol() + " " + r.type());
            }
            assertEquals(expected, actual, obj.getFileName() + ": relocations");
            assertTrue(actual.size() > 0);
        }
    }

    private static byte[] fixture() throws Exception {
        return Files.readAllBytes(TestTools.fixture("subprog"));
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void bad(byte[] b, String fragment) {
        ElfException e = assertThrows(ElfException.class, () -> ElfReader.parse(b));
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' lacks '" + fragment + "'");
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void brokenHeaders() throws Exception {
        bad(new byte[10], "not an ELF file");
        byte[] b = fixture();
        b[1] = 'X';
        bad(b, "bad magic");
        b = fixture();
        b[4] = 1;
        bad(b, "64-bit");
        b = fixture();
        b[5] = 2;
        bad(b, "big-endian");
        b = fixture();
        le(b).putShort(18, (short) 62);
        bad(b, "EM_BPF");
        b = fixture();
        le(b).putShort(16, (short) 2);
        bad(b, "ET_REL");
        b = fixture();
        le(b).putShort(60, (short) 0x7fff);
        bad(b, "does not fit");
        b = fixture();
        le(b).putShort(62, (short) 500);
        bad(b, "section name table index");
        b = fixture();
        le(b).putLong(40, 1L << 40);
        bad(b, "outside the file");
        b = fixture();
        long shoff = le(b).getLong(40);
        le(b).putLong((int) shoff + 64 * 2 + 24, 1L << 40);   // offset of section 2 (.text)
        bad(b, "outside the file");
        b = Arrays.copyOf(fixture(), fixture().length - 100);   // cuts the section header table
        bad(b, "does not fit");
    }

    @Test
    void brokenRelocations() throws Exception {
        byte[] b = fixture();
        ElfReader elf = ElfReader.parse(b);
        ElfReader.Section rel = elf.section(".reltc").orElseThrow();
        le(b).putLong((int) rel.offset(), 1L << 20);   // first relocation far beyond its section
        ElfException e = assertThrows(ElfException.class, () -> ElfReader.parse(b).relocations(rel));
        assertTrue(e.getMessage().contains("outside section tc"), e.getMessage());
        byte[] c = fixture();
        le(c).putInt((int) rel.offset() + 12, 100000);   // symbol index
        e = assertThrows(ElfException.class, () -> ElfReader.parse(c).relocations(rel));
        assertTrue(e.getMessage().contains("symbol 100000"), e.getMessage());
    }
}
