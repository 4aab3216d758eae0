package dev.cil.elf;

import dev.cil.btf.BtfSpec;
import dev.cil.btf.BtfType;
import dev.cil.btf.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CollectionSpec of each fixture against what llvm-readelf / llvm-objcopy say about the same
 * object (symbols, sections, relocations, raw instructions) and against the C sources.
 */
class CollectionSpecTest {
    @TempDir
    Path tmp;

    /** What an independent reader sees in one object. */
    private final class Llvm {
        final Path obj;
        final List<TestTools.ElfSym> syms;
        final Map<Integer, String> secNames = new HashMap<>();
        final Map<String, Long> secSizes = new HashMap<>();
        /** target section name -> (offset -> symbol index) */
        final Map<String, Map<Long, Integer>> relocs = new HashMap<>();

        Llvm(Path obj) {
            this.obj = obj;
            syms = TestTools.readelfSymbols(obj);
            for (TestTools.ElfSec s : TestTools.readelfSections(obj)) {
                secNames.put(s.index(), s.name());
                secSizes.put(s.name(), s.size());
            }
            String target = null;
            for (String line : TestTools.runOk("llvm-readelf", "-r", "--wide", obj.toString()).out().split("\n")) {
                if (line.startsWith("Relocation section '")) {
                    String rs = line.substring("Relocation section '".length(), line.indexOf("'", 21));
                    target = rs.substring(4);
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                if (target != null && f.length >= 3 && f[0].matches("[0-9a-f]{16}") && f[1].matches("[0-9a-f]{16}"))
                    relocs.computeIfAbsent(target, k -> new TreeMap<>()).put(Long.parseLong(f[0], 16), (int) (Long.parseUnsignedLong(f[1], 16) >>> 32));
            }
        }

        long[] insns(String section) {
            ByteBuffer bb = ByteBuffer.wrap(TestTools.elfSection(obj, section, tmp)).order(ByteOrder.LITTLE_ENDIAN);
            long[] out = new long[bb.remaining() / 8];
            for (int i = 0; i < out.length; i++) out[i] = bb.getLong();
            return out;
        }

        String section(TestTools.ElfSym s) {
            return s.ndx().chars().allMatch(Character::isDigit) ? secNames.get(Integer.parseInt(s.ndx())) : null;
        }

        TestTools.ElfSym func(String name) {
            for (TestTools.ElfSym s : syms) if (s.type().equals("FUNC") && s.name().equals(name)) return s;
            throw new AssertionError("no function " + name);
        }

        String funcAt(String section, long byteOff) {
            for (TestTools.ElfSym s : syms)
                if (s.type().equals("FUNC") && !s.ndx().equals("UND") && section.equals(section(s)) && s.value() == byteOff) return s.name();
            throw new AssertionError("no function at " + section + "+" + byteOff);
        }
    }

    private static int code(long i) { return (int) (i & 0xff); }

    private static int src(long i) { return (int) ((i >>> 12) & 0xf); }

    private static int imm(long i) { return (int) (i >>> 32); }

    private static CollectionSpec spec(String name) {
        return CollectionSpec.read(TestTools.fixture(name));
    }

    @Test
    void programsAreTheEntryPointFunctions() {
        for (Path obj : TestTools.fixtures()) {
            if (obj.getFileName().toString().equals("extern.o")) continue;
            Llvm l = new Llvm(obj);
            Map<String, String> expected = new TreeMap<>();
            for (TestTools.ElfSym s : l.syms)
                if (s.type().equals("FUNC") && !".text".equals(l.section(s))) expected.put(s.name(), l.section(s));
            Map<String, String> actual = new TreeMap<>();
            spec(obj.getFileName().toString().replace(".o", "")).programs().forEach((n, p) -> actual.put(n, p.sectionName()));
            assertEquals(expected, actual, obj.getFileName() + ": programs");
        }
        CollectionSpec core = spec("core");
        ProgramSpec k = core.program("core_kprobe").orElseThrow();
        assertEquals(2, k.programType());   // BPF_PROG_TYPE_KPROBE
        assertEquals("do_nanosleep", k.attachTarget());
        assertEquals("kfree_skb_reason", core.program("core_bitfield").orElseThrow().attachTarget());
        ProgramSpec x = spec("subprog").program("xdp_first").orElseThrow();
        assertEquals(6, x.programType());   // XDP
        assertEquals(37, x.expectedAttachType());   // BPF_XDP
        assertTrue(x.hasExpectedAttachType());
        ProgramSpec t = spec("globals").program("globals_tc").orElseThrow();
        assertEquals(3, t.programType());   // SCHED_CLS
        assertTrue(!t.hasExpectedAttachType());
        assertEquals(1, spec("legacy").program("legacy_sock").orElseThrow().programType());   // SOCKET_FILTER
        assertEquals("Dual BSD/GPL", spec("subprog").license());
        assertEquals(0x060c00, spec("legacy").kernelVersion());
    }

