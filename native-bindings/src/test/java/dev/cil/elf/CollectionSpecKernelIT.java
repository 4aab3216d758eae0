package dev.cil.elf;

import dev.cil.testing.TestJson;
import dev.cil.btf.BtfExt;
import dev.cil.btf.BtfRawDump;
import dev.cil.btf.BtfSpec;
import dev.cil.btf.CoreRelocator;
import dev.cil.btf.TestTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static dev.cil.testing.TestJson.arr;
import static dev.cil.testing.TestJson.num;
import static dev.cil.testing.TestJson.obj;
import static dev.cil.btf.TestTools.assertSameText;
import static dev.cil.btf.TestTools.runOk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our spec of each fixture against what the kernel holds after bpftool (libbpf) loaded the same
 * object: program names and types, the maps each program uses, function boundaries (func info),
 * map names, types, sizes, flags, frozen state, BTF key/value type ids, initial contents and
 * initialised slots, the fixed-up BTF, and CO-RE-relocated instructions.
 */
class CollectionSpecKernelIT {
    private static final Map<Integer, String> PROG_TYPES = Map.of(1, "socket_filter", 2, "kprobe", 3, "sched_cls", 6, "xdp");
    private static final Map<Integer, String> MAP_TYPES = Map.of(1, "hash", 2, "array", 3, "prog_array", 6, "percpu_array",
            12, "array_of_maps", 13, "hash_of_maps");

    private Path progDir;
    private Path mapDir;

