package dev.cil.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cil.bpf.insn.Asm;
import dev.cil.bpf.insn.Insn;
import dev.cil.cli.support.Cil;
import dev.cil.cli.support.Fixtures;
import dev.cil.cli.support.Json;
import dev.cil.cli.support.Peers;
import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.Fd;
import dev.cil.internal.sys.NativeBuffer;
import dev.cil.testing.KernelTest;
import dev.cil.testing.Proc;
import dev.cil.testing.Scratch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.cil.bpf.insn.Asm.insn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cil prog dump xlated} against bpftool 7.5 (and 7.1 where it can print the program), on real
 * programs: clang-built fixtures loaded by {@code bpftool prog loadall} (ALU and jumps, helpers, hash,
 * array and per-CPU maps, .data/.rodata/.bss, loops, bpf-to-bpf calls, bpf_loop callbacks, tail calls,
 * ISA v3 atomics and JMP32, a kfunc call, packet loads) and hand-encoded ISA v4 programs loaded through
 * our own PROG_LOAD (signed division and modulo, sign-extending moves and loads, byte swaps, gotol,
 * may_goto, load-acquire and store-release), plus one of more than 1000 instructions.
 */
@KernelTest
class ProgDumpKernelIT {
    /** Program pin paths by a short name. */
    static final Map<String, String> progs = new LinkedHashMap<>();
    static String v4, acquire, big, basicAgain, callEndsBlock;

    @BeforeAll
    static void load(Scratch s) {
        for (String obj : List.of("xlated_basic", "xlated_v3", "fixture_tc")) {
            String[] dirs = Fixtures.loadAllWithBpftool(s, obj);
            for (String p : Fixtures.list(dirs[0])) progs.put(Path.of(p).getFileName().toString(), p);
        }
        // the same object again (its own maps): 'name xl_tail_target' then matches two programs
        basicAgain = s.pin("again_progs");
        Peers.bpftool("prog", "loadall", Fixtures.object("xlated_basic"), basicAgain).ok();
        v4 = load(s, "v4", Asm.prog(
                Asm.mov64(0, 0),
                insn(0x61, 6, 1, 0, 0),          // r6 = skb->len
                insn(0x61, 8, 1, 0, 0),          // r8 = skb->len
                Asm.movReg(1, 6),
                insn(0x37, 1, 0, 1, 3),          // r1 s/= 3
                Asm.mov64(2, -7),
                insn(0x9f, 1, 2, 1, 0),          // r1 s%= r2
                insn(0xbc, 3, 6, 0, 0),          // w3 = w6
                insn(0x34, 3, 0, 1, 5),          // w3 s/= 5
                insn(0x94, 3, 0, 1, -5),         // w3 s%= -5
                insn(0xbf, 4, 6, 8, 0),          // r4 = (s8)r6
                insn(0xbf, 4, 6, 16, 0),         // r4 = (s16)r6
                insn(0xbf, 4, 6, 32, 0),         // r4 = (s32)r6
                insn(0xbc, 5, 6, 8, 0),          // w5 = (s8)w6
                insn(0xbc, 5, 6, 16, 0),         // w5 = (s16)w6
                insn(0xd7, 6, 0, 0, 16),         // r6 = bswap16 r6
                insn(0xd7, 6, 0, 0, 32),         // r6 = bswap32 r6
                insn(0xd7, 6, 0, 0, 64),         // r6 = bswap64 r6
                insn(0xd4, 6, 0, 0, 32),         // r6 = le32 r6
                insn(0xdc, 6, 0, 0, 16),         // r6 = be16 r6
                insn(0x7b, 10, 6, -8, 0),        // *(u64 *)(r10 -8) = r6
                insn(0x91, 7, 10, -8, 0),        // r7 = *(s8 *)(r10 -8)
                insn(0x89, 7, 10, -8, 0),        // r7 = *(s16 *)(r10 -8)
                insn(0x81, 7, 10, -8, 0),        // r7 = *(s32 *)(r10 -8)
                insn(0x15, 8, 0, 1, 0),          // if r8 == 0 goto pc+1
                insn(0x06, 0, 0, 0, 1),          // gotol pc+1
                Asm.mov64(0, 1),
                insn(0xe5, 0, 0, 2, 0),          // may_goto pc+2
                insn(0x07, 0, 0, 0, 1),          // r0 += 1
                insn(0x05, 0, 0, -3, 0),         // goto pc-3
                Asm.exit()));
        acquire = load(s, "acq", Asm.prog(
                Asm.mov64(0, 0),
                insn(0x7b, 10, 0, -8, 0),        // *(u64 *)(r10 -8) = r0
                Asm.mov64(1, 5),
                insn(0xdb, 10, 1, -8, 0x110),    // store_release((u64 *)(r10 -8), r1)
                insn(0xdb, 2, 10, -8, 0x100),    // r2 = load_acquire((u64 *)(r10 -8))
                insn(0xc3, 3, 10, -8, 0x100),    // r3 = load_acquire((u32 *)(r10 -8))
                Asm.movReg(0, 2),
                Asm.exit()));
        byte[][] many = new byte[1102][];
        many[0] = Asm.mov64(0, 0);
        for (int i = 1; i < 1101; i++) many[i] = insn(0x07, 0, 0, 0, i);
        many[1101] = Asm.exit();
        big = load(s, "big", Asm.prog(many));
        // a block that ends with a bpf-to-bpf call (the next instruction is a jump target): bpftool's
        // visual looks for the call's target block in the caller and crashes on not finding it
        callEndsBlock = load(s, "call", Asm.prog(
                Asm.movReg(6, 1),
                Asm.mov64(0, 0),
                insn(0x15, 6, 0, 1, 0),          // if r6 == 0 goto pc+1
                insn(0x85, 0, 1, 0, 2),          // call pc+2 (the subprogram at 6)
                insn(0x07, 0, 0, 0, 1),          // r0 += 1
                Asm.exit(),
                Asm.mov64(0, 7),
                Asm.exit()));
        progs.put("v4", v4);
        progs.put("acquire", acquire);
        progs.put("big", big);
        progs.put("callEndsBlock", callEndsBlock);
    }

