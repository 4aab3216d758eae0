package dev.cil.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cil.cli.support.Cil;
import dev.cil.cli.support.Fixtures;
import dev.cil.cli.support.Json;
import dev.cil.testing.KernelTest;
import dev.cil.cli.support.Peers;
import dev.cil.testing.Scratch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cil prog show} against bpftool 7.1 and 7.5, on programs loaded by bpftool and by our library. */
@KernelTest
class ProgShowKernelIT {
    static final List<Integer> ids = new ArrayList<>();
    static String tcPin;
    static String sfPin;

    @BeforeAll
    static void load(Scratch s) {
        String[] dirs = Fixtures.loadAllWithBpftool(s, "fixture_tc");
        for (String p : Fixtures.list(dirs[0])) ids.add(Fixtures.idOfPinned("prog", p));
        tcPin = dirs[0] + "/fx_a_very_long_tc_program_name";
        sfPin = s.pin("sf");
        Fixtures.loadSocketFilterWithLibrary(s.name("sf"), sfPin);
        ids.add(Fixtures.idOfPinned("prog", sfPin));
        assertEquals(3, ids.size());
    }

    @Test
    void jsonHasEveryKeyBpftoolPrints() {
        for (int id : ids) {
            JsonNode ours = Json.parse(Cil.run("-j", "prog", "show", "id", "" + id).ok().out());
            JsonNode old = Json.parse(Peers.bpftool("-j", "prog", "show", "id", "" + id).ok().out());
            JsonNode neu = Json.parse(Peers.bpftoolNew("-j", "prog", "show", "id", "" + id).ok().out());
            Json.assertCovers(old, ours, Set.of("orphaned"), "prog " + id + " vs bpftool 7.1");
            assertEquals(neu, ours, "prog " + id + " vs bpftool 7.5");
            assertEquals(Json.keys(neu), Json.keys(ours), "key order of prog " + id);
            assertEquals(Peers.bpftoolNew("-p", "prog", "show", "id", "" + id).ok().out(), Cil.run("-p", "prog", "show", "id", "" + id).ok().out(),
                    "-p of prog " + id + ": bpftool 7.5's bytes");
        }
        // the whole machine's list: another program may come or go between the two reads, so up to 3 tries
        String peer = null, ours = null;
        for (int i = 0; i < 3 && (peer == null || !peer.equals(ours)); i++) {
            peer = Peers.bpftoolNew("-p", "prog", "show").ok().out();
            ours = Cil.run("-p", "prog", "show").ok().out();
        }
        assertEquals(peer, ours, "-p list: [{ … },{ … }]");
    }

    @Test
    void metadataOfProgramsLoadedByBpftoolAndByUsEqualsBpftools(Scratch s) {
        List<Integer> md = new ArrayList<>();
        for (String[] dirs : List.of(Fixtures.loadAllWithBpftool(s, "fixture_metadata"), Fixtures.loadAllWithCil(s, "fixture_metadata"))) {
            for (String p : Fixtures.list(dirs[0])) md.add(Fixtures.idOfPinned("prog", p));
        }
        assertEquals(4, md.size(), "md_reads and md_ignores, loaded twice");
        for (int id : md) {
            String text = Cil.run("prog", "show", "id", "" + id).ok().out();
            assertTrue(text.contains("\tmetadata:\n\t\towner = \"cil tests\"\n\t\tversion = 42\n"), text);
            assertEquals(Peers.bpftool("prog", "show", "id", "" + id).ok().out(), text, "prog " + id + " vs bpftool 7.1");
            assertEquals(Peers.bpftoolNew("prog", "show", "id", "" + id).ok().out(), text, "prog " + id + " vs bpftool 7.5");
            JsonNode ours = Json.parse(Cil.run("-j", "prog", "show", "id", "" + id).ok().out());
            assertEquals("cil tests", ours.path("metadata").path("owner").asText());
            assertEquals(Json.parse(Peers.bpftoolNew("-j", "prog", "show", "id", "" + id).ok().out()), ours, "prog " + id + " vs bpftool 7.5");
            Json.assertCovers(Json.parse(Peers.bpftool("-j", "prog", "show", "id", "" + id).ok().out()), ours, Set.of("orphaned"),
                    "prog " + id + " vs bpftool 7.1");
        }
    }

