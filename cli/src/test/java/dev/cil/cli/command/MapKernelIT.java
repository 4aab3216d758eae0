package dev.cil.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cil.bpf.BpfMap;
import dev.cil.bpf.MapType;
import dev.cil.cli.support.Cil;
import dev.cil.cli.support.Fixtures;
import dev.cil.cli.support.Json;
import dev.cil.testing.KernelTest;
import dev.cil.cli.support.Peers;
import dev.cil.testing.Scratch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cil map show|dump|lookup|getnext|update|delete|pin|freeze} against bpftool 7.1 and 7.5, on maps
 * created by bpftool, by our library, and by a clang object's loader (BTF maps, a prog array with an owner).
 */
@KernelTest
class MapKernelIT {
    /** pin path → kind, for every map the class made. */
    static final Map<String, String> maps = new LinkedHashMap<>();
    static Scratch scratch;

    @BeforeAll
    static void create(Scratch s) {
        scratch = s;
        bpftoolMap(s, "hash", "hash", 4, 8, 64, 0);
        bpftoolMap(s, "array", "array", 4, 8, 5, 0);
        bpftoolMap(s, "pchash", "percpu_hash", 4, 12, 32, 0);
        bpftoolMap(s, "pcarray", "percpu_array", 4, 8, 3, 0);
        bpftoolMap(s, "lru", "lru_hash", 4, 8, 64, 0);
        bpftoolMap(s, "lpm", "lpm_trie", 8, 4, 32, 1);
        bpftoolMap(s, "big", "hash", 20, 30, 8, 0); // multi-line entries
        bpftoolMap(s, "ring", "ringbuf", 0, 0, 4096, 0);
        bpftoolMap(s, "progs", "prog_array", 4, 4, 4, 0);
        // created by our own library
        for (MapType t : List.of(MapType.HASH, MapType.PERCPU_ARRAY, MapType.LPM_TRIE)) {
            String pin = s.pin("lib_" + t.kernelName());
            int flags = t == MapType.LPM_TRIE ? 1 : 0;
            int key = t == MapType.LPM_TRIE ? 8 : 4;
            try (BpfMap m = BpfMap.create(BpfMap.CreateOptions.of(t, key, 16, 8, flags, s.name("l" + t.number())))) {
                m.pin(pin);
            }
            maps.put(pin, t.kernelName());
        }
        // loaded from a clang object: maps with BTF, and a prog array owned by a tc program
        String[] dirs = Fixtures.loadAllWithBpftool(s, "fixture_tc");
        maps.put(dirs[1] + "/fx_counts", "hash");
        maps.put(dirs[1] + "/fx_calls", "prog_array");
        fill();
    }

    static void bpftoolMap(Scratch s, String suffix, String type, int key, int value, int entries, int flags) {
        String pin = s.pin(suffix);
        Peers.bpftool("map", "create", pin, "type", type, "key", "" + key, "value", "" + value, "entries", "" + entries,
                "name", s.name(suffix.substring(0, Math.min(4, suffix.length()))), "flags", "" + flags).ok();
        maps.put(pin, type);
    }