    /** Loads a socket filter through our own PROG_LOAD, pins it under the scratch dir and closes our fd. */
    static String load(Scratch s, String suffix, byte[] insns) {
        String pin = s.pin(suffix);
        String name = s.name(suffix);
        int fd = BpfCalls.progLoad(BpfCalls.ProgLoad.of(1, NativeBuffer.of(insns), "GPL", name), name);
        try (Fd f = new Fd(fd, "prog " + name)) {
            BpfCalls.objPin(f.raw(), pin, name);
        }
        return pin;
    }

    static String[] args(String pin, String... opts) {
        List<String> a = new ArrayList<>(List.of("prog", "dump", "xlated", "pinned", pin));
        a.addAll(List.of(opts));
        return a.toArray(new String[0]);
    }

    static String[] json(String[] a) {
        String[] j = new String[a.length + 1];
        j[0] = "-j";
        System.arraycopy(a, 0, j, 1, a.length);
        return j;
    }

    static final List<String[]> OPTION_SETS = List.of(new String[0], new String[] {"opcodes"}, new String[] {"linum"},
            new String[] {"opcodes", "linum"});

    @Test
    void theFixturesHaveWhatTheyAreFor() {
        String basic = Cil.run(args(progs.get("xl_classifier"))).ok().out();
        for (String s : List.of("call pc+", "#bpf_prog_", "_xl_mix", "subprog[+", "map[id:", "][0]+", "call __htab_map_lookup_elem#",
                "call bpf_tail_call#12", "= &(void __percpu *)(r0)", "lock *(u64 *)", "int xl_classifier(struct __sk_buff * skb):",
                "; v = bpf_map_lookup_elem(&xl_hash, &key);")) {
            assertTrue(basic.contains(s), "xl_classifier shows " + s + "\n" + basic);
        }
        String v3 = Cil.run(args(progs.get("xl_v3"))).ok().out();
        for (String s : List.of("atomic64_fetch_add(", "atomic64_fetch_and(", "atomic64_fetch_or(", "atomic64_fetch_xor(",
                "atomic64_xchg(", "atomic64_cmpxchg(", "atomic_fetch_add((u32", "atomic_cmpxchg((u32", "atomic_xchg((u32",
                "lock *(u64 *)(r6 +0) &= ", "lock *(u64 *)(r6 +0) |= ", "lock *(u64 *)(r6 +0) ^= ", "call bpf_rcu_read_lock#",
                "if w9 < 0x", " w7 *= 3")) {
            assertTrue(v3.contains(s), "xl_v3 shows " + s + "\n" + v3);
        }
        String raw = Cil.run(args(v4)).ok().out();
        for (String s : List.of(" s/= 3", " s%= r2", "w3 s/= 5", "w3 s%= -5", "r4 = (s8)r6", "r4 = (s16)r6", "r4 = (s32)r6",
                "w5 = (s8)w6", "w5 = (s16)w6", "r6 = bswap16 r6", "r6 = bswap32 r6", "r6 = bswap64 r6", "r6 = le32 r6",
                "r6 = be16 r6", "r7 = *(s8 *)(r10 -8)", "r7 = *(s16 *)(r10 -8)", "r7 = *(s32 *)(r10 -8)", "gotol pc+1")) {
            assertTrue(raw.contains(s), "the v4 program shows " + s + "\n" + raw);
        }
        String acq = Cil.run(args(acquire)).ok().out();
        assertTrue(acq.contains("(db) store_release((u64 *)(r10 -8), r1)"), acq);
        assertTrue(acq.contains("(db) r2 = load_acquire((u64 *)(r10 -8))"), acq);
        assertTrue(acq.contains("(c3) r3 = load_acquire((u32 *)(r10 -8))"), acq);
        assertTrue(Cil.run(args(big)).ok().out().contains("\n1101: (95) exit\n"));
    }

