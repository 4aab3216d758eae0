package dev.cil.cli.command;

import dev.cil.cli.support.Cil;
import dev.cil.cli.support.Fixtures;
import dev.cil.cli.support.Json;
import dev.cil.cli.support.Peers;
import dev.cil.testing.KernelTest;
import dev.cil.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cil prog load|loadall}: pins, options, and every way a load can fail. */
@KernelTest
class ProgLoadKernelIT {
    @Test
    void loadPinsTheFirstProgramAndLoadallEvery(Scratch s) {
        String one = s.pin("one");
        Cil.run("prog", "load", Fixtures.object("fixture_count"), one).ok();
        assertEquals("cnt_tc", Json.parse(Peers.bpftool("-j", "prog", "show", "pinned", one).ok().out()).get("name").asText());
        String dir = s.pin("all"), maps = s.pin("all_maps");
        assertEquals("null\n", Cil.run("-j", "prog", "loadall", Fixtures.object("fixture_count"), dir, "pinmaps", maps).ok().out());
        assertEquals(3, Fixtures.list(dir).size(), "cnt_tc, cnt_tc_b, cnt_xdp");
        assertEquals(1, Fixtures.list(maps).size(), "cnt_packets");
    }

    @Test
    void reusesAMapAndForcesAType(Scratch s) {
        String shared = s.pin("shared");
        Peers.bpftool("map", "create", shared, "type", "array", "key", "4", "value", "8", "entries", "3", "name", s.name("sh")).ok();
        String prog = s.pin("forced");
        Cil.run("prog", "load", Fixtures.object("fixture_count"), prog, "type", "tc", "map", "name", "cnt_packets", "pinned", shared).ok();
        int mapId = Json.parse(Peers.bpftool("-j", "map", "show", "pinned", shared).ok().out()).get("id").asInt();
        assertEquals(mapId, Json.parse(Peers.bpftool("-j", "prog", "show", "pinned", prog).ok().out()).get("map_ids").get(0).asInt());
        String badShared = s.pin("bad_shared");
        Peers.bpftool("map", "create", badShared, "type", "hash", "key", "4", "value", "8", "entries", "3", "name", s.name("bs")).ok();
        Cil.Result r = Cil.run("prog", "load", Fixtures.object("fixture_count"), s.pin("x"), "map", "name", "cnt_packets", "pinned", badShared);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("incompatible: type hash vs array"), r.err());
        assertFalse(Files.exists(Path.of(s.pin("x"))));
    }

    @Test
    void verifierRejectionShowsTheLog(Scratch s) {
        Cil.Result r = Cil.run("prog", "load", Fixtures.object("fixture_bad"), s.pin("bad"));
        assertEquals(1, r.code());
        String[] lines = r.err().split("\n");
        assertTrue(lines[0].startsWith("cil: PROG_LOAD on prog bad_prog (section tc) of fixture_bad: Invalid argument (EINVAL; verifier: invalid read from stack"), lines[0]);
        assertEquals("verifier log (last 15 lines; --debug prints all of it):", lines[1]);
        assertTrue(lines.length <= 2 + 15 && lines.length > 3, r.err());
        assertFalse(r.err().contains("\tat "));
        Cil.Result d = Cil.run("--debug", "prog", "load", Fixtures.object("fixture_bad"), s.pin("bad"));
        assertTrue(d.err().contains("func#0 @0") || d.err().contains("0: (61)"), "the whole log: " + d.err());
        Cil.Result j = Cil.run("-j", "prog", "load", Fixtures.object("fixture_bad"), s.pin("bad"));
        assertTrue(Json.parse(j.out()).get("verifier_log").asText().contains("invalid read from stack"));
        assertFalse(Files.exists(Path.of(s.pin("bad"))));
    }

    @Test
    void badInput(Scratch s) throws Exception {
        Cil.Result none = Cil.run("prog", "load", "/nonexistent.o", s.pin("n"));
        assertEquals(1, none.code());
        assertEquals("cil: no such object file: /nonexistent.o\n", none.err());
        Path notElf = Files.createTempFile("cil", ".o");
        try {
            Files.writeString(notElf, "not an object");
            Cil.Result r = Cil.run("prog", "load", notElf.toString(), s.pin("n"));
            assertEquals(1, r.code());
            assertTrue(r.err().startsWith("cil: " + notElf + ": "), r.err());
            assertEquals(1, r.err().lines().count());
        } finally {
            Files.delete(notElf);
        }
        assertEquals(2, Cil.run("prog", "load", Fixtures.object("fixture_count"), s.pin("n"), "type", "nosuchtype").code());
        assertEquals(2, Cil.run("prog", "load", Fixtures.object("fixture_count"), s.pin("n"), "map", "name", "nosuch", "id", "1").code());
        assertEquals(2, Cil.run("prog", "load", Fixtures.object("fixture_count")).code());
    }
}
