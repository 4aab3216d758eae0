package dev.cil.cli.command;

import dev.cil.cli.support.Cil;
import dev.cil.cli.support.Fixtures;
import dev.cil.testing.KernelTest;
import dev.cil.cli.support.Peers;
import dev.cil.testing.Proc;
import dev.cil.testing.Scratch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a prog/map/link command can be given bad input: one line, the documented exit code, no trace. */
@KernelTest
class BadInputKernelIT {
    static String map, ring, prog;

    @BeforeAll
    static void objects(Scratch s) {
        map = s.pin("m");
        Peers.bpftool("map", "create", map, "type", "hash", "key", "4", "value", "8", "entries", "4", "name", s.name("m")).ok();
        ring = s.pin("r");
        Peers.bpftool("map", "create", ring, "type", "ringbuf", "key", "0", "value", "0", "entries", "4096", "name", s.name("r")).ok();
        prog = s.pin("p");
        Fixtures.loadSocketFilterWithLibrary(s.name("p"), prog);
    }

    static void fails(int code, String message, String... args) {
        Cil.Result r = Cil.run(args);
        assertEquals(code, r.code(), String.join(" ", args) + " -> " + r.err() + r.out());
        assertEquals("cil: " + message + "\n", r.err(), String.join(" ", args));
        assertEquals("", r.out());
    }