    /** Subprogram order from the sources: depth first, at the first call (or function address) in each program. */
    @Test
    void subprogramsAreAppendedDepthFirst() {
        CollectionSpec s = spec("subprog");
        Map<String, List<String>> expected = Map.of("prog_one", List.of("mul_add", "global_len"),
                "prog_two", List.of("loop_cb", "twice", "mul_add"), "xdp_first", List.of("mul_add"), "xdp_second", List.of());
        expected.forEach((prog, subs) -> {
            List<String> actual = new ArrayList<>();
            s.program(prog).orElseThrow().subprograms().forEach(sp -> actual.add(sp.name()));
            assertEquals(subs, actual, prog);
        });
    }

    /**
     * Every segment (the program and each appended subprogram) is the original function, byte for
     * byte, except where a relocation or a call is patched; every call and function address lands
     * on the start of the appended copy of the function the original code names.
     */
    @Test
    void linkingPreservesCodeAndRetargetsCalls() {
        int calls = 0;
        for (String fixture : List.of("subprog", "globals", "tailcall", "values", "core", "mapinmap", "legacy", "pinning")) {
            Path obj = TestTools.fixture(fixture);
            Llvm l = new Llvm(obj);
            for (ProgramSpec p : spec(fixture).programs().values()) {
                long[] linked = p.instructions();
                // segments: name -> (offset in linked code, section, offset in section)
                List<Object[]> segs = new ArrayList<>();
                TestTools.ElfSym mainSym = l.func(p.name());
                segs.add(new Object[] {p.name(), 0, l.section(mainSym), mainSym.value() / 8, mainSym.size() / 8});
                for (ProgramSpec.Subprogram sp : p.subprograms()) {
                    TestTools.ElfSym sym = l.func(sp.name());
                    assertEquals(sym.size() / 8, sp.length(), sp.name());
                    segs.add(new Object[] {sp.name(), sp.offset(), l.section(sym), sym.value() / 8, sym.size() / 8});
                }
                int total = 0;
                for (Object[] seg : segs) total += ((Long) seg[4]).intValue();
                assertEquals(total, linked.length, p.name() + ": linked length is the sum of its functions");
                for (Object[] seg : segs) {
                    String sec = (String) seg[2];
                    long[] orig = l.insns(sec);
                    int base = (Integer) seg[1];
                    long secOff = (Long) seg[3], n = (Long) seg[4];
                    Map<Long, Integer> rel = l.relocs.getOrDefault(sec, Map.of());
                    for (int i = 0; i < n; i++) {
                        long o = orig[(int) (secOff + i)], a = linked[base + i];
                        Integer relSym = rel.get((secOff + i) * 8);
                        boolean call = code(o) == 0x85 && src(o) == 1;
                        boolean funcAddr = code(o) == 0x18 && relSym != null && ".text".equals(l.section(l.syms.get(relSym)))
                                && !l.syms.get(relSym).type().equals("OBJECT");
                        if (call || funcAddr) {
                            String callee;
                            if (relSym == null) callee = l.funcAt(sec, (secOff + i + imm(o) + 1) * 8);
                            else if (l.syms.get(relSym).type().equals("SECTION"))
                                callee = l.funcAt(".text", call ? (imm(o) + 1) * 8L : imm(o));
                            else callee = l.syms.get(relSym).name();
                            int target = base + i + imm(a) + 1;
                            String landed = null;
                            for (Object[] t : segs) if ((Integer) t[1] == target) landed = (String) t[0];
                            assertEquals(callee, landed, p.name() + ": " + (call ? "call" : "function address") + " at " + (base + i));
                            assertEquals(o & 0xffffffffL & ~0xf000L, a & 0xffffffffL & ~0xf000L, "only imm/src change");
                            calls++;
                        } else if (relSym != null) {
                            assertEquals(code(o), code(a));
                            assertEquals((o >>> 8) & 0xf, (a >>> 8) & 0xf, "dst reg kept");
                            i++;   // ld_imm64: the second half carries the data offset
                        } else {
                            assertEquals(o, a, p.name() + " instruction " + (base + i) + " (" + seg[0] + "+" + i + ")");
                        }
                    }
                }
            }
        }
        // subprog.c: prog_one 2 calls, prog_two 1 function address + 1 call + 2 calls inside twice, xdp_first 1
        assertEquals(7, calls);
    }