    @Test
    void textEqualsBpftool75LineForLine() {
        for (Map.Entry<String, String> p : progs.entrySet()) {
            if (p.getValue().equals(acquire)) continue;   // below: 7.5 cannot print load-acquire
            for (String[] opts : OPTION_SETS) {
                String[] a = args(p.getValue(), opts);
                assertEquals(Peers.bpftoolNew(a).ok().out(), Cil.run(a).ok().out(), p.getKey() + " " + String.join(" ", opts));
            }
        }
    }

    @Test
    void jsonEqualsBpftool75() {
        for (Map.Entry<String, String> p : progs.entrySet()) {
            if (p.getValue().equals(acquire)) continue;
            for (String[] opts : OPTION_SETS) {
                String[] a = json(args(p.getValue(), opts));
                String ours = Cil.run(a).ok().out();
                assertEquals(Json.parse(Peers.bpftoolNew(a).ok().out()), Json.parse(ours), p.getKey() + " " + String.join(" ", opts));
                assertEquals(1, ours.lines().count(), "-j is one line");
            }
        }
    }

    @Test
    void visualEqualsBpftool75() {
        for (Map.Entry<String, String> p : progs.entrySet()) {
            if (p.getValue().equals(acquire) || p.getValue().equals(callEndsBlock)) continue;
            for (String[] opts : List.of(new String[] {"visual"}, new String[] {"visual", "opcodes", "linum"})) {
                String[] a = args(p.getValue(), opts);
                assertEquals(Peers.bpftoolNew(a).ok().out(), Cil.run(a).ok().out(), p.getKey() + " " + String.join(" ", opts));
            }
        }
    }

    @Test
    void theProjectsDatapathAsBpftool75() {
        // in a child JVM: the objects pin maps by name, so they get a private mount namespace and bpffs
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Proc.Result r = Proc.run("unshare", "--mount", "--propagation", "private", java, "-cp", System.getProperty("java.class.path"),
                ProgDumpDatapathCheck.class.getName());
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(r.out().contains("DIFF"), r.out());
        long compared = r.out().lines().filter(l -> l.startsWith("same ")).count();
        assertTrue(compared >= 8 * 5, "8 programs or more, 5 comparisons each\n" + r.out());
    }

