package dev.cil.cli.support;

import dev.cil.testing.Proc;
import dev.cil.testing.Scratch;

import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.Fd;
import dev.cil.internal.sys.NativeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test objects: the clang-compiled fixtures of src/test/c, and tiny programs loaded by our own library. */
public final class Fixtures {
    private Fixtures() { }

    /** A compiled fixture object (target/test-classes/bpf/NAME.o). */
    public static String object(String name) {
        Path p = Path.of("target/test-classes/bpf", name + ".o").toAbsolutePath();
        if (!Files.exists(p)) throw new IllegalStateException(p + " missing: the build compiles src/test/c with clang");
        return p.toString();
    }

    /** Loads fixture_tc.o with bpftool loadall under the scratch dir; returns the prog pin dir and map pin dir. */
    public static String[] loadAllWithBpftool(Scratch s, String obj) {
        String progs = s.pin(obj + "_progs"), maps = s.pin(obj + "_maps");
        Peers.bpftool("prog", "loadall", object(obj), progs, "pinmaps", maps).ok();
        return new String[] {progs, maps};
    }

    /** Loads a fixture with our own loader ({@code cil prog loadall … pinmaps …}); returns the prog and map pin dirs. */
    public static String[] loadAllWithCil(Scratch s, String obj) {
        String progs = s.pin(obj + "_cil_progs"), maps = s.pin(obj + "_cil_maps");
        Cil.run("prog", "loadall", object(obj), progs, "pinmaps", maps).ok();
        return new String[] {progs, maps};
    }

    /** {@code r0 = 0; exit}: the smallest valid program. */
    public static NativeBuffer returnZero() {
        return NativeBuffer.of(new byte[] {(byte) 0xb7, 0, 0, 0, 0, 0, 0, 0, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0});
    }

    /** Loads a socket filter through our own bpf(2) layer, pins it, and closes our fd. */
    public static void loadSocketFilterWithLibrary(String name, String pin) {
        int fd = BpfCalls.progLoad(BpfCalls.ProgLoad.of(1, returnZero(), "GPL", name), name);
        try (Fd f = new Fd(fd, "prog " + name)) {
            BpfCalls.objPin(f.raw(), pin, name);
        }
    }

    /** The ids of objects pinned in a directory, from bpftool (-j show pinned). */
    public static int idOfPinned(String kind, String path) {
        return Json.parse(Peers.bpftool("-j", kind, "show", "pinned", path).ok().out()).get("id").asInt();
    }

    public static List<String> list(String dir) {
        try (var s = Files.list(Path.of(dir))) {
            return s.map(Path::toString).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
