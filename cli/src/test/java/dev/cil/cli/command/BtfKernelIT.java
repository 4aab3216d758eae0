package dev.cil.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cil.cli.support.Cil;
import dev.cil.cli.support.Fixtures;
import dev.cil.cli.support.Json;
import dev.cil.cli.support.Peers;
import dev.cil.testing.KernelTest;
import dev.cil.testing.Proc;
import dev.cil.testing.Scratch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cil btf show|dump} against bpftool, on vmlinux and on BTF objects loaded from a clang object. */
@KernelTest
class BtfKernelIT {
    static String maps, prog;
    static int btfId;
    static Scratch scratch;

    @BeforeAll
    static void load(Scratch s) {
        scratch = s;
        String[] dirs = Fixtures.loadAllWithBpftool(s, "fixture_btf");
        maps = dirs[1];
        prog = dirs[0] + "/fb_prog";
        btfId = Json.parse(Peers.bpftool("-j", "prog", "show", "pinned", prog).ok().out()).get("btf_id").asInt();
    }

    @Test
    void showMatchesBpftool() {
        String id = "" + btfId;
        assertEquals(Peers.bpftool("btf", "show", "id", id).ok().out(), Cil.run("btf", "show", "id", id).ok().out());
        assertEquals(Peers.bpftoolNew("btf", "show", "id", id).ok().out(), Cil.run("btf", "show", "id", id).ok().out());
        JsonNode ours = Json.parse(Cil.run("-j", "btf", "show", "id", id).ok().out());
        assertEquals(Json.parse(Peers.bpftool("-j", "btf", "show", "id", id).ok().out()), ours);
        assertEquals("[vmlinux]", Cil.run("btf", "show", "id", "1").ok().out().split("  ")[0].substring(8));
        JsonNode all = Json.parse(Cil.run("-j", "btf", "list").ok().out());
        assertTrue(all.isArray() && all.size() >= 2);
    }

    @Test
    void rawDumpsAreBpftoolsByteForByte() {
        String id = "" + btfId;
        assertEquals(Peers.bpftool("btf", "dump", "id", id).ok().out(), Cil.run("btf", "dump", "id", id).ok().out());
        assertEquals(Peers.bpftool("-j", "btf", "dump", "id", id).ok().out(), Cil.run("-j", "btf", "dump", "id", id).ok().out());
        String obj = Fixtures.object("fixture_btf");
        assertEquals(Peers.bpftool("btf", "dump", "file", obj).ok().out(), Cil.run("btf", "dump", "file", obj).ok().out());
        String map = maps + "/fb_flows";
        for (String part : new String[] {"key", "value", "kv", "all"}) {
            assertEquals(Peers.bpftool("btf", "dump", "map", "pinned", map, part).ok().out(),
                    Cil.run("btf", "dump", "map", "pinned", map, part).ok().out(), part);
        }
        assertEquals(Peers.bpftool("btf", "dump", "prog", "pinned", prog).ok().out(), Cil.run("btf", "dump", "prog", "pinned", prog).ok().out());
    }

    @Test
    void vmlinuxRawDumpIsBpftools() {
        String vmlinux = "/sys/kernel/btf/vmlinux";
        String ours = Cil.run("btf", "dump", "file", vmlinux, "format", "raw").ok().out();
        assertEquals(Peers.bpftool("btf", "dump", "file", vmlinux, "format", "raw").ok().out(), ours);
        assertTrue(ours.startsWith("[1] INT 'long unsigned int' size=8 bits_offset=0 nr_bits=64 encoding=(none)\n"));
    }

    @Test
    void cFormatCompilesAndMatchesBpftool71WhenAsked() throws Exception {
        String vmlinux = "/sys/kernel/btf/vmlinux";
        assertEquals(Peers.bpftool("btf", "dump", "file", vmlinux, "format", "c").ok().out(),
                Cil.run("btf", "dump", "file", vmlinux, "format", "c", "--bpftool-7.1").ok().out());
        Path dir = Files.createTempDirectory("cilbtf");
        try {
            Files.writeString(dir.resolve("vmlinux.h"), Cil.run("btf", "dump", "file", vmlinux, "format", "c").ok().out());
            Files.writeString(dir.resolve("fixture.h"), Cil.run("btf", "dump", "file", Fixtures.object("fixture_btf"), "format", "c").ok().out());
            Files.writeString(dir.resolve("a.c"), "#include \"vmlinux.h\"\nint f(struct sk_buff *s) { return s->len; }\n");
            Files.writeString(dir.resolve("b.c"), "#include \"fixture.h\"\n_Static_assert(sizeof(struct fb_key) == 8, \"key\");\nint g(struct fb_value *v) { return v->delta; }\n");
            Proc.run("clang", "-target", "bpf", "-O2", "-c", dir.resolve("a.c").toString(), "-o", dir.resolve("a.o").toString()).ok();
            Proc.run("clang", "-target", "bpf", "-O2", "-c", dir.resolve("b.c").toString(), "-o", dir.resolve("b.o").toString()).ok();
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void badInput() {
        Cil.Result r = Cil.run("btf", "dump", "id", "4294967295");
        assertEquals(1, r.code());
        assertEquals("cil: no BTF object with id 4294967295\n", r.err());
        assertEquals(2, Cil.run("btf", "dump", "frob", "1").code());
        assertEquals(2, Cil.run("btf", "dump", "id", "1", "format", "yaml").code());
        Cil.Result c = Cil.run("-j", "btf", "dump", "id", "1", "format", "c");
        assertEquals(2, c.code());
        assertTrue(c.out().contains("JSON output for C-syntax dump is not supported"), c.out());
        Cil.Result f = Cil.run("btf", "dump", "file", "/etc/hostname");
        assertEquals(1, f.code());
        assertTrue(f.err().startsWith("cil: bad BTF in /etc/hostname"), f.err());
        Cil.Result nf = Cil.run("btf", "dump", "file", "/nonexistent");
        assertEquals("cil: no such file: /nonexistent\n", nf.err());
        assertEquals(1, Cil.run("btf", "dump", "id", "1", "root_id", "999999999").code());
    }
}