    @Test
    void visualWhereBpftoolCrashes() {
        String[] a = args(callEndsBlock, "visual");
        String[] cmd = new String[a.length + 3];
        cmd[0] = "stdbuf";
        cmd[1] = "-oL";
        cmd[2] = Peers.BPFTOOL_NEW;
        System.arraycopy(a, 0, cmd, 3, a.length);
        Proc.Result peer = Proc.run(cmd);
        assertEquals(128 + 11, peer.code(), "bpftool 7.5 dies of SIGSEGV\n" + peer.out() + peer.err());
        String ours = Cil.run(a).ok().out();
        assertTrue(ours.startsWith(peer.out()), "bpftool's output up to its crash is ours\n" + peer.out() + "\n---\n" + ours);
        String block = "\tfn_0_bb_3 [shape=record,style=filled,label=\"{\\\n3: (85) call pc+2#bpf_prog_";
        assertTrue(ours.contains(block), ours);
        assertTrue(ours.contains("\tfn_0_bb_3:s -> fn_0_bb_4:n [style=\"solid,bold\", color=black, weight=10, constraint=true];\n"
                + "\tfn_0_bb_4:s -> fn_0_bb_1:n"), "the call's block falls through; the edge to the callee is left out\n" + ours);
        assertTrue(ours.endsWith("}\n}\n"), "both functions are drawn");
        assertTrue(ours.contains("label=\"func_1 ()\";"), ours);
    }

    /**
     * An instruction bpftool 7.1 (Linux 6.1's disassembler) does not know: ISA v4, and the kernel's
     * internal moves of per-CPU and arena addresses (7.1 prints them as plain moves).
     */
    static boolean unknownTo71(Insn i) {
        boolean alu = i.cls() == Insn.ALU || i.cls() == Insn.ALU64;
        return i.code() == (Insn.ALU64 | Insn.OP_MOV | Insn.SRC_X) && (i.off() == -1 || i.off() == 1)
                || alu && (i.op() == Insn.OP_DIV || i.op() == Insn.OP_MOD) && i.off() == 1
                || alu && i.op() == Insn.OP_MOV && i.source() == Insn.SRC_X && (i.off() == 8 || i.off() == 16 || i.off() == 32)
                || i.cls() == Insn.ALU64 && i.op() == Insn.OP_END
                || i.cls() == Insn.LDX && i.mode() == Insn.MODE_MEMSX
                || i.code() == (Insn.JMP32 | Insn.OP_JA);
    }

    @Test
    void textEqualsBpftool71ExceptWhere71IsOlder() throws Exception {
        for (Map.Entry<String, String> p : progs.entrySet()) {
            if (p.getValue().equals(acquire)) continue;
            byte[] insns = xlatedBytes(p.getValue());
            // 7.1 takes one option at a time
            for (String[] opts : List.of(new String[0], new String[] {"opcodes"}, new String[] {"linum"})) {
                String[] a = args(p.getValue(), opts);
                List<String> peer = Peers.bpftool(a).ok().out().lines().toList();
                List<String> ours = Cil.run(a).ok().out().lines().toList();
                assertEquals(peer.size(), ours.size(), p.getKey());
                Set<Integer> differ = new TreeSet<>();
                for (int i = 0; i < ours.size(); i++) {
                    String o = ours.get(i), t = peer.get(i);
                    if (o.equals(t)) continue;
                    int colon = o.indexOf(": ");
                    int idx = Integer.parseInt(o.substring(0, colon).trim());
                    if (idx >= 1000 && t.equals(" " + o)) continue;   // 7.1 prints "% 4d: ", 7.5 "%4u: "
                    differ.add(idx);
                }
                Set<Integer> v4s = new TreeSet<>();
                for (int i = 0; i < insns.length / 8; i++) {
                    if (unknownTo71(Insn.decode(insns, i)) && (i == 0 || Insn.decode(insns, i - 1).code() != Insn.LD_IMM64)) v4s.add(i);
                }
                assertEquals(v4s, differ, p.getKey() + " " + String.join(" ", opts) + ": lines that differ from 7.1 are the instructions it does not know");
            }
        }
        assertTrue(Peers.bpftool(args(big)).ok().out().contains("\n 1000: (07) r0 += 1000\n"), "7.1's index format");
        assertTrue(Cil.run(args(big)).ok().out().contains("\n1000: (07) r0 += 1000\n"));
    }