    static void failsLike(int code, String start, String... args) {
        Cil.Result r = Cil.run(args);
        assertEquals(code, r.code(), String.join(" ", args) + " -> " + r.err());
        assertTrue(r.err().startsWith("cil: " + start), String.join(" ", args) + " -> " + r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void unknownIdsAndNames() {
        fails(1, "no program with id 4294967295", "prog", "show", "id", "4294967295");
        fails(1, "no map with id 4294967295", "map", "show", "id", "4294967295");
        fails(1, "no map with id 4294967295", "map", "dump", "id", "4294967295");
        fails(1, "no link with id 4294967295", "link", "show", "id", "4294967295");
        fails(1, "no program named cil_no_such_prog", "prog", "show", "name", "cil_no_such_prog");
        fails(1, "no map named cil_no_such_map", "map", "show", "name", "cil_no_such_map");
        fails(1, "no program with tag 0011223344556677", "prog", "show", "tag", "0011223344556677");
    }

    @Test
    void jsonModeErrorsAreJsonOnStdout() {
        Cil.Result r = Cil.run("-j", "prog", "show", "id", "4294967295");
        assertEquals(1, r.code());
        assertEquals("{\"error\":\"no program with id 4294967295\"}\n", r.out());
        assertEquals("", r.err());
        Cil.Result u = Cil.run("-j", "prog", "show", "id", "abc");
        assertEquals(2, u.code());
        assertTrue(u.out().startsWith("{\"error\":\"can't parse abc as ID"), u.out());
    }

    @Test
    void malformedArguments() {
        failsLike(2, "can't parse abc as ID", "prog", "show", "id", "abc");
        failsLike(2, "what is 'id'?", "prog", "show", "id");
        failsLike(2, "expected 'id', 'tag', 'name' or 'pinned', got: 'foo'", "prog", "show", "foo", "1");
        failsLike(2, "error parsing byte: zz", "map", "lookup", "pinned", map, "key", "1", "zz", "0", "0");
        failsLike(2, "key expected 4 bytes got 2", "map", "lookup", "pinned", map, "key", "1", "0");
        failsLike(2, "error parsing byte: 256", "map", "update", "pinned", map, "key", "256", "0", "0", "0", "value", "0", "0", "0", "0", "0", "0", "0", "0");
        failsLike(2, "value expected 8 bytes got 1", "map", "update", "pinned", map, "key", "1", "0", "0", "0", "value", "1");
        failsLike(2, "unexpected argument 'extra'", "map", "show", "pinned", map, "extra");
        failsLike(2, "can't parse tag", "prog", "show", "tag", "xyz");
        failsLike(2, "unknown map type 'nosuchtype'", "map", "create", "/sys/fs/bpf/x", "type", "nosuchtype", "key", "4", "value", "4", "entries", "1", "name", "x");
        failsLike(2, "Unmatched argument at index 0: 'frobnicate'", "frobnicate");
        failsLike(2, "Unknown option: '--nosuch'", "prog", "show", "--nosuch");
    }

    @Test
    void pinnedPathsThatAreNotWhatWasAskedFor() {
        fails(1, "nothing pinned at /sys/fs/bpf/cil-no-such-pin", "map", "dump", "pinned", "/sys/fs/bpf/cil-no-such-pin");
        fails(1, "/etc/hostname is not in a bpf file system", "map", "show", "pinned", "/etc/hostname");
        fails(1, map + " is a pinned map, not a program", "prog", "show", "pinned", map);
        fails(1, prog + " is a pinned program, not a map", "map", "dump", "pinned", prog);
        fails(1, prog + " is a pinned program, not a link", "link", "show", "pinned", prog);
        fails(1, "/sys/fs/bpf is a directory, not a pinned BPF object", "map", "dump", "pinned", "/sys/fs/bpf");
        fails(1, "/etc/hostname is not in a bpf file system", "monitor", "--pinned", "/etc/hostname");
        failsLike(1, "map ", "monitor", "--pinned", map);
        assertTrue(Cil.run("monitor", "--pinned", map).err().endsWith("is a hash map, not a ringbuf\n"));
    }

    @Test
    void aGlobalOptionsBadValueIsItsOwnSentence() {
        failsLike(2, "invalid node name 'bad/name': ", "-N", "bad/name", "status");
    }

    @Test
    void operationsAMapTypeDoesNotSupport() {
        failsLike(1, "map ", "map", "dump", "pinned", ring);
        Cil.Result r = Cil.run("map", "dump", "pinned", ring);
        assertTrue(r.err().contains("is a ringbuf map: no keys to walk"), r.err());
        assertEquals("Found 0 elements\n", r.out(), "bpftool's empty dump on stdout");
        Cil.Result miss = Cil.run("map", "delete", "pinned", map, "key", "7", "0", "0", "0");
        assertEquals(1, miss.code());
        assertTrue(miss.err().startsWith("cil: delete failed: no such key"), miss.err());
        Cil.Result next = Cil.run("map", "getnext", "pinned", map);
        assertEquals(1, next.code());
        assertEquals("cil: can't get next key: the map is empty\n", next.err());
    }

    @Test
    void withoutPrivilegesTheMessageSaysSo() throws Exception {
        Path built = Path.of("target/cil.jar").toAbsolutePath();
        assertTrue(Files.exists(built), "the packaged jar");
        // a copy the unprivileged user can read wherever the checkout lives (a 0700 temp dir in CI, a home)
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "cil-nobody-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path jar = dir.resolve("cil.jar");
        try {
            Files.copy(built, jar);
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
            Proc.Result r = Proc.run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
                    "java", "-Djava.io.tmpdir=/tmp", "-jar", jar.toString(), "prog", "show");
            assertEquals(3, r.code(), r.err());
            assertTrue(r.err().startsWith("cil: PROG_GET_NEXT_ID: Operation not permitted (EPERM; need root"), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            Proc.Result j = Proc.run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
                    "java", "-Djava.io.tmpdir=/tmp", "-jar", jar.toString(), "-j", "map", "show", "id", "1");
            assertEquals(3, j.code(), j.err());
            assertTrue(j.out().startsWith("{\"error\":"), j.out());
        } finally {
            Files.deleteIfExists(jar);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void debugShowsTheStackTrace() {
        Cil.Result r = Cil.run("--debug", "prog", "show", "id", "4294967295");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("cil: no program with id 4294967295\n"));
        assertTrue(r.err().contains("\tat "), "trace with --debug");
    }
}
