package dev.cil.cli.command;

import dev.cil.cli.support.Cil;
import dev.cil.cli.support.Fixtures;
import dev.cil.cli.support.Json;
import dev.cil.cli.support.Peers;
import dev.cil.testing.KernelTest;
import dev.cil.testing.Scratch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Maps with BTF (struct keys and values, per-CPU, global data) dump and look up through their BTF, as bpftool. */
@KernelTest
class MapBtfKernelIT {
    static String maps;

    @BeforeAll
    static void load(Scratch s) {
        maps = Fixtures.loadAllWithBpftool(s, "fixture_btf")[1];
        // key {addr 10.0.0.1, port 8080, proto 6, flags 5}, value {packets 3, bytes 1500, color GREEN, label "web", delta -2, seen, u 0x01020304}
        Peers.bpftool("map", "update", "pinned", maps + "/fb_flows",
                "key", "hex", "0a", "00", "00", "01", "90", "1f", "06", "05",
                "value", "hex", "03", "00", "00", "00", "00", "00", "00", "00", "dc", "05", "00", "00", "00", "00", "00", "00",
                "02", "00", "00", "00", "77", "65", "62", "00", "00", "00", "00", "00", "fe", "ff", "01", "00",
                "04", "03", "02", "01", "00", "00", "00", "00").ok();
        Peers.bpftool("map", "update", "pinned", maps + "/fb_percpu", "key", "1", "0", "0", "0",
                "value", "hex", "09", "00", "00", "00", "00", "00", "00", "00", "00", "00", "00", "00", "00", "00", "00", "00",
                "04", "00", "00", "00", "78", "00", "00", "00", "00", "00", "00", "00", "00", "00", "00", "00",
                "00", "00", "00", "00", "00", "00", "00", "00").ok();
    }

    static List<String> btfMaps() {
        return Fixtures.list(maps);
    }

    @Test
    void dumpsMatchBpftoolInTextAndJson() {
        List<String> pins = btfMaps();
        assertTrue(pins.size() >= 4, "fb_flows, fb_percpu, .data and .rodata maps: " + pins);
        for (String pin : pins) {
            assertEquals(Peers.bpftool("map", "dump", "pinned", pin).ok().out(), Cil.run("map", "dump", "pinned", pin).ok().out(), pin);
            assertEquals(Peers.bpftool("-j", "map", "dump", "pinned", pin).ok().out(), Cil.run("-j", "map", "dump", "pinned", pin).ok().out(), pin);
            assertEquals(Json.parse(Peers.bpftoolNew("-j", "map", "dump", "pinned", pin).ok().out()),
                    Json.parse(Cil.run("-j", "map", "dump", "pinned", pin).ok().out()), pin + " vs 7.5");
        }
        String flows = Cil.run("map", "dump", "pinned", maps + "/fb_flows").ok().out();
        assertTrue(flows.contains("\"color\": \"FB_GREEN\"") && flows.contains("\"label\": \"web\""), flows);
    }

    @Test
    void lookupsMatchBpftool() {
        String[] key = {"key", "hex", "0a", "00", "00", "01", "90", "1f", "06", "05"};
        String[] base = {"map", "lookup", "pinned", maps + "/fb_flows"};
        assertEquals(Peers.bpftool(MapKernelIT.concat(base, key)).ok().out(), Cil.run(MapKernelIT.concat(base, key)).ok().out());
        assertEquals(Peers.bpftool(MapKernelIT.concat(new String[] {"-j"}, MapKernelIT.concat(base, key))).ok().out(),
                Cil.run(MapKernelIT.concat(new String[] {"-j"}, MapKernelIT.concat(base, key))).ok().out());
        String[] pc = {"map", "lookup", "pinned", maps + "/fb_percpu", "key", "1", "0", "0", "0"};
        assertEquals(Peers.bpftool(pc).ok().out(), Cil.run(pc).ok().out());
    }
}