    @Test
    void jsonEqualsBpftool71ExceptWhere71IsOlder() throws Exception {
        for (String name : List.of("xl_classifier", "xl_socket", "xl_v3", "fx_a_very_long_tc_program_name", "v4")) {
            byte[] insns = xlatedBytes(progs.get(name));
            for (String[] opts : List.of(new String[0], new String[] {"opcodes"}, new String[] {"linum"})) {
                String[] a = json(args(progs.get(name), opts));
                JsonNode peer = Json.parse(Peers.bpftool(a).ok().out()), ours = Json.parse(Cil.run(a).ok().out());
                assertEquals(peer.size(), ours.size(), name);
                int index = 0;
                for (int e = 0; e < ours.size(); e++) {
                    Insn insn = Insn.decode(insns, index);
                    if (unknownTo71(insn)) {
                        assertEquals(Json.keys(peer.get(e)), Json.keys(ours.get(e)), name + " entry " + e);
                        assertEquals(peer.get(e).get("opcodes"), ours.get(e).get("opcodes"), name + " entry " + e);
                    } else {
                        assertEquals(peer.get(e), ours.get(e), name + " " + String.join(" ", opts) + " entry " + e);
                    }
                    index += insn.isLdImm64() ? 2 : 1;
                }
            }
        }
    }

