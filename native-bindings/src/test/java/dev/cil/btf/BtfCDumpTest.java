package dev.cil.btf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.cil.btf.TestTools.assertSameText;
import static dev.cil.btf.TestTools.fixtures;
import static dev.cil.btf.TestTools.run;
import static dev.cil.btf.TestTools.runOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The C header against bpftool's ({@code format c}) and against clang. */
class BtfCDumpTest {
    @TempDir
    Path tmp;

    /**
     * Compiles the header with clang, plus static assertions that every uniquely named struct or
     * union has the recorded size and every named non-bitfield member the recorded offset.
     */
    private void assertCompiles(String header, BtfSpec spec, String what) throws Exception {
        Path h = tmp.resolve("vmlinux.h");
        Files.writeString(h, header, StandardCharsets.UTF_8);
        Path c = tmp.resolve("use.c");
        StringBuilder asserts = new StringBuilder("#include \"vmlinux.h\"\nint cil_probe(void *ctx) { return 0; }\n");
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int id = 1; id < spec.typeCount(); id++) {
            BtfType t = spec.type(id);
            boolean tagged = t instanceof BtfType.Composite || t instanceof BtfType.Enum || t instanceof BtfType.Enum64;
            if (tagged && t.nameOff() != 0) seen.merge(spec.name(t), 1, Integer::sum);
        }
        int n = 0;
        for (int id = 1; id < spec.typeCount(); id++) {
            if (!(spec.type(id) instanceof BtfType.Composite) || spec.type(id).nameOff() == 0) continue;
            BtfType.Composite t = (BtfType.Composite) spec.type(id);
            String name = spec.name(t);
            if (seen.get(name) != 1 || embedsVaList(spec, id, new java.util.HashSet<>())) continue;
            String tag = (t.kind() == BtfType.Kind.STRUCT ? "struct " : "union ") + name;
            asserts.append("_Static_assert(sizeof(").append(tag).append(") == ").append(Integer.toUnsignedLong(t.size())).append(", \"size of ").append(tag).append("\");\n");
            for (BtfType.Member m : t.members()) {
                if (m.nameOff() == 0 || m.bitfieldSize() != 0 || m.bitsOffset() % 8 != 0) continue;
                BtfType mt = spec.type(spec.resolve(m.type()));
                if (mt instanceof BtfType.Int && ((BtfType.Int) mt).bits() % 8 != 0) continue;
                asserts.append("_Static_assert(__builtin_offsetof(").append(tag).append(", ").append(spec.string(m.nameOff()))
                        .append(") == ").append(m.bitsOffset() / 8).append(", \"offset of ").append(tag).append('.').append(spec.string(m.nameOff())).append("\");\n");
            }
            n++;
        }
        Files.writeString(c, asserts);
        TestTools.Result r = run("clang", "-O2", "-g", "-target", "bpf", "-c", c.toString(), "-o", tmp.resolve("use.o").toString());
        if (r.exit() != 0) throw new AssertionError(what + " does not compile: " + r.stderr().lines().limit(10).toList());
        assertTrue(n > 0 || what.contains("legacy"), what + ": no layout assertions");
    }

    /** __builtin_va_list is a compiler built-in whose size differs between x86 (24) and BPF (8): skip such types. */
    private static boolean embedsVaList(BtfSpec spec, int id, java.util.Set<Integer> seen) {
        if (!seen.add(id)) return false;
        BtfType t = spec.type(id);
        if (t instanceof BtfType.Typedef && "__builtin_va_list".equals(spec.name(t))) return true;
        if (t instanceof BtfType.Modifier || t instanceof BtfType.Typedef) return embedsVaList(spec, ((BtfType.Ref) t).type(), seen);
        if (t instanceof BtfType.Array) return embedsVaList(spec, ((BtfType.Array) t).type(), seen);
        if (t instanceof BtfType.Composite)
            for (BtfType.Member m : ((BtfType.Composite) t).members()) if (embedsVaList(spec, m.type(), seen)) return true;
        return false;
    }

    @Test
    void vmlinuxHeaderEqualsBpftoolAndCompiles() throws Exception {
        BtfSpec spec = BtfSpec.vmlinux();
        long t0 = System.nanoTime();
        String peerStyle = BtfCDump.dump(spec, BtfCDump.Style.BPFTOOL_7_1);
        System.out.printf("vmlinux C dump: %.1f ms, %d bytes%n", (System.nanoTime() - t0) / 1e6, peerStyle.length());
        String peer = runOk("bpftool", "btf", "dump", "file", BtfSpec.VMLINUX.toString(), "format", "c").out();
        assertSameText(peer, peerStyle, "bpftool btf dump file vmlinux format c");
        assertCompiles(BtfCDump.dump(spec, BtfCDump.Style.CURRENT), spec, "vmlinux C dump");
    }

    @Test
    void fixtureHeadersEqualBpftoolAndCompile() throws Exception {
        for (Path obj : fixtures()) {
            BtfSpec spec = BtfSpec.parse(TestTools.elfSection(obj, ".BTF", tmp));
            String peer = runOk("bpftool", "btf", "dump", "file", obj.toString(), "format", "c").out();
            assertSameText(peer, BtfCDump.dump(spec, BtfCDump.Style.BPFTOOL_7_1), "bpftool btf dump file " + obj.getFileName() + " format c");
            for (BtfCDump.Style style : BtfCDump.Style.values())
                assertCompiles(BtfCDump.dump(spec, style), spec, obj.getFileName() + " C dump (" + style + ")");
        }
    }

    @Test
    void embeddingCycleIsAnError() {
        BtfSpec.Builder b = BtfSpec.builder(null);
        int i = b.add(new BtfType.Int(b.addString("int"), 4, BtfType.Int.SIGNED, 0, 32));
        int a = b.nextId();
        b.add(new BtfType.Struct(b.addString("a"), 8, false, java.util.List.of(
                new BtfType.Member(b.addString("x"), i, 0, 0), new BtfType.Member(b.addString("self"), a + 1, 32, 0))));
        b.add(new BtfType.Struct(b.addString("b"), 4, false, java.util.List.of(new BtfType.Member(b.addString("back"), a, 0, 0))));
        BtfSpec spec = b.build();
        BtfException e = assertThrows(BtfException.class, () -> BtfCDump.dump(spec, BtfCDump.Style.CURRENT));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
