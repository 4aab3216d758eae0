package dev.cil.cli.completion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cil.cli.GlobalOptions;
import dev.cil.cli.InNamespace;
import dev.cil.cli.support.Fixtures;
import dev.cil.cli.support.Json;
import dev.cil.cli.support.Peers;
import dev.cil.internal.sys.BpfCalls;
import dev.cil.internal.sys.Fd;
import dev.cil.internal.sys.Sys;
import dev.cil.testing.KernelTest;
import dev.cil.testing.Proc;
import dev.cil.testing.Scratch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live completion against the real kernel: objects made by the test (maps by bpftool, a program and
 * a netns link by our bpf layer, a veth in a test namespace) come back from {@code cil __complete}
 * (the packaged jar), from the bash and fish scripts calling it, and from the engine in-process for
 * devices and BTF ids; the peers (bpftool, ip) say what should be there.
 */
@KernelTest
class CompletionKernelIT {
    static Scratch s;
    static String mapA, mapB, prog, ns, dev;
    static int mapAId, progId, linkId;
    static Path bin;

    @BeforeAll
    static void objects(Scratch scratch) throws Exception {
        s = scratch;
        mapA = s.name("ca");
        mapB = s.name("cb");
        for (String m : List.of(mapA, mapB)) {
            Peers.bpftool("map", "create", s.pin(m), "type", "hash", "key", "4", "value", "4", "entries", "4", "name", m).ok();
        }
        mapAId = Fixtures.idOfPinned("map", s.pin(mapA));
        prog = s.name("cp");
        Fixtures.loadSocketFilterWithLibrary(prog, s.pin(prog));
        progId = Fixtures.idOfPinned("prog", s.pin(prog));
        ns = s.netns("cn");
        dev = s.name("v");
        Proc.run("ip", "-n", ns, "link", "add", dev, "type", "veth", "peer", "name", dev + "p").ok();
        InNamespace.call(ns, () -> {
            try (Fd fd = new Fd(BpfCalls.progLoad(BpfCalls.ProgLoad.of(22, Fixtures.returnZero(), "GPL", "cil_flow"), "cil_flow"), "flow");
                 Fd self = new Fd(Sys.get().open("/proc/thread-self/ns/net", Sys.O_RDONLY, 0), "netns");
                 Fd link = new Fd(BpfCalls.linkCreate(fd.raw(), self.raw(), 17, 0, 0, 0, "netns"), "link")) {
                BpfCalls.objPin(link.raw(), s.pin("link"), "link");
            }
            return null;
        });
        linkId = Json.parse(Peers.bpftoolNew("-j", "link", "show", "pinned", s.pin("link")).printed().out()).get("id").asInt();
        // `cil` on PATH: the packaged jar
        bin = Files.createTempDirectory("cilbin");
        Path cil = bin.resolve("cil");
        Files.writeString(cil, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar '" + Path.of("target/cil.jar").toAbsolutePath() + "' \"$@\"\n");
        Files.setPosixFilePermissions(cil, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    static void clean() throws IOException {
        if (bin == null) return;
        try (var st = Files.walk(bin)) {
            for (Path p : st.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    static Map<String, String> env() { return Map.of("PATH", bin + ":" + System.getenv("PATH")); }

    /** {@code cil __complete} from the jar: value, or value TAB description for fish. */
    static List<String> complete(String shell, String... words) {
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("cil").toString(), "__complete", "--shell", shell, "--"));
        cmd.addAll(List.of(words));
        Sh.Result r = Sh.run(cmd, env());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "completion prints no error");
        return r.out().lines().toList();
    }

    @Test
    void mapNamesAndIds() {
        assertEquals(List.of(mapA, mapB), complete("bash", "map", "dump", "name", s.prefix()));
        assertEquals(List.of(mapA + "\tid " + mapAId), complete("fish", "map", "dump", "name", mapA));
        assertTrue(complete("bash", "map", "show", "id", "").contains(Integer.toString(mapAId)));
        List<String> ids = complete("fish", "map", "lookup", "id", Integer.toString(mapAId));
        assertTrue(ids.contains(mapAId + "\thash " + mapA), ids.toString());
    }

    @Test
    void programIdsNamesAndTags() {
        List<String> ids = complete("fish", "prog", "show", "id", "");
        assertTrue(ids.contains(progId + "\tsocket_filter " + prog), ids.toString());
        assertEquals(List.of(prog), complete("bash", "p", "s", "n", prog.substring(0, prog.length() - 1)));
        String tag = Json.parse(Peers.bpftool("-j", "prog", "show", "id", Integer.toString(progId)).ok().out()).get("tag").asText();
        assertTrue(complete("bash", "prog", "show", "tag", tag.substring(0, 4)).contains(tag));
    }

    @Test
    void linkIdsAndPinnedPaths() {
        assertTrue(complete("bash", "link", "show", "id", "").contains(Integer.toString(linkId)));
        List<String> pins = complete("bash", "map", "dump", "pinned", s.pinDir() + "/" + s.prefix());
        assertEquals(List.of(s.pin(mapA), s.pin(mapB), s.pin(prog)), pins, "pinned files, as bpftool's completion offers them");
        assertEquals(List.of("/sys/fs/bpf/"), complete("bash", "map", "dump", "pinned", ""), "pins start in bpffs");
    }

    @Test
    void namespacesForNetns() {
        assertEquals(List.of(ns), complete("bash", "--netns", ns.substring(0, ns.length() - 1)));
        assertTrue(complete("bash", "prog", "show", "--netns", "").contains(ns));
    }

    /** A command as later ones will look: devices and BTF ids from its grammar. */
    @Command(name = "cil")
    static final class Root {
        @Mixin GlobalOptions global;

        @Command(name = "net", description = "Devices.")
        void net(@Parameters(paramLabel = "ARGS", description = "dev DEV | btf BTF") List<String> args) { }
    }

    @Test
    void devicesOfTheNamespaceOnTheLineAndBtfIds() {
        CompletionEngine e = new CompletionEngine(new CommandLine(new Root()).getCommandSpec(), Providers.load(), Duration.ofSeconds(10));
        TreeSet<String> peer = new TreeSet<>();
        for (JsonNode l : Json.parse(Proc.run("ip", "-n", ns, "-j", "link", "show").ok().out())) peer.add(l.get("ifname").asText());
        TreeSet<String> ours = new TreeSet<>();
        e.complete(List.of("--netns", ns, "net", "dev", "")).forEach(c -> ours.add(c.value()));
        assertEquals(peer, ours, "the devices of " + ns);
        assertTrue(ours.contains(dev) && ours.contains("lo"));
        TreeSet<String> root = new TreeSet<>();
        e.complete(List.of("net", "dev", "")).forEach(c -> root.add(c.value()));
        assertTrue(!root.contains(dev), "without --netns: the caller's namespace");
        JsonNode btfs = Json.parse(Peers.bpftool("-j", "btf", "list").ok().out());
        String vmlinux = null;
        for (JsonNode b : btfs) if ("vmlinux".equals(b.path("name").asText())) vmlinux = b.get("id").asText();
        List<String> ids = e.complete(List.of("net", "btf", "id", "")).stream().map(Candidate::value).toList();
        assertTrue(ids.contains(vmlinux), "vmlinux BTF " + vmlinux + " in " + ids);
    }

    @Test
    void bashAndFishWithTheRealCil() {
        List<String> bash = Sh.run(List.of("bash", "--norc", "--noprofile", "-c",
                Sh.bashComplete("completions/cil.bash", "cil", "map", "dump", "name", s.prefix())), env()).out().lines().sorted().toList();
        assertEquals(List.of(mapA, mapB), bash);
        List<String> progs = Sh.run(List.of("bash", "--norc", "--noprofile", "-c",
                Sh.bashComplete("completions/cil.bash", "cil", "prog", "show", "id", "")), env()).out().lines().toList();
        assertTrue(progs.contains(Integer.toString(progId)), progs.toString());
        assertEquals(List.of("prog"), Sh.run(List.of("bash", "--norc", "--noprofile", "-c",
                Sh.bashComplete("completions/cil.bash", "cil", "pr")), env()).out().lines().toList());
        List<String> fish = Sh.run(List.of(Sh.need("fish"), "-N", "-c", "source completions/cil.fish; complete -C "
                + Sh.quote("cil map dump name " + s.prefix())), env()).out().lines().sorted().toList();
        assertEquals(2, fish.size(), fish.toString());
        assertTrue(fish.get(0).startsWith(mapA + "\tid "), fish.toString());
    }
}
