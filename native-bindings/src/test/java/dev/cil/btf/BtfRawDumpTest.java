package dev.cil.btf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.cil.btf.TestTools.assertSameText;
import static dev.cil.btf.TestTools.fixtures;
import static dev.cil.btf.TestTools.runOk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our raw dumps (text and JSON) against bpftool's for the same BTF. */
class BtfRawDumpTest {
    @TempDir
    Path tmp;

    @Test
    void vmlinuxTextDumpEqualsBpftool() throws Exception {
        byte[] blob = Files.readAllBytes(BtfSpec.VMLINUX);
        // warm up once, then measure parse + dump
        BtfRawDump.text(BtfSpec.parse(blob));
        long t0 = System.nanoTime();
        BtfSpec spec = BtfSpec.parse(blob);
        long t1 = System.nanoTime();
        String ours = BtfRawDump.text(spec);
        long t2 = System.nanoTime();
        System.out.printf("vmlinux: %d types, parse %.1f ms, raw text dump %.1f ms (%d bytes)%n",
                spec.typeCount() - 1, (t1 - t0) / 1e6, (t2 - t1) / 1e6, ours.length());
        String peer = runOk("bpftool", "btf", "dump", "file", BtfSpec.VMLINUX.toString()).out();
        assertSameText(peer, ours, "bpftool btf dump file vmlinux");
    }

    @Test
    void vmlinuxJsonDumpEqualsBpftool() {
        BtfSpec spec = BtfSpec.vmlinux();
        StringBuilder sb = new StringBuilder(20 << 20);
        BtfRawDump.json(spec, BpftoolJsonWriter.compact(sb));
        sb.append('\n');
        String peer = runOk("bpftool", "-j", "btf", "dump", "file", BtfSpec.VMLINUX.toString()).out();
        if (!peer.contentEquals(sb)) {
            assertSameText(peer.replace("},{", "},\n{"), sb.toString().replace("},{", "},\n{"), "bpftool -j btf dump file vmlinux");
        }
    }

    @Test
    void vmlinuxReencodesByteForByte() throws Exception {
        byte[] blob = Files.readAllBytes(BtfSpec.VMLINUX);
        assertArrayEquals(blob, BtfSpec.parse(blob).bytes());
    }

    @Test
    void fixtureDumpsEqualBpftool() {
        int n = 0;
        for (Path obj : fixtures()) {
            byte[] btf = TestTools.elfSection(obj, ".BTF", tmp);
            BtfSpec spec = BtfSpec.parse(btf);
            assertArrayEquals(btf, spec.bytes(), obj + ": re-encoding");
            String peer = runOk("bpftool", "btf", "dump", "file", obj.toString()).out();
            assertSameText(peer, BtfRawDump.text(spec), "bpftool btf dump file " + obj.getFileName());
            String peerJson = runOk("bpftool", "-j", "btf", "dump", "file", obj.toString()).out();
            StringBuilder sb = new StringBuilder();
            BtfRawDump.json(spec, BpftoolJsonWriter.compact(sb));
            assertEquals(peerJson, sb + "\n", "bpftool -j btf dump file " + obj.getFileName());
            n++;
        }
        assertTrue(n >= 8, "expected the compiled fixtures, found " + n);
    }

    /** Split BTF over vmlinux: ids continue after the base's, names may live in either string section. */
    @Test
    void splitBtfDumpEqualsBpftool() throws Exception {
        BtfSpec base = BtfSpec.vmlinux();
        int taskStruct = base.typeIdByName("task_struct", BtfType.Kind.STRUCT).orElseThrow();
        int u32 = base.typeIdByName("u32", BtfType.Kind.TYPEDEF).orElseThrow();
        BtfSpec.Builder b = BtfSpec.builder(base);
        int ptr = b.add(new BtfType.Ptr(0, taskStruct));
        int baseName = base.type(taskStruct).nameOff();   // a name from the base's string section
        int s = b.add(new BtfType.Struct(b.addString("cil_split_struct"), 16, true, java.util.List.of(
                new BtfType.Member(b.addString("task"), ptr, 0, 0),
                new BtfType.Member(baseName, u32, 64, 3),
                new BtfType.Member(b.addString("rest"), u32, 67, 29))));
        b.add(new BtfType.Typedef(b.addString("cil_split_t"), s));
        b.add(new BtfType.Enum64(b.addString("cil_e64"), 8, false, java.util.List.of(
                new BtfType.Enum64Value(b.addString("CIL_BIG"), -1L), new BtfType.Enum64Value(b.addString("CIL_SMALL"), 5))));
        BtfSpec split = b.build();
        assertEquals(base.typeCount(), split.firstTypeId());
        assertEquals("task_struct", split.string(baseName));
        Path file = tmp.resolve("split.btf");
        Files.write(file, split.bytes());
        String peer = runOk("bpftool", "-B", BtfSpec.VMLINUX.toString(), "btf", "dump", "file", file.toString()).out();
        assertSameText(peer, BtfRawDump.text(split), "bpftool -B vmlinux btf dump file split.btf");
        BtfSpec reparsed = BtfSpec.read(file, base);
        assertEquals(split.typeCount(), reparsed.typeCount());
        assertEquals(16, reparsed.sizeOf(s));
        assertEquals(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1),
                new String(reparsed.bytes(), StandardCharsets.ISO_8859_1));
    }
}
