package dev.cil.btf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** .BTF.ext of the fixtures against llvm-readelf's symbols and the C sources. */
class BtfExtTest {
    @TempDir
    Path tmp;

    private BtfSpec btf(Path obj) {
        return BtfSpec.parse(TestTools.elfSection(obj, ".BTF", tmp));
    }

    private BtfExt ext(Path obj, BtfSpec btf) {
        return BtfExt.parse(TestTools.elfSection(obj, ".BTF.ext", tmp), btf);
    }

    /** Every func_info names the FUNC symbol at that offset of that section, and every FUNC symbol has one. */
    @Test
    void funcInfoMatchesSymbols() {
        for (Path obj : TestTools.fixtures()) {
            BtfSpec btf = btf(obj);
            BtfExt ext = ext(obj, btf);
            Map<String, String> secNames = new HashMap<>();
            for (TestTools.ElfSec s : TestTools.readelfSections(obj)) secNames.put(Integer.toString(s.index()), s.name());
            Map<String, Map<Long, String>> expected = new TreeMap<>();
            for (TestTools.ElfSym s : TestTools.readelfSymbols(obj))
                if (s.type().equals("FUNC")) expected.computeIfAbsent(secNames.get(s.ndx()), k -> new TreeMap<>()).put(s.value(), s.name());
            Map<String, Map<Long, String>> actual = new TreeMap<>();
            ext.funcInfos().forEach((sec, infos) -> {
                for (BtfExt.FuncInfo fi : infos) {
                    BtfType t = btf.type(fi.typeId());
                    assertTrue(t instanceof BtfType.Func, obj + ": func_info type " + t);
                    actual.computeIfAbsent(sec, k -> new TreeMap<>()).put((long) fi.insnOff(), btf.name(t));
                }
            });
            assertEquals(expected, actual, obj.getFileName() + ": func_info");
            assertEquals(8, ext.funcInfoRecSize());
        }
    }

    /** Every line_info points at a line of the fixture's C source whose text it records. */
    @Test
    void lineInfoMatchesSources() throws Exception {
        Path srcDir = Path.of("src/test/c");
        for (Path obj : TestTools.fixtures()) {
            String base = obj.getFileName().toString().replace(".o", ".c");
            List<String> lines = Files.readAllLines(srcDir.resolve(base));
            BtfSpec btf = btf(obj);
            BtfExt ext = ext(obj, btf);
            int n = 0;
            for (List<BtfExt.LineInfo> infos : ext.lineInfos().values()) {
                for (BtfExt.LineInfo li : infos) {
                    assertTrue(li.fileName().endsWith(base), li.fileName());
                    if (li.lineNumber() == 0) {   // compiler-generated code has no source line
                        assertEquals("", li.line());
                        continue;
                    }
                    assertTrue(li.lineNumber() >= 1 && li.lineNumber() <= lines.size(), li.toString());
                    assertEquals(lines.get(li.lineNumber() - 1), li.line(), obj.getFileName() + " line " + li.lineNumber());
                    assertTrue(li.column() >= 0 && li.column() <= lines.get(li.lineNumber() - 1).length() + 1, li.toString());
                    n++;
                }
            }
            assertTrue(n > 0, obj + ": no line info");
            assertEquals(16, ext.lineInfoRecSize());
        }
    }

    /** core.c's relocations, counted per kind from its source. */
    @Test
    void coreRelocationsMatchTheSource() {
        Path obj = TestTools.fixture("core");
        BtfSpec btf = btf(obj);
        BtfExt ext = ext(obj, btf);
        Map<String, Integer> kprobe = new TreeMap<>();
        for (BtfExt.CoreRelo r : ext.coreRelos("kprobe/do_nanosleep")) kprobe.merge(r.knownKind().name(), 1, Integer::sum);
        assertEquals(Map.of("FIELD_BYTE_OFFSET", 2, "FIELD_EXISTS", 2, "FIELD_BYTE_SIZE", 1, "TYPE_EXISTS", 3, "TYPE_SIZE", 1,
                "TYPE_ID_TARGET", 1, "TYPE_ID_LOCAL", 1, "ENUMVAL_EXISTS", 1, "ENUMVAL_VALUE", 1), kprobe);
        Map<String, Integer> bitfield = new TreeMap<>();
        for (BtfExt.CoreRelo r : ext.coreRelos("kprobe/kfree_skb_reason")) bitfield.merge(r.knownKind().name(), 1, Integer::sum);
        assertEquals(Map.of("FIELD_BYTE_OFFSET", 2, "FIELD_BYTE_SIZE", 1, "FIELD_LSHIFT_U64", 1, "FIELD_RSHIFT_U64", 2, "FIELD_SIGNED", 1), bitfield);   // the macro has two right shifts, signed and unsigned
        for (BtfExt.CoreRelo r : ext.coreRelos("kprobe/do_nanosleep")) {
            String local = btf.name(btf.type(r.typeId()));
            if (r.knownKind() == BtfExt.CoreReloKind.ENUMVAL_VALUE) {
                assertEquals("pid_type", local);
                assertEquals("3", r.accessString());   // PIDTYPE_SID is enumerator #3
            }
            if (r.knownKind() == BtfExt.CoreReloKind.FIELD_BYTE_SIZE) {
                assertEquals("task_struct", local);
                assertEquals("0:0", r.accessString());   // t->pid: member #0
            }
        }
        assertTrue(ext.coreRelos().keySet().stream().noneMatch(s -> s.startsWith(".text")));
        assertFalse(ext.coreRelos("tc").iterator().hasNext());
    }

    @Test
    void malformedExtIsABtfException() {
        Path obj = TestTools.fixture("subprog");
        BtfSpec btf = btf(obj);
        byte[] good = TestTools.elfSection(obj, ".BTF.ext", tmp);
        BtfExt.parse(good, btf);
        for (int cut = 0; cut < good.length; cut += 3) {
            byte[] b = java.util.Arrays.copyOf(good, cut);
            assertThrows(BtfException.class, () -> BtfExt.parse(b, btf), "truncated at " + cut);
        }
        byte[] huge = good.clone();
        int funcOff = java.nio.ByteBuffer.wrap(huge).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(8);
        int hdr = java.nio.ByteBuffer.wrap(huge).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(4);
        java.nio.ByteBuffer.wrap(huge).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(hdr + funcOff + 8, 0x7fffffff);   // num_info of the first section
        BtfException e = assertThrows(BtfException.class, () -> BtfExt.parse(huge, btf));
        assertTrue(e.getMessage().contains("claims"), e.getMessage());
    }
}