    static void fill() {
        for (int i = 1; i <= 20; i++) {
            Peers.bpftool("map", "update", "pinned", scratch.pin("hash"), "key", "" + i, "0", "0", "0",
                    "value", "" + (i * 7 % 256), "1", "2", "3", "4", "5", "6", "0xff").ok();
            Peers.bpftool("map", "update", "pinned", scratch.pin("lru"), "key", "" + i, "0", "0", "0",
                    "value", "" + i, "0", "0", "0", "0", "0", "0", "0").ok();
        }
        for (int i = 0; i < 3; i++) {
            Peers.bpftool("map", "update", "pinned", scratch.pin("array"), "key", "" + i, "0", "0", "0",
                    "value", "hex", "de", "ad", "be", "ef", "0" + i, "00", "00", "00").ok();
        }
        for (int i = 0; i < 5; i++) {
            Peers.bpftool("map", "update", "pinned", scratch.pin("pchash"), "key", "" + i, "0", "0", "0",
                    "value", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "" + i).ok();
        }
        Peers.bpftool("map", "update", "pinned", scratch.pin("pcarray"), "key", "1", "0", "0", "0",
                "value", "9", "0", "0", "0", "0", "0", "0", "0").ok();
        Peers.bpftool("map", "update", "pinned", scratch.pin("lpm"), "key", "32", "0", "0", "0", "172", "16", "1", "111",
                "value", "0xde", "0x61", "0", "0").ok();
        Peers.bpftool("map", "update", "pinned", scratch.pin("lpm"), "key", "24", "0", "0", "0", "10", "1", "2", "0",
                "value", "1", "0", "0", "0").ok();
        byte[] k = new byte[20];
        for (int i = 0; i < 3; i++) {
            String[] args = new String[5 + 20 + 1 + 30];
            int p = 0;
            args[p++] = "map"; args[p++] = "update"; args[p++] = "pinned"; args[p++] = scratch.pin("big"); args[p++] = "key";
            for (int j = 0; j < 20; j++) args[p++] = "" + ((j + i) & 0xff);
            args[p++] = "value";
            for (int j = 0; j < 30; j++) args[p++] = "" + ((j * 3 + i) & 0xff);
            Peers.bpftool(args).ok();
        }
    }

    static int id(String pin) { return Fixtures.idOfPinned("map", pin); }

    @Test
    void showJsonMatchesBpftool() {
        for (String pin : maps.keySet()) {
            String id = "" + id(pin);
            JsonNode ours = Json.parse(Cil.run("-j", "map", "show", "id", id).ok().out());
            JsonNode old = Json.parse(Peers.bpftool("-j", "map", "show", "id", id).ok().out());
            JsonNode neu = Json.parse(Peers.bpftoolNew("-j", "map", "show", "id", id).ok().out());
            Json.assertCovers(old, ours, Set.of(), maps.get(pin) + " " + pin + " vs bpftool 7.1");
            assertEquals(neu, ours, maps.get(pin) + " " + pin + " vs bpftool 7.5");
            assertEquals(Json.keys(neu), Json.keys(ours));
        }
    }

    @Test
    void prettyJsonIsBpftoolsBytes() {
        for (String pin : maps.keySet()) {
            assertEquals(Peers.bpftoolNew("-p", "map", "show", "pinned", pin).ok().out(), Cil.run("-p", "map", "show", "pinned", pin).ok().out(), pin);
        }
    }

    @Test
    void showTextMatchesBpftool() {
        for (String pin : maps.keySet()) {
            String id = "" + id(pin);
            String ours = Cil.run("map", "show", "id", id).ok().out();
            assertEquals(Peers.bpftool("map", "show", "id", id).ok().out(), ours, pin + " vs bpftool 7.1");
            assertEquals(Peers.bpftoolNew("map", "show", "id", id).ok().out(), ours, pin + " vs bpftool 7.5");
        }
        String calls = Cil.run("map", "show", "pinned", scratch.pin("fixture_tc_maps") + "/fx_calls").ok().out();
        assertTrue(calls.contains("\towner_prog_type sched_cls  owner jited\n"), calls);
    }

    @Test
    void dumpMatchesBpftoolForEveryRawMapType() {
        for (String s : List.of("hash", "array", "pchash", "pcarray", "lru", "lpm", "big", "lib_hash", "lib_percpu_array", "lib_lpm_trie")) {
            String pin = scratch.pin(s);
            assertEquals(Peers.bpftool("map", "dump", "pinned", pin).ok().out(), Cil.run("map", "dump", "pinned", pin).ok().out(), s + " text");
            assertEquals(Json.parse(Peers.bpftool("-j", "map", "dump", "pinned", pin).ok().out()),
                    Json.parse(Cil.run("-j", "map", "dump", "pinned", pin).ok().out()), s + " json");
            assertEquals(Json.parse(Peers.bpftool("-j", "map", "dump", "pinned", pin).ok().out()),
                    Json.parse(Cil.run("-p", "map", "dump", "pinned", pin).ok().out()), s + " pretty json");
        }
        String hash = Cil.run("map", "dump", "pinned", scratch.pin("hash")).ok().out();
        assertTrue(hash.endsWith("Found 20 elements\n"), hash);
        assertEquals("Found 0 elements\n", Cil.run("map", "dump", "pinned", scratch.pin("lib_hash")).ok().out());
        assertEquals("[]\n", Cil.run("-j", "map", "dump", "pinned", scratch.pin("lib_hash")).ok().out());
    }

