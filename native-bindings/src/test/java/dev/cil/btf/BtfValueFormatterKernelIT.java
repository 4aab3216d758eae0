package dev.cil.btf;

import dev.cil.testing.TestJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.cil.testing.TestJson.arr;
import static dev.cil.testing.TestJson.num;
import static dev.cil.testing.TestJson.obj;
import static dev.cil.btf.TestTools.assertSameText;
import static dev.cil.btf.TestTools.runOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Map values formatted by us against bpftool's {@code map dump} of the same maps.
 *
 * <p>Approach: the fixture is loaded by bpftool ({@code prog loadall … pinmaps DIR}), so the maps
 * live in the kernel with the BTF libbpf loaded (after its fixups). For each pinned map we read,
 * through bpftool only: the map's BTF object ({@code -j btf dump id N}, rebuilt into a BtfSpec
 * with the same type ids, and checked by comparing our raw dump of it with bpftool's text dump),
 * the key and value type ids ({@code -j btf dump map pinned P kv} prints exactly those two
 * types, void for a missing key type), and every entry's raw bytes ({@code -j map dump}). We then
 * rebuild bpftool's whole {@code -j map dump} document (hex bytes plus our {@code formatted}) and
 * its plain-text dump (pretty JSON of our formatted entries), and compare both byte for byte.
 */
class BtfValueFormatterKernelIT {
    private Path progDir;
    private Path mapDir;

    @BeforeEach
    void dirs() throws IOException {
        progDir = Path.of("/sys/fs/bpf", TestTools.unique("cil_btfit"));
        mapDir = Path.of("/sys/fs/bpf", TestTools.unique("cil_btfit_maps"));
        Files.createDirectory(mapDir);
    }