    @Test
    void textEqualsBpftoolLineForLine() {
        for (int id : ids) {
            String ours = Cil.run("prog", "show", "id", "" + id).ok().out();
            assertEquals(Peers.bpftool("prog", "show", "id", "" + id).ok().out(), ours, "prog " + id + " vs bpftool 7.1");
            assertEquals(Peers.bpftoolNew("prog", "show", "id", "" + id).ok().out(), ours, "prog " + id + " vs bpftool 7.5");
        }
    }

    @Test
    void clangObjectLoadedByBpftoolShowsTheKernelsFacts() {
        JsonNode p = Json.parse(Cil.run("-j", "prog", "show", "pinned", tcPin).ok().out());
        JsonNode peer = Json.parse(Peers.bpftool("-j", "prog", "show", "pinned", tcPin).ok().out());
        assertEquals("fx_a_very_long_tc_program_name", p.get("name").asText(), "full BTF name, not the 15-char kernel name");
        assertEquals("sched_cls", p.get("type").asText());
        for (String k : List.of("tag", "bytes_xlated", "bytes_jited", "map_ids", "btf_id")) assertEquals(peer.get(k), p.get(k), k);
        assertEquals(2, p.get("map_ids").size(), "fx_counts and fx_calls");
    }

    @Test
    void selectorsByPinTagAndName() {
        JsonNode byPin = Json.parse(Cil.run("-j", "prog", "show", "pinned", sfPin).ok().out());
        assertTrue(byPin.isObject());
        String tag = byPin.get("tag").asText();
        JsonNode byTag = Json.parse(Cil.run("-j", "prog", "show", "tag", tag).ok().out());
        JsonNode peerTag = Json.parse(Peers.bpftoolNew("-j", "prog", "show", "tag", tag).ok().out());
        assertEquals(peerTag, byTag, "tag may match several programs: same object or array as bpftool");
        JsonNode byName = Json.parse(Cil.run("-j", "prog", "show", "name", "fx_a_very_long_tc_program_name").ok().out());
        JsonNode peerName = Json.parse(Peers.bpftoolNew("-j", "prog", "show", "name", "fx_a_very_long_tc_program_name").ok().out());
        assertEquals(peerName, byName);
        // bpftool's prefixes: 'p s i N' is 'prog show id N'
        assertEquals(Cil.run("prog", "show", "id", "" + ids.get(0)).out(), Cil.run("p", "s", "i", "" + ids.get(0)).ok().out());
    }

    @Test
    void pinnedPathsWithBpffsFlag() {
        String ours = Cil.run("-f", "prog", "show", "pinned", tcPin).ok().out();
        assertEquals(Peers.bpftoolNew("-f", "prog", "show", "pinned", tcPin).ok().out(), ours);
        assertTrue(ours.contains("\tpinned " + tcPin + "\n"));
        JsonNode j = Json.parse(Cil.run("-j", "-f", "prog", "show", "pinned", tcPin).ok().out());
        assertEquals(Json.parse(Peers.bpftoolNew("-j", "-f", "prog", "show", "pinned", tcPin).ok().out()), j);
    }

    @Test
    void fullListingIsSortedAndHasOurPrograms() {
        JsonNode all = Json.parse(Cil.run("-j", "prog", "show").ok().out());
        assertTrue(all.isArray());
        List<Integer> listed = new ArrayList<>();
        for (JsonNode n : all) listed.add(n.get("id").asInt());
        for (int i = 1; i < listed.size(); i++) assertTrue(listed.get(i - 1) < listed.get(i), "ascending ids");
        assertTrue(listed.containsAll(ids), "listing " + listed + " has " + ids);
        String text = Cil.run("prog", "list").ok().out();
        for (int id : ids) assertTrue(text.contains("\n" + id + ": ") || text.startsWith(id + ": "), "text listing has " + id);
    }
}