    /** ld_imm64 references to global data: section of the symbol and offset symbol value + original immediate. */
    @Test
    void globalDataReferences() {
        Path obj = TestTools.fixture("globals");
        Llvm l = new Llvm(obj);
        CollectionSpec s = spec("globals");
        ProgramSpec p = s.program("globals_tc").orElseThrow();
        long[] orig = l.insns("tc");
        long[] linked = p.instructions();
        List<String> expected = new ArrayList<>();
        l.relocs.get("tc").forEach((off, sym) -> {
            TestTools.ElfSym es = l.syms.get(sym);
            int insn = (int) (off / 8);
            expected.add(insn + " " + l.section(es) + " " + (es.value() + imm(orig[insn])));
        });
        List<String> actual = new ArrayList<>();
        for (ProgramSpec.Reference r : p.references()) {
            actual.add(r.insn() + " " + r.map() + " " + r.offset());
            assertTrue(r.valueAddress());
            assertEquals(ProgramSpec.PSEUDO_MAP_VALUE, src(linked[r.insn()]));
            assertEquals(r.offset(), imm(linked[r.insn() + 1]));
        }
        assertEquals(expected, actual);
        for (String sec : List.of(".data", ".rodata", ".data.foo")) {
            MapSpec m = s.map(sec).orElseThrow();
            assertArrayEquals(TestTools.elfSection(obj, sec, tmp), m.contents(), sec);
            assertEquals(l.secSizes.get(sec).intValue(), m.valueSize());
            assertEquals(2, m.type());
            assertEquals(1, m.maxEntries());
        }
        MapSpec bss = s.map(".bss").orElseThrow();
        assertEquals(l.secSizes.get(".bss").intValue(), bss.valueSize());
        assertEquals(0, bss.contents().length);
        assertEquals("globals.rodata", s.map(".rodata").orElseThrow().kernelName());
        assertEquals(".data.foo", s.map(".data.foo").orElseThrow().kernelName());
        assertTrue(s.map(".rodata").orElseThrow().frozen());
        assertEquals(MapSpec.BPF_F_RDONLY_PROG | MapSpec.BPF_F_MMAPABLE, s.map(".rodata").orElseThrow().flags());
    }

    @Test
    void internalMapNamesFollowLibbpf() {
        assertEquals("globals.rodata", ObjectReader.internalMapName("globals", ".rodata"));
        assertEquals("my_objec.rodata", ObjectReader.internalMapName("my_object_name", ".rodata"));
        assertEquals("my_objec.bss", ObjectReader.internalMapName("my_object_name", ".bss"));
        assertEquals("my_obje.kconfig", ObjectReader.internalMapName("my_object_name", ".kconfig"));
        assertEquals(".rodata.abracad", ObjectReader.internalMapName("obj", ".rodata.abracadabra"));
        assertEquals("a_b.data", ObjectReader.internalMapName("a-b", ".data"));
    }