    @AfterEach
    void cleanup() throws IOException {
        for (Path d : new Path[] {progDir, mapDir}) {
            if (!Files.exists(d)) continue;
            try (Stream<Path> s = Files.walk(d)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private void load(String fixture) {
        runOk("bpftool", "prog", "loadall", TestTools.fixture(fixture).toString(), progDir.toString(), "pinmaps", mapDir.toString());
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(String.format("%02x", x & 0xff));
        return sb.toString();
    }

    private static void update(Path map, byte[] key, byte[] value) {
        List<String> cmd = new ArrayList<>(List.of("bpftool", "map", "update", "pinned", map.toString(), "key", "hex"));
        for (byte b : key) cmd.add(String.format("%02x", b & 0xff));
        cmd.add("value");
        cmd.add("hex");
        for (byte b : value) cmd.add(String.format("%02x", b & 0xff));
        runOk(cmd.toArray(new String[0]));
    }

    /** Member name to {bit offset, bitfield size} of a struct. */
    private static Map<String, long[]> layout(BtfSpec spec, int structId) {
        Map<String, long[]> m = new HashMap<>();
        BtfType.Composite c = (BtfType.Composite) spec.type(spec.resolve(structId));
        for (BtfType.Member mem : c.members()) m.put(spec.string(mem.nameOff()), new long[] {Integer.toUnsignedLong(mem.bitsOffset()), mem.bitfieldSize()});
        return m;
    }

    private static void setBits(byte[] buf, long bitOff, int nbits, long value) {
        for (int i = 0; i < nbits; i++) {
            long bit = bitOff + i;
            int idx = (int) (bit / 8), sh = (int) (bit % 8);
            if (((value >>> i) & 1) != 0) buf[idx] |= (byte) (1 << sh);
            else buf[idx] &= (byte) ~(1 << sh);
        }
    }

    private static void put(byte[] buf, Map<String, long[]> l, String member, long value, int bytes) {
        long[] at = l.get(member);
        if (at == null) throw new AssertionError("no member " + member);
        if (at[1] != 0) setBits(buf, at[0], (int) at[1], value);
        else setBits(buf, at[0], bytes * 8, value);
    }

    private static void putBytes(byte[] buf, Map<String, long[]> l, String member, int extraOffset, byte[] data) {
        System.arraycopy(data, 0, buf, (int) (l.get(member)[0] / 8) + extraOffset, data.length);
    }

    private record MapBtf(BtfSpec spec, int keyId, int valueId, Map<String, Object> info) { }

    private static MapBtf mapBtf(Path pin) {
        Map<String, Object> info = obj(TestJson.parse(runOk("bpftool", "-j", "map", "show", "pinned", pin.toString()).out()));
        assertTrue(info.containsKey("btf_id"), pin + " has no BTF: " + info);
        String btfId = info.get("btf_id").toString();
        BtfSpec spec = BpftoolBtfJson.toSpec(runOk("bpftool", "-j", "btf", "dump", "id", btfId).out());
        assertSameText(runOk("bpftool", "btf", "dump", "id", btfId).out(), BtfRawDump.text(spec), "BTF of " + pin + " rebuilt from bpftool's JSON");
        List<Object> kv = arr(obj(TestJson.parse(runOk("bpftool", "-j", "btf", "dump", "map", "pinned", pin.toString(), "kv").out())).get("types"));
        return new MapBtf(spec, (int) num(obj(kv.get(0)).get("id")), (int) num(obj(kv.get(1)).get("id")), info);
    }

    private static byte[] bytes(Object hexArray) {
        List<Object> l = arr(hexArray);
        byte[] b = new byte[l.size()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(((String) l.get(i)).substring(2), 16);
        return b;
    }

    private static void hexArray(BpftoolJsonWriter w, byte[] b) {
        w.beginArray();
        for (byte x : b) w.raw(String.format("\"0x%02x\"", x & 0xff));
        w.endArray();
    }

    /** Compares our -j and plain-text dumps of a pinned map with bpftool's. Returns the entry count. */
    private static int compareDump(Path pin) {
        MapBtf m = mapBtf(pin);
        String peerJson = runOk("bpftool", "-j", "map", "dump", "pinned", pin.toString()).out();
        List<Object> entries = arr(TestJson.parse(peerJson));
        BtfValueFormatter jsonFmt = new BtfValueFormatter(m.spec(), false);
        BtfValueFormatter plainFmt = new BtfValueFormatter(m.spec(), true);
        StringBuilder ours = new StringBuilder();
        StringBuilder oursPlain = new StringBuilder();
        BpftoolJsonWriter w = BpftoolJsonWriter.compact(ours);
        BpftoolJsonWriter pw = BpftoolJsonWriter.pretty(oursPlain);
        w.beginArray();
        pw.beginArray();
        for (Object eo : entries) {
            Map<String, Object> e = obj(eo);
            byte[] key = bytes(e.get("key"));
            w.beginObject();
            w.name("key");
            hexArray(w, key);
            if (e.containsKey("values")) {
                List<byte[]> values = new ArrayList<>();
                w.name("values");
                w.beginArray();
                for (Object co : arr(e.get("values"))) {
                    Map<String, Object> c = obj(co);
                    byte[] v = bytes(c.get("value"));
                    values.add(v);
                    w.beginObject();
                    w.name("cpu");
                    w.number(num(c.get("cpu")));
                    w.name("value");
                    hexArray(w, v);
                    w.endObject();
                }
                w.endArray();
                w.name("formatted");
                jsonFmt.perCpuEntry(m.keyId(), key, m.valueId(), values, w);
                plainFmt.perCpuEntry(m.keyId(), key, m.valueId(), values, pw);
            } else {
                byte[] value = bytes(e.get("value"));
                w.name("value");
                hexArray(w, value);
                w.name("formatted");
                jsonFmt.entry(m.keyId(), key, m.valueId(), value, w);
                plainFmt.entry(m.keyId(), key, m.valueId(), value, pw);
            }
            w.endObject();
        }
        w.endArray();
        pw.endArray();
        assertEquals(peerJson, ours + "\n", "bpftool -j map dump pinned " + pin);
        String peerPlain = runOk("bpftool", "map", "dump", "pinned", pin.toString()).out();
        assertSameText(peerPlain, oursPlain + "\n", "bpftool map dump pinned " + pin);
        return entries.size();
    }

    @Test
    void valuesFixtureDumpsLikeBpftool() {
        load("values");
        Path kv = mapDir.resolve("kv");
        MapBtf m = mapBtf(kv);
        BtfSpec spec = m.spec();
        Map<String, long[]> kl = layout(spec, m.keyId());
        Map<String, long[]> vl = layout(spec, m.valueId());
        int keySize = (int) spec.sizeOf(m.keyId()), valueSize = (int) spec.sizeOf(m.valueId());

        byte[] k1 = new byte[keySize], v1 = new byte[valueSize];
        put(k1, kl, "addr", 0x0a000001L, 4);
        put(k1, kl, "port", 8080, 2);
        put(k1, kl, "proto", 6, 1);
        put(k1, kl, "color", 7, 4);
        put(v1, vl, "packets", -2L, 8);          // 18446744073709551614 unsigned
        put(v1, vl, "delta", -77, 4);
        putBytes(v1, vl, "name", 0, "hello \"q\" 'x'\0".getBytes());
        putBytes(v1, vl, "raw", 0, new byte[] {1, 2, 3, 4});
        put(v1, vl, "ok", 1, 1);
        put(v1, vl, "color", 7, 4);
        put(v1, vl, "flags", 0x15, 0);
        put(v1, vl, "mode", 5, 0);
        put(v1, vl, "big", 0xabcdef, 0);
        put(v1, vl, "small", -5, 1);
        put(v1, vl, "sc", -1, 1);
        put(v1, vl, "uc", 200, 1);
        put(v1, vl, "c", 'A', 1);
        putBytes(v1, vl, "in", 0, new byte[] {80, 0, 1, 2, 3});
        put(v1, vl, "un", 0x01020304, 4);
        putBytes(v1, vl, "arr", 0, new byte[] {1, 0, 2, 0, 3, 0});
        put(v1, vl, "cnt", 42, 4);
        put(v1, vl, "ptr", 0xffff888812345678L, 8);
        putBytes(v1, vl, "wide", 0, new byte[] {2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0});
        putBytes(v1, vl, "anon", 0, new byte[] {9, 8});
        put(v1, vl, "sbits", -3, 0);
        put(v1, vl, "big_neg", -1234567890123L, 8);
        putBytes(v1, vl, "grid", 0, new byte[] {1, 0, 2, 0, 3, 0, 4, 0});
        update(kv, k1, v1);

        byte[] k2 = new byte[keySize], v2 = new byte[valueSize];
        put(k2, kl, "color", 5, 4);                // not an enumerator: printed as a number
        putBytes(v2, vl, "name", 0, "0123456789abcdef".getBytes());   // no NUL: not a string
        putBytes(v2, vl, "raw", 0, new byte[] {'a', 'b', 0, 0});
        put(v2, vl, "color", -2, 4);
        put(v2, vl, "c", 7, 1);                    // non-printable char
        put(v2, vl, "sbits", 7, 0);
        putBytes(v2, vl, "wide", 0, new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0});
        update(kv, k2, v2);

        byte[] k3 = new byte[keySize], v3 = new byte[valueSize];
        put(k3, kl, "proto", 17, 1);
        putBytes(v3, vl, "name", 0, "back\\slash\0".getBytes());   // bpftool writes the backslash as \n
        update(kv, k3, v3);

        Path perCpu = mapDir.resolve("per_cpu");
        update(perCpu, new byte[] {0, 0, 0, 0}, new byte[] {(byte) 0xd6, -1, -1, -1, -1, -1, -1, -1});
        update(perCpu, new byte[] {1, 0, 0, 0}, new byte[] {7, 0, 0, 0, 0, 0, 0, 0});
        Path counters = mapDir.resolve("counters");
        update(counters, new byte[] {1, 0, 0, 0}, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        Path byColor = mapDir.resolve("by_color");
        update(byColor, new byte[] {1, 0, 0, 0}, new byte[] {4, 3, 2, 1});
        update(byColor, new byte[] {(byte) 0xfe, -1, -1, -1}, new byte[] {'h', 'i', 0, 0});

        assertEquals(3, compareDump(kv));
        assertEquals(2, compareDump(perCpu));
        assertEquals(3, compareDump(counters));
        assertEquals(2, compareDump(byColor));
    }

    @Test
    void globalDataDumpsLikeBpftool() throws IOException {
        load("globals");
        List<Path> maps;
        try (Stream<Path> s = Files.list(mapDir)) {
            maps = s.sorted().toList();
        }
        assertEquals(4, maps.size(), "globals.o has .data, .rodata, .bss and .data.foo: " + maps);
        for (Path p : maps) {
            if (p.getFileName().toString().endsWith("bss")) {
                MapBtf m = mapBtf(p);
                byte[] v = new byte[(int) m.spec().sizeOf(m.valueId())];
                for (int i = 0; i < v.length; i++) v[i] = (byte) (0xf0 + i);
                update(p, new byte[] {0, 0, 0, 0}, v);
            }
            assertEquals(1, compareDump(p), p.toString());
        }
    }
}