    @Test
    void dumpsOfMapsWithEmptySlotsErrorsOrNoKeysAreBpftoolsByteForByte(Scratch s) {
        // devmap/cpumap slots read ENOENT, xskmap EOPNOTSUPP, sockmap ENOSPC: bpftool prints an error entry
        // per key; a queue or a ringbuf has no keys: bpftool prints an empty dump and fails
        List<String> kinds = List.of("devmap 4 4 3", "cpumap 4 4 2", "xskmap 4 4 3", "sockmap 4 4 2", "queue 0 8 4", "ringbuf 0 0 4096");
        for (String k : kinds) {
            String[] f = k.split(" ");
            String pin = s.pin("slots_" + f[0]);
            Peers.bpftool("map", "create", pin, "type", f[0], "key", f[1], "value", f[2], "entries", f[3], "name", s.name("sl")).ok();
            boolean keyless = f[1].equals("0");
            for (String[] mode : List.of(new String[0], new String[] {"-j"}, new String[] {"-p"})) {
                String[] args = concat(mode, new String[] {"map", "dump", "pinned", pin});
                Cil.Result ours = Cil.run(args);
                assertEquals(Peers.bpftool(args).out(), ours.out(), k + " " + String.join(" ", mode) + " vs bpftool 7.1");
                assertEquals(Peers.bpftoolNew(args).out(), ours.out(), k + " " + String.join(" ", mode) + " vs bpftool 7.5");
                assertEquals(keyless ? 1 : 0, ours.code(), k + ": " + ours.err());
                if (keyless) assertTrue(ours.err().contains("is a " + f[0] + " map: no keys to walk"), ours.err());
            }
        }
    }

    @Test
    void dumpSaysHowItReadTheMap() {
        String hash = Cil.run("--debug", "map", "dump", "pinned", scratch.pin("hash")).ok().err();
        assertTrue(hash.contains("with MAP_LOOKUP_BATCH"), hash);
        String lpm = Cil.run("--debug", "map", "dump", "pinned", scratch.pin("lpm")).ok().err();
        assertTrue(lpm.contains("with MAP_GET_NEXT_KEY + MAP_LOOKUP_ELEM"), lpm);
    }