    static byte[] xlatedBytes(String pin) throws Exception {
        Path f = Files.createTempFile("cil-xlated", ".bin");
        try {
            Cil.run("prog", "dump", "xlated", "pinned", pin, "file", f.toString()).ok();
            return Files.readAllBytes(f);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void loadAcquireAndStoreReleaseAsTheKernelPrintsThem() {
        // bpftool 7.5 predates them (BUG_db, BUG_c3); 7.6+ and the kernel's verifier log print these forms
        List<String> peer = Peers.bpftoolNew(args(acquire)).ok().out().lines().toList();
        List<String> ours = Cil.run(args(acquire)).ok().out().lines().toList();
        assertEquals(peer.size(), ours.size());
        for (int i = 0; i < ours.size(); i++) {
            String o = ours.get(i), t = peer.get(i);
            if (o.contains("load_acquire(") || o.contains("store_release(")) {
                assertEquals(o.substring(0, o.indexOf(": ") + 2) + "BUG_" + o.substring(o.indexOf('(') + 1, o.indexOf(')')), t);
            } else {
                assertEquals(t, o);
            }
        }
    }

    @Test
    void severalProgramsByNameAndTagAsBpftool75() {
        String[] a = {"prog", "dump", "xlated", "name", "xl_tail_target"};
        String ours = Cil.run(a).ok().out();
        assertEquals(Peers.bpftoolNew(a).ok().out(), ours);
        assertTrue(ours.contains("\n\n"), "a blank line between the programs");
        JsonNode j = Json.parse(Cil.run(json(a)).ok().out());
        assertEquals(Json.parse(Peers.bpftoolNew(json(a)).ok().out()), j);
        assertEquals(2, j.size());
        assertEquals(List.of("id", "type", "name", "tag", "gpl_compatible", "insns"), Json.keys(j.get(0)));
        String tag = Json.parse(Cil.run("-j", "prog", "show", "pinned", progs.get("xl_tail_target")).ok().out()).get("tag").asText();
        String[] byTag = {"prog", "dump", "xlated", "tag", tag, "opcodes"};
        assertEquals(Peers.bpftoolNew(byTag).ok().out(), Cil.run(byTag).ok().out());
        assertEquals(Json.parse(Peers.bpftoolNew(json(byTag)).ok().out()), Json.parse(Cil.run(json(byTag)).ok().out()));
    }

    @Test
    void fileHasTheRawInstructions() throws Exception {
        Path dir = Files.createTempDirectory("cil-xlated");
        try {
            String ours = dir.resolve("ours").toString(), theirs = dir.resolve("theirs").toString();
            String pin = progs.get("xl_classifier");
            Cil.Result r = Cil.run("prog", "dump", "xlated", "pinned", pin, "file", ours).ok();
            assertEquals("", r.out());
            Peers.bpftoolNew("prog", "dump", "xlated", "pinned", pin, "file", theirs).ok();
            assertArrayEquals(Files.readAllBytes(Path.of(theirs)), Files.readAllBytes(Path.of(ours)));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(ours))));
            int len = Json.parse(Cil.run("-j", "prog", "show", "pinned", pin).ok().out()).get("bytes_xlated").asInt();
            assertEquals(len, Files.size(Path.of(ours)));
            assertEquals("null\n", Cil.run("-j", "prog", "dump", "xlated", "pinned", pin, "file", ours).ok().out());
        } finally {
            Proc.run("rm", "-rf", dir.toString());
        }
    }

    static void fails(int code, String message, String... args) {
        Cil.Result r = Cil.run(args);
        assertEquals(code, r.code(), String.join(" ", args) + " -> " + r.err() + r.out());
        assertEquals("cil: " + message + "\n", r.err(), String.join(" ", args));
        assertEquals("", r.out());
    }

    @Test
    void badInputIsOneLineAndAnExitCode() {
        String pin = progs.get("xl_socket");
        fails(1, "no program with id 999999", "prog", "dump", "xlated", "id", "999999");
        fails(2, "expected 'xlated' or 'jited', got: 'id'", "prog", "dump", "id", "1");
        fails(2, "expected 'xlated' or 'jited'", "prog", "dump");
        fails(2, "expected PROG (id ID | pinned PATH | tag TAG | name NAME) after 'xlated'", "prog", "dump", "xlated", "id");
        fails(2, "expected file path after 'file'", "prog", "dump", "xlated", "pinned", pin, "file");
        fails(2, "'file' is not compatible with 'opcodes', 'visual', or 'linum'", "prog", "dump", "xlated", "pinned", pin, "file", "/tmp/x", "opcodes");
        fails(2, "unexpected argument 'bogus' (expected file FILE, opcodes, linum or visual)", "prog", "dump", "xlated", "pinned", pin, "bogus");
        fails(2, "'dump jited' is not supported: cil has no JIT disassembler (use 'dump xlated')", "prog", "dump", "jited", "pinned", pin);
        fails(2, "can't parse abc as ID", "prog", "dump", "xlated", "id", "abc");
        fails(1, "nothing pinned at " + pin + "nope", "prog", "dump", "xlated", "pinned", pin + "nope");
        fails(1, "no program named cil_no_such_prog", "prog", "dump", "xlated", "name", "cil_no_such_prog");
        Cil.Result j = Cil.run("-j", "prog", "dump", "xlated", "pinned", pin, "visual");
        assertEquals(2, j.code());
        assertEquals("{\"error\":\"'visual' is not compatible with JSON output\"}\n", j.out());
        Cil.Result several = Cil.run("prog", "dump", "xlated", "name", "xl_tail_target", "file", "/tmp/cil-never-written");
        assertEquals(1, several.code());
        assertTrue(several.err().startsWith("cil: several programs matched (ids "), several.err());
        assertFalse(Files.exists(Path.of("/tmp/cil-never-written")));
        Cil.Result unwritable = Cil.run("prog", "dump", "xlated", "pinned", pin, "file", "/nonexistent-dir/x");
        assertEquals(1, unwritable.code());
        assertEquals("cil: can't write file /nonexistent-dir/x: No such file or directory\n", unwritable.err());
        // bpftool's prefixes: 'p d x i N' is 'prog dump xlated id N'
        String id = "" + Json.parse(Cil.run("-j", "prog", "show", "pinned", pin).ok().out()).get("id").asInt();
        assertEquals(Cil.run("prog", "dump", "xlated", "id", id, "opcodes").ok().out(), Cil.run("p", "d", "x", "i", id, "o").ok().out());
    }
}