    /** Data section sizes and variable offsets in the fixed-up BTF come from the ELF file. */
    @Test
    void btfFixupsUseTheElfLayout() {
        Llvm l = new Llvm(TestTools.fixture("globals"));
        BtfSpec btf = spec("globals").btf().orElseThrow();
        int checked = 0;
        for (int id = 1; id < btf.typeCount(); id++) {
            if (!(btf.type(id) instanceof BtfType.Datasec ds)) continue;
            String name = btf.name(ds);
            assertEquals(l.secSizes.get(name).intValue(), ds.size(), name);
            long prev = -1;
            for (BtfType.VarSecinfo v : ds.vars()) {
                String var = btf.name(v.type());
                TestTools.ElfSym sym = l.syms.stream().filter(s -> s.name().equals(var) && s.type().equals("OBJECT")).findFirst().orElseThrow();
                assertEquals(sym.value(), v.offset(), name + " " + var);
                assertTrue(v.offset() > prev, "sorted");
                prev = v.offset();
                checked++;
            }
        }
        assertTrue(checked >= 8, "checked " + checked);
    }

    @Test
    void btfMapDefinitions() {
        CollectionSpec p = spec("pinning");
        MapSpec flows = p.map("cil_pinned_flows").orElseThrow();
        assertEquals(List.of(1, 16, 8, 1024, MapSpec.BPF_F_NO_PREALLOC, MapSpec.PIN_BY_NAME),
                List.of(flows.type(), flows.keySize(), flows.valueSize(), flows.maxEntries(), flows.flags(), flows.pinning()));
        assertEquals("cil_pinned_flow", flows.kernelName());
        BtfSpec btf = p.btf().orElseThrow();
        assertEquals("flow_key", btf.name(flows.btfKeyTypeId()));
        MapSpec sized = p.map("sized_array").orElseThrow();
        assertEquals(List.of(2, 4, 16, 8, 0, 0), List.of(sized.type(), sized.keySize(), sized.valueSize(), sized.maxEntries(), sized.btfKeyTypeId(), sized.btfValueTypeId()));
        MapSpec events = p.map("events").orElseThrow();
        assertEquals(List.of(27, 0, 0, 4096), List.of(events.type(), events.keySize(), events.valueSize(), events.maxEntries()));

        MapSpec jmp = spec("tailcall").map("jmp_table").orElseThrow();
        assertEquals(List.of(new MapSpec.Slot(0, "tail_0"), new MapSpec.Slot(2, "tail_2")), jmp.initialSlots());
        assertEquals(4, jmp.valueSize());

        CollectionSpec mm = spec("mapinmap");
        MapSpec outer = mm.map("outer").orElseThrow();
        assertEquals(List.of(new MapSpec.Slot(0, "inner_a"), new MapSpec.Slot(1, "inner_b")), outer.initialSlots());
        MapSpec inner = outer.innerMap().orElseThrow();
        assertEquals(List.of(2, 4, 8, 1), List.of(inner.type(), inner.keySize(), inner.valueSize(), inner.maxEntries()));
        MapSpec hashInner = mm.map("outer_hash").orElseThrow().innerMap().orElseThrow();
        assertEquals(List.of(1, 4, 4, 16), List.of(hashInner.type(), hashInner.keySize(), hashInner.valueSize(), hashInner.maxEntries()));
        assertEquals("outer_hash.inner", hashInner.name());
    }

    /** Legacy definitions: five u32 fields per symbol in the maps section, read here straight from the bytes. */
    @Test
    void legacyMapDefinitions() {
        Path obj = TestTools.fixture("legacy");
        Llvm l = new Llvm(obj);
        ByteBuffer bb = ByteBuffer.wrap(TestTools.elfSection(obj, "maps", tmp)).order(ByteOrder.LITTLE_ENDIAN);
        CollectionSpec s = spec("legacy");
        int n = 0;
        for (TestTools.ElfSym sym : l.syms) {
            if (!"maps".equals(l.section(sym)) || sym.type().equals("SECTION")) continue;
            MapSpec m = s.map(sym.name()).orElseThrow();
            int o = (int) sym.value();
            assertEquals(List.of(bb.getInt(o), bb.getInt(o + 4), bb.getInt(o + 8), bb.getInt(o + 12), bb.getInt(o + 16)),
                    List.of(m.type(), m.keySize(), m.valueSize(), m.maxEntries(), m.flags()), sym.name());
            assertEquals(MapSpec.Kind.LEGACY, m.kind());
            n++;
        }
        assertEquals(2, n);
        ProgramSpec p = s.program("legacy_sock").orElseThrow();
        assertEquals(List.of("legacy_counts", "legacy_hash"), p.references().stream().map(ProgramSpec.Reference::map).toList());
    }

