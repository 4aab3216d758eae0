package dev.cil.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cil.cli.support.Cil;
import dev.cil.cli.support.Json;
import dev.cil.cli.support.Objects;
import dev.cil.cli.support.Peers;
import dev.cil.testing.KernelTest;
import dev.cil.testing.Proc;
import dev.cil.testing.Scratch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our loader against libbpf's: each object is loaded by {@code cil prog loadall} and by
 * {@code bpftool prog loadall}; the programs must have the same tags (the kernel's hash of the
 * translated instructions), types, sizes and number of maps, and the maps the same shapes. bpftool runs
 * in a private mount namespace with its own bpffs, so objects that pin maps by name cannot collide with
 * the machine's /sys/fs/bpf or with ours.
 */
@KernelTest
class LoaderKernelIT {
    static Path dir;
    static Scratch scratch;

    @BeforeAll
    static void setUp(Scratch s) throws IOException {
        scratch = s;
        dir = Files.createTempDirectory("cil-loader");
    }

    @AfterAll
    static void tearDown() throws IOException {
        try (var w = Files.walk(dir)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** What bpftool's libbpf made of an object: program name → JSON, map pin name → JSON. */
    record Loaded(Map<String, JsonNode> progs, Map<String, JsonNode> maps) { }

    /**
     * bpftool's load, in a private mount namespace: programs by pin name, and every map the programs
     * use (by id, printed while the pins keep them alive).
     */
    static Loaded bpftool(Path obj, boolean legacy) {
        String b = Peers.BPFTOOL + (legacy ? " --legacy" : "");
        // (legacy is kept for bpftool builds that still read the legacy maps section)
        String script = "set -e; mount -t bpf bpf /sys/fs/bpf; " + b + " prog loadall " + obj + " /sys/fs/bpf/p >&2; "
                + "ids=; for f in /sys/fs/bpf/p/*; do j=$(" + b + " -j prog show pinned $f); echo \"P $(basename $f) $j\"; "
                + "ids=\"$ids $(echo \"$j\" | python3 -c 'import json,sys; print(\" \".join(map(str, json.load(sys.stdin).get(\"map_ids\", []))))')\"; done; "
                + "for id in $(echo $ids | tr ' ' '\\n' | sort -un); do echo \"M $id $(" + b + " -j map show id $id)\"; done";
        Proc.Result r = Proc.run("unshare", "-m", "--propagation", "private", "bash", "-c", script).ok();
        return parse(r.out());
    }

    static Loaded ours(Path obj, String name) {
        String progs = scratch.pin(name + "_p"), maps = scratch.pin(name + "_m");
        Cil.run("prog", "loadall", obj.toString(), progs, "pinmaps", maps).ok();
        StringBuilder out = new StringBuilder();
        java.util.Set<Integer> ids = new java.util.TreeSet<>();
        for (String f : list(progs)) {
            String j = Cil.run("-j", "prog", "show", "pinned", f).ok().out().trim();
            out.append("P ").append(Path.of(f).getFileName()).append(' ').append(j).append('\n');
            for (JsonNode id : Json.parse(j).path("map_ids")) ids.add(id.asInt());
        }
        for (int id : ids) out.append("M ").append(id).append(' ').append(Cil.run("-j", "map", "show", "id", "" + id).ok().out().trim()).append('\n');
        return parse(out.toString());
    }

    static List<String> list(String d) {
        try (var s = Files.list(Path.of(d))) {
            return s.map(Path::toString).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static Loaded parse(String lines) {
        Map<String, JsonNode> p = new TreeMap<>(), m = new TreeMap<>();
        for (String l : lines.split("\n")) {
            if (l.isBlank()) continue;
            String[] f = l.split(" ", 3);
            (f[0].equals("P") ? p : m).put(f[1], Json.parse(f[2]));
        }
        return new Loaded(p, m);
    }

    @org.junit.jupiter.api.Test
    void legacyMapsSectionLoads() {
        // libbpf >= 1.0 (so every bpftool here) refuses the legacy "maps" section: no peer, so check the declared shapes
        Path obj = Objects.copy("elf/legacy.o", dir);
        Loaded ours = ours(obj, "legacy");
        JsonNode prog = ours.progs().get("legacy_sock");
        assertEquals("socket_filter", prog.get("type").asText());
        assertEquals(2, prog.get("map_ids").size());
        Map<String, JsonNode> maps = byKernelName(ours.maps());
        assertEquals(List.of("array", 4, 8, 16, 0), shape(maps.get("legacy_counts")));
        assertEquals(List.of("hash", 4, 16, 128, 1), shape(maps.get("legacy_hash")));
    }

    static List<Object> shape(JsonNode m) {
        return List.of(m.get("type").asText(), m.get("bytes_key").asInt(), m.get("bytes_value").asInt(),
                m.get("max_entries").asInt(), m.get("flags").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"elf/subprog.o", "elf/globals.o", "elf/tailcall.o", "elf/values.o",
            "elf/mapinmap.o", "elf/pinning.o", "elf/core.o", "bpf/fixture_tc.o", "bpf/fixture_btf.o", "bpf/bpf_lxc.o",
            "bpf/bpf_host.o"})
    void sameProgramsAndMapsAsLibbpf(String res) {
        Path obj = Objects.copy(res, dir);
        Loaded peer = bpftool(obj, false);
        Loaded ours = ours(obj, res.replaceAll("\\W", ""));
        assertTrue(!peer.progs().isEmpty(), "bpftool loaded programs from " + res);
        assertEquals(peer.progs().keySet(), ours.progs().keySet(), res + ": program pins");
        for (String name : peer.progs().keySet()) {
            JsonNode a = peer.progs().get(name), b = ours.progs().get(name);
            for (String k : List.of("type", "name", "tag", "gpl_compatible", "bytes_xlated", "bytes_jited")) {
                assertEquals(a.get(k), b.get(k), res + ": prog " + name + " " + k);
            }
            assertEquals(a.path("map_ids").size(), b.path("map_ids").size(), res + ": prog " + name + " number of maps");
            assertEquals(a.has("btf_id"), b.has("btf_id"), res + ": prog " + name + " has BTF");
        }
        Map<String, JsonNode> peerMaps = byKernelName(peer.maps()), ourMaps = byKernelName(ours.maps());
        assertEquals(peerMaps.keySet(), ourMaps.keySet(), res + ": maps");
        for (String name : peerMaps.keySet()) {
            JsonNode a = peerMaps.get(name), b = ourMaps.get(name);
            for (String k : List.of("type", "bytes_key", "bytes_value", "max_entries", "frozen")) {
                assertEquals(a.get(k), b.get(k), res + ": map " + name + " " + k);
            }
            // libbpf 1.1 sets BPF_F_MMAPABLE on every data map, current libbpf (and we) only where a variable is global
            int mask = name.contains(".") ? ~(1 << 10) : ~0;
            assertEquals(a.get("flags").asInt() & mask, b.get("flags").asInt() & mask, res + ": map " + name + " flags");
            assertEquals(a.has("btf_id"), b.has("btf_id"), res + ": map " + name + " has BTF");
        }
    }

    static Map<String, JsonNode> byKernelName(Map<String, JsonNode> byPin) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode n : byPin.values()) {
            String key = n.has("name") ? n.get("name").asText()
                    : "(anon " + n.get("type").asText() + " " + n.get("bytes_key") + "/" + n.get("bytes_value") + ")";
            out.put(key, n);
        }
        return out;
    }
}