    @BeforeEach
    void dirs() throws IOException {
        progDir = Path.of("/sys/fs/bpf", TestTools.unique("cil_elfit"));
        mapDir = Path.of("/sys/fs/bpf", TestTools.unique("cil_elfit_maps"));
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

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static Map<String, Object> json(String... cmd) {
        return obj(TestJson.parse(runOk(cmd).out()));
    }

    private static byte[] bytes(Object hexArray) {
        List<Object> l = arr(hexArray);
        byte[] b = new byte[l.size()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(((String) l.get(i)).substring(2), 16);
        return b;
    }

    private static int le32(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @ParameterizedTest
    @ValueSource(strings = {"globals", "subprog", "tailcall", "mapinmap", "core", "values"})
    void kernelAgreesWithSpec(String fixture) throws IOException {
        CollectionSpec spec = CollectionSpec.read(TestTools.fixture(fixture));
        runOk("bpftool", "prog", "loadall", TestTools.fixture(fixture).toString(), progDir.toString(), "pinmaps", mapDir.toString());

        // maps
        Map<String, MapSpec> byKernelName = new TreeMap<>();
        spec.maps().values().forEach(m -> byKernelName.put(m.kernelName(), m));
        Map<Long, String> mapNames = new TreeMap<>();
        TreeSet<String> seen = new TreeSet<>();
        for (Path pin : list(mapDir)) {
            Map<String, Object> info = json("bpftool", "-j", "map", "show", "pinned", pin.toString());
            String name = (String) info.get("name");
            mapNames.put(num(info.get("id")), name);
            MapSpec m = byKernelName.get(name);
            assertTrue(m != null, fixture + ": kernel map " + name + " is not in our spec " + byKernelName.keySet());
            seen.add(name);
            assertEquals(MAP_TYPES.get(m.type()), info.get("type"), name);
            // bpftool 7.1's libbpf (the kernel 6.1 copy) makes every data map mmapable; libbpf >= 1.1, and
            // this spec, only those with a variable visible outside the object
            long flags = m.isGlobalData() ? m.flags() | MapSpec.BPF_F_MMAPABLE : m.flags();
            assertEquals(List.of((long) m.keySize(), (long) m.valueSize(), (long) m.maxEntries(), flags, m.frozen() ? 1L : 0L),
                    List.of(num(info.get("bytes_key")), num(info.get("bytes_value")), num(info.get("max_entries")), num(info.get("flags")), num(info.get("frozen"))), name);
            if (info.containsKey("btf_id")) {
                List<Object> kv = arr(json("bpftool", "-j", "btf", "dump", "map", "pinned", pin.toString(), "kv").get("types"));
                assertEquals(List.of((long) m.btfKeyTypeId(), (long) m.btfValueTypeId()),
                        List.of(num(obj(kv.get(0)).get("id")), num(obj(kv.get(1)).get("id"))), name + " BTF key/value type ids");
            }
            if (m.isGlobalData()) {
                Object entry = arr(TestJson.parse(runOk("bpftool", "-j", "map", "dump", "pinned", pin.toString()).out())).get(0);
                byte[] value = bytes(obj(entry).get("value"));
                assertArrayEquals(m.kind() == MapSpec.Kind.BSS ? new byte[m.valueSize()] : m.contents(), value, name + " contents");
            }
        }
        assertEquals(byKernelName.keySet(), seen, fixture + ": maps");
        // initialised slots: prog ids / map ids in the kernel, names in our spec
        for (Path pin : list(mapDir)) {
            Map<String, Object> info = json("bpftool", "-j", "map", "show", "pinned", pin.toString());
            MapSpec m = byKernelName.get((String) info.get("name"));
            if (m.type() != 3 && m.type() != 12) continue;
            List<MapSpec.Slot> slots = new ArrayList<>();
            for (Object eo : arr(TestJson.parse(runOk("bpftool", "-j", "map", "dump", "pinned", pin.toString()).out()))) {
                int key = le32(bytes(obj(eo).get("key")));
                int id = le32(bytes(obj(eo).get("value")));
                String target = m.type() == 3 ? (String) json("bpftool", "-j", "prog", "show", "id", Integer.toString(id)).get("name")
                        : (String) json("bpftool", "-j", "map", "show", "id", Integer.toString(id)).get("name");
                slots.add(new MapSpec.Slot(key, target));
            }
            assertEquals(m.initialSlots(), slots, m.name() + " slots");
        }

        // programs
        TreeSet<String> pinnedProgs = new TreeSet<>();
        for (Path pin : list(progDir)) pinnedProgs.add(pin.getFileName().toString());
        assertEquals(new TreeSet<>(spec.programs().keySet()), pinnedProgs, fixture + ": programs");
        BtfSpec vmlinux = BtfSpec.vmlinux();
        for (ProgramSpec p : spec.programs().values()) {
            Path pin = progDir.resolve(p.name());
            Map<String, Object> info = json("bpftool", "-j", "prog", "show", "pinned", pin.toString());
            assertEquals(PROG_TYPES.get(p.programType()), info.get("type"), p.name());
            assertEquals(p.name(), info.get("name"));
            TreeSet<String> used = new TreeSet<>();
            if (info.containsKey("map_ids")) for (Object id : arr(info.get("map_ids"))) used.add(mapNames.get(num(id)));
            TreeSet<String> ours = new TreeSet<>();
            p.references().forEach(r -> ours.add(spec.map(r.map()).orElseThrow().kernelName()));
            // libbpf binds every .rodata map to every program (BPF_PROG_BIND_MAP) at load
            spec.maps().values().stream().filter(MapSpec::frozen).forEach(m -> ours.add(m.kernelName()));
            assertEquals(ours, used, p.name() + ": maps used");
            // the kernel's copy of the object's BTF is our fixed-up BTF
            String btfId = info.get("btf_id").toString();
            assertSameText(runOk("bpftool", "btf", "dump", "id", btfId).out(), BtfRawDump.text(spec.btf().orElseThrow()), p.name() + " BTF");
            // function boundaries in the loaded program, in order
            List<String> funcs = new ArrayList<>();
            List<Long> words = new ArrayList<>();
            for (Object io : arr(TestJson.parse(runOk("bpftool", "-j", "prog", "dump", "xlated", "pinned", pin.toString(), "opcodes").out()))) {
                Map<String, Object> insn = obj(io);
                if (insn.containsKey("proto")) {
                    String proto = (String) insn.get("proto");
                    String head = proto.substring(0, proto.indexOf('('));
                    funcs.add(head.substring(head.lastIndexOf(' ') + 1).replace("*", ""));
                }
                Map<String, Object> op = obj(insn.get("opcodes"));
                byte[] off = bytes(op.get("off")), imm = bytes(op.get("imm"));
                long w = Long.decode((String) op.get("code")) | (Long.decode((String) op.get("dst_reg")) << 8) | (Long.decode((String) op.get("src_reg")) << 12)
                        | ((off[0] & 0xffL) << 16) | ((off[1] & 0xffL) << 24) | ((long) le32(imm) << 32);
                words.add(w);
            }
            List<String> ourFuncs = new ArrayList<>();
            p.funcInfos().forEach(fi -> ourFuncs.add(spec.btf().orElseThrow().name(fi.typeId())));
            assertEquals(ourFuncs, funcs, p.name() + ": functions (func_info order)");
            // CO-RE: every relocated instruction of ours appears, in order, among the kernel's
            if (!p.coreRelocations().isEmpty()) {
                CoreRelocator core = new CoreRelocator(spec.btf().orElseThrow(), vmlinux);
                List<Map.Entry<Integer, BtfExt.CoreRelo>> relos = new ArrayList<>();
                p.coreRelocations().forEach(r -> relos.add(Map.entry(r.insn(), r.relo())));
                long[] patched = core.apply(p.instructions(), relos);
                // The verifier removes dead code: BPF_CORE_READ_BITFIELD_PROBED emits a signed and an unsigned
                // shift, each relocated, and the relocated signedness makes one of them dead. So a relocation may be
                // missing from the kernel's program only if another one of the same kind and access was found.
                int k = 0;
                TreeSet<String> found = new TreeSet<>(), all = new TreeSet<>();
                for (ProgramSpec.CoreRelocation r : p.coreRelocations()) {
                    String what = r.relo().knownKind() + " [" + r.relo().typeId() + "] " + r.relo().accessString();
                    all.add(what);
                    long want = patched[r.insn()];
                    int at = k;
                    while (at < words.size() && words.get(at) != want) at++;
                    if (at < words.size()) {
                        found.add(what);
                        k = at + 1;
                    }
                }
                assertEquals(all, found, p.name() + ": relocated instructions found, in order, in the kernel's program");
            }
        }
    }
}