    @Test
    void lookupGetnextUpdateDeleteLikeBpftool() {
        String pin = scratch.pin("hash");
        String[] key = {"key", "3", "0", "0", "0"};
        assertEquals(Peers.bpftool(concat(new String[] {"map", "lookup", "pinned", pin}, key)).ok().out(),
                Cil.run(concat(new String[] {"map", "lookup", "pinned", pin}, key)).ok().out());
        assertEquals(Json.parse(Peers.bpftool(concat(new String[] {"-j", "map", "lookup", "pinned", pin}, key)).ok().out()),
                Json.parse(Cil.run(concat(new String[] {"-j", "map", "lookup", "pinned", pin}, key)).ok().out()));
        // getnext with and without a key (the first key has a next one: the map holds 20)
        assertEquals(Peers.bpftool("map", "getnext", "pinned", pin).ok().out(), Cil.run("map", "getnext", "pinned", pin).ok().out());
        String first = Json.parse(Cil.run("-j", "map", "getnext", "pinned", pin).ok().out()).get("next_key").get(0).asText();
        String[] firstKey = {"key", first, "0", "0", "0"};
        assertEquals(Peers.bpftool(concat(new String[] {"map", "getnext", "pinned", pin}, firstKey)).ok().out(),
                Cil.run(concat(new String[] {"map", "getnext", "pinned", pin}, firstKey)).ok().out());
        assertEquals(Json.parse(Peers.bpftool("-j", "map", "getnext", "pinned", pin).ok().out()),
                Json.parse(Cil.run("-j", "map", "getnext", "pinned", pin).ok().out()));
        // update with hex, then bpftool reads what we wrote
        String big = scratch.pin("lib_hash");
        Cil.run("map", "update", "pinned", big, "key", "hex", "2a", "00", "00", "00", "value", "hex",
                "00112233445566778899aabbccddeeff", "noexist").ok();
        assertEquals("key: 2a 00 00 00  value: 00 11 22 33 44 55 66 77  88 99 aa bb cc dd ee ff\n",
                Peers.bpftool("map", "lookup", "pinned", big, "key", "42", "0", "0", "0").ok().out());
        assertEquals("null\n", Cil.run("-j", "map", "update", "pinned", big, "key", "42", "0", "0", "0", "value",
                "hex", "00112233445566778899aabbccddeeff", "exist").ok().out());
        // a missing key: bpftool's "Not found" text, exit 1
        Cil.Result miss = Cil.run("map", "lookup", "pinned", big, "key", "9", "0", "0", "0");
        assertEquals(1, miss.code());
        assertEquals("key:\n09 00 00 00\n\nNot found\n", miss.out());
        assertEquals("null\n", Cil.run("-j", "map", "lookup", "pinned", big, "key", "9", "0", "0", "0").out());
        // delete, then the key is gone for bpftool too
        assertEquals("null\n", Cil.run("-j", "map", "delete", "pinned", big, "key", "42", "0", "0", "0").ok().out());
        assertEquals(254, Peers.bpftool("map", "lookup", "pinned", big, "key", "42", "0", "0", "0").code());
        // per-CPU update writes every CPU
        Cil.run("map", "update", "pinned", scratch.pin("pcarray"), "key", "2", "0", "0", "0", "value", "7", "0", "0", "0", "0", "0", "0", "0").ok();
        String pc = Peers.bpftool("map", "lookup", "pinned", scratch.pin("pcarray"), "key", "2", "0", "0", "0").ok().out();
        assertTrue(pc.contains("value (CPU 00): 07 00 00 00 00 00 00 00"), pc);
        assertEquals(pc, Cil.run("map", "lookup", "pinned", scratch.pin("pcarray"), "key", "2", "0", "0", "0").ok().out());
    }

    @Test
    void pinAndFreeze() {
        String src = scratch.pin("lib_percpu_array");
        String again = scratch.pin("pinned_again");
        Cil.run("map", "pin", "pinned", src, again).ok();
        assertEquals(id(src), id(again));
        Cil.run("map", "freeze", "pinned", again).ok();
        assertTrue(Cil.run("map", "show", "pinned", src).ok().out().contains("\n\tfrozen\n"));
        assertEquals(1, Json.parse(Cil.run("-j", "map", "show", "pinned", src).out()).get("frozen").asInt());
        Cil.Result r = Cil.run("map", "update", "pinned", src, "key", "0", "0", "0", "0", "value",
                "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("cil: MAP_UPDATE_ELEM on map "), r.err());
    }

    @Test
    void createPinsANewMapThatBpftoolSees() {
        String pin = scratch.pin("created");
        Cil.run("map", "create", pin, "type", "lru_hash", "key", "4", "value", "8", "entries", "128", "name", scratch.name("cr")).ok();
        JsonNode m = Json.parse(Peers.bpftool("-j", "map", "show", "pinned", pin).ok().out());
        assertEquals("lru_hash", m.get("type").asText());
        assertEquals(128, m.get("max_entries").asInt());
        assertEquals(scratch.name("cr"), m.get("name").asText());
    }

    static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
