package dev.cil.bpf.insn;

import dev.cil.bpf.BpfProgram;
import dev.cil.bpf.ProgramInfo;
import dev.cil.btf.BtfSpec;
import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.Fd;
import dev.cil.internal.sys.NativeBuffer;
import dev.cil.testing.KernelTest;
import dev.cil.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The printer's kernel inputs on this machine: vmlinux BTF, kallsyms, and a program's xlated dump. */
@KernelTest
class InsnKernelIT {
    @Test
    void helperNamesFromTheScanEqualTheFullModel() throws Exception {
        HelperNames scanned = HelperNames.scan(Files.readAllBytes(BtfSpec.VMLINUX));
        HelperNames model = HelperNames.fromBtf(BtfSpec.vmlinux());
        assertEquals(model.size(), scanned.size());
        assertTrue(scanned.size() >= 212, "Linux 6.18 has 212 helper ids, got " + scanned.size());
        for (int id = 0; id < model.size(); id++) assertEquals(model.name(id), scanned.name(id), "helper " + id);
        assertEquals("bpf_map_lookup_elem", scanned.name(1));
        assertEquals("bpf_tail_call", scanned.name(12));
        assertEquals(scanned.size(), HelperNames.kernel().size());
    }

    @Test
    void kallsymsHasTheCallBase() throws Exception {
        KernelSymbols k = KernelSymbols.read();
        assertNotEquals(0, k.callBase(), "root sees kernel addresses");
        assertTrue(k.size() > 10_000, "symbols: " + k.size());
        List<String> atBase = new ArrayList<>();
        for (String line : Files.readAllLines(KernelSymbols.KALLSYMS, StandardCharsets.ISO_8859_1)) {
            String[] f = line.split("\\s+");
            if (f.length >= 3 && Long.parseUnsignedLong(f[0], 16) == k.callBase()) atBase.add(f[2]);
        }
        assertTrue(atBase.contains("__bpf_call_base"), atBase.toString());
        assertTrue(atBase.contains(k.lookup(k.callBase())), atBase + " has " + k.lookup(k.callBase()));
    }

    @Test
    void xlatedDumpOfAProgramWithASubprogram(Scratch s) {
        byte[] insns = Asm.prog(
                Asm.insn(0x85, 0, 1, 0, 1),     // call pc+1
                Asm.exit(),
                Asm.mov64(0, 2),
                Asm.exit());
        String name = s.name("sub");
        int fd = BpfCalls.progLoad(BpfCalls.ProgLoad.of(1, NativeBuffer.of(insns), "GPL", name), name);
        try (BpfProgram p = BpfProgram.adopt(new Fd(fd, "prog " + name))) {
            ProgramInfo info = p.info();
            BpfProgram.XlatedDump d = p.xlatedDump();
            assertEquals(info.xlatedLen(), d.insns().length);
            assertArrayEquals(p.xlatedInstructions(), d.insns());
            assertEquals(2, d.jitedKsyms().length, "main and one subprogram");
            assertEquals(2, d.jitedFuncLens().length);
            assertEquals(0, d.btfId());
            assertEquals(0, d.funcInfo().length);
            assertEquals(0, d.lineInfo().length);
            KernelSymbols k = KernelSymbols.read();
            String main = k.lookup(d.jitedKsyms()[0]), sub = k.lookup(d.jitedKsyms()[1]);
            assertEquals("bpf_prog_" + info.tagHex() + "_" + name, main);
            assertTrue(sub.startsWith("bpf_prog_") && sub.endsWith("_F"), sub);
            XlatedListing l = XlatedListing.of(d, null, new XlatedSymbols(id -> null, () -> k, d.jitedKsyms()));
            assertEquals("(85) call pc+1#" + sub, l.entries().get(0).text());
            assertEquals("(b7) r0 = 2", l.entries().get(2).text());
        }
    }
}