    /** func/line/CO-RE info follows each appended copy. */
    @Test
    void extInfoIsRebased() {
        CollectionSpec s = spec("subprog");
        BtfSpec btf = s.btf().orElseThrow();
        for (ProgramSpec p : s.programs().values()) {
            List<String> expected = new ArrayList<>();
            expected.add("0 " + p.name());
            p.subprograms().forEach(sp -> expected.add(sp.offset() + " " + sp.name()));
            List<String> actual = new ArrayList<>();
            p.funcInfos().forEach(fi -> actual.add(fi.insn() + " " + btf.name(fi.typeId())));
            assertEquals(expected, actual, p.name());
            for (ProgramSpec.LineInfo li : p.lineInfos()) assertTrue(li.insn() >= 0 && li.insn() < p.instructionCount());
            assertEquals(0, p.lineInfos().get(0).insn());
        }
        ProgramSpec k = spec("core").program("core_kprobe").orElseThrow();
        assertEquals(13, k.coreRelocations().size());
        for (ProgramSpec.CoreRelocation r : k.coreRelocations()) assertEquals(r.relo().insnIndex() - 0, r.insn());
    }

    @Test
    void externsAreAClearError() {
        ElfException e = assertThrows(ElfException.class, () -> spec("extern"));
        assertTrue(e.getMessage().contains("LINUX_KERNEL_VERSION") && e.getMessage().contains("not supported"), e.getMessage());
    }

    @Test
    void sectionNamesFollowLibbpf() {
        assertEquals(46, ProgramSections.match("tcx/ingress").orElseThrow().expectedAttachType());
        assertEquals(47, ProgramSections.match("tcx/egress").orElseThrow().expectedAttachType());
        assertEquals(3, ProgramSections.match("classifier").orElseThrow().programType());
        ProgramSections.Match frags = ProgramSections.match("xdp.frags").orElseThrow();
        assertEquals(ProgramSections.BPF_F_XDP_HAS_FRAGS, frags.programFlags());
        assertEquals(2, ProgramSections.match("kretprobe/tcp_v4_connect").orElseThrow().programType());
        assertEquals("tcp_v4_connect", ProgramSections.match("kretprobe/tcp_v4_connect").orElseThrow().target());
        assertEquals(5, ProgramSections.match("tp/syscalls/sys_enter_open").orElseThrow().programType());
        assertEquals("syscalls/sys_enter_open", ProgramSections.match("tp/syscalls/sys_enter_open").orElseThrow().target());
        assertEquals(17, ProgramSections.match("raw_tracepoint/sched_switch").orElseThrow().programType());
        ProgramSections.Match fentry = ProgramSections.match("fentry/do_unlinkat").orElseThrow();
        assertEquals(List.of(26, 24), List.of(fentry.programType(), fentry.expectedAttachType()));
        assertTrue(fentry.attachBtf());
        ProgramSections.Match cg = ProgramSections.match("cgroup_skb/ingress").orElseThrow();
        assertTrue(cg.hasExpectedAttachType());
        assertEquals(0, cg.expectedAttachType());
        assertTrue(!ProgramSections.match("cgroup/skb").orElseThrow().hasExpectedAttachType());
        assertEquals(14, ProgramSections.match("sk_skb").orElseThrow().programType());
        assertEquals(22, ProgramSections.match("flow_dissector").orElseThrow().programType());
        assertEquals(32, ProgramSections.match("netfilter").orElseThrow().programType());
        assertEquals(ProgramSections.BPF_F_SLEEPABLE, ProgramSections.match("fentry.s/x").orElseThrow().programFlags());
        assertTrue(ProgramSections.match("kprobex").isEmpty());   // '+' entries need '/' or the end
        assertTrue(ProgramSections.match("tcx").isEmpty());
        assertEquals(3, ProgramSections.match("?tc").orElseThrow().programType());
    }
}
