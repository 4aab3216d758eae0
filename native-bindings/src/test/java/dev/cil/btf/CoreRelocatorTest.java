package dev.cil.btf;

import dev.cil.testing.TestJson;
import dev.cil.elf.CollectionSpec;
import dev.cil.elf.ProgramSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.cil.testing.TestJson.arr;
import static dev.cil.testing.TestJson.num;
import static dev.cil.testing.TestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CO-RE relocations of core.o resolved against the running kernel's BTF; expected values are read
 * from bpftool's JSON dump of that BTF (members' bit offsets, sizes, enumerator values, ids).
 */
class CoreRelocatorTest {
    private static Map<String, Map<String, Object>> structs;   // name -> bpftool JSON object
    private static Map<Long, Map<String, Object>> byId;
    private static BtfSpec vmlinux;

    @BeforeAll
    static void vmlinuxFromBpftool() {
        structs = new HashMap<>();
        byId = new HashMap<>();
        for (Object o : arr(obj(TestJson.parse(TestTools.runOk("bpftool", "-j", "btf", "dump", "file", BtfSpec.VMLINUX.toString()).out())).get("types"))) {
            Map<String, Object> t = obj(o);
            byId.put(num(t.get("id")), t);
            String kind = (String) t.get("kind");
            if ((kind.equals("STRUCT") || kind.equals("ENUM")) && !structs.containsKey(t.get("name"))) structs.put((String) t.get("name"), t);
        }
        vmlinux = BtfSpec.vmlinux();
    }

    private static Map<String, Object> member(String struct, String name) {
        for (Object m : arr(structs.get(struct).get("members"))) if (name.equals(obj(m).get("name"))) return obj(m);
        throw new AssertionError(struct + "." + name);
    }

    /** {bit offset, bitfield size} of a member, descending into anonymous structs and unions. */
    private static long[] find(Map<String, Object> composite, String name) {
        for (Object mo : arr(composite.get("members"))) {
            Map<String, Object> m = obj(mo);
            long bits = num(m.get("bits_offset"));
            if (name.equals(m.get("name"))) return new long[] {bits, m.containsKey("bitfield_size") ? num(m.get("bitfield_size")) : 0};
            if ("(anon)".equals(m.get("name"))) {
                Map<String, Object> t = byId.get(num(m.get("type_id")));
                while (t.containsKey("type_id") && !t.containsKey("members")) t = byId.get(num(t.get("type_id")));
                if (t.containsKey("members")) {
                    long[] r = find(t, name);
                    if (r != null) return new long[] {bits + r[0], r[1]};
                }
            }
        }
        return null;
    }

    /** Size through typedefs/modifiers, from bpftool's JSON. */
    private static long size(long id) {
        Map<String, Object> t = byId.get(id);
        while (t.containsKey("type_id") && !t.containsKey("size")) t = byId.get(num(t.get("type_id")));
        return num(t.get("size"));
    }

    private static String key(BtfSpec local, BtfExt.CoreRelo r) {
        return r.knownKind() + " " + local.name(r.typeId()) + " " + r.accessString();
    }

    @Test
    void kprobeRelocationsMatchTheKernel() {
        CollectionSpec spec = CollectionSpec.read(TestTools.fixture("core"));
        BtfSpec local = spec.btf().orElseThrow();
        CoreRelocator core = new CoreRelocator(local, vmlinux);
        Map<String, Long> expected = new HashMap<>();
        expected.put("FIELD_BYTE_OFFSET task_struct 0:2", num(member("task_struct", "real_parent").get("bits_offset")) / 8);
        expected.put("FIELD_BYTE_OFFSET task_struct 0:1", num(member("task_struct", "tgid").get("bits_offset")) / 8);
        expected.put("FIELD_EXISTS task_struct 0:3", 1L);
        expected.put("FIELD_EXISTS task_struct___cil_old 0:0", 0L);
        expected.put("FIELD_BYTE_SIZE task_struct 0:0", size(num(member("task_struct", "pid").get("type_id"))));
        expected.put("TYPE_EXISTS task_struct 0", 1L);
        expected.put("TYPE_SIZE task_struct 0", num(structs.get("task_struct").get("size")));
        expected.put("TYPE_ID_TARGET task_struct 0", num(structs.get("task_struct").get("id")));
        expected.put("ENUMVAL_EXISTS pid_type 1", 1L);
        long sid = 0;
        for (Object v : arr(structs.get("pid_type").get("values"))) if ("PIDTYPE_SID".equals(obj(v).get("name"))) sid = num(obj(v).get("val"));
        expected.put("ENUMVAL_VALUE pid_type 3", sid);
        expected.put("TYPE_EXISTS cil_no_such_enum 0", 0L);
        expected.put("TYPE_EXISTS cil_no_such_struct 0", 0L);
        expected.put("TYPE_ID_LOCAL task_struct 0", (long) local.typeIdByName("task_struct", BtfType.Kind.STRUCT).getAsInt());

        Map<String, Long> actual = new HashMap<>();
        ProgramSpec p = spec.program("core_kprobe").orElseThrow();
        for (ProgramSpec.CoreRelocation r : p.coreRelocations()) {
            CoreRelocator.Result res = core.resolve(r.relo());
            assertTrue(!res.poison(), key(local, r.relo()));
            actual.put(key(local, r.relo()), res.newValue());
        }
        assertEquals(expected, actual);
    }

    @Test
    void bitfieldRelocations() {
        CollectionSpec spec = CollectionSpec.read(TestTools.fixture("core"));
        BtfSpec local = spec.btf().orElseThrow();
        CoreRelocator core = new CoreRelocator(local, vmlinux);
        long[] pkt = find(structs.get("sk_buff"), "pkt_type");
        long bit = pkt[0], width = pkt[1];
        assertEquals(3, width);
        Map<BtfExt.CoreReloKind, Long> got = new HashMap<>();
        for (ProgramSpec.CoreRelocation r : spec.program("core_bitfield").orElseThrow().coreRelocations()) {
            CoreRelocator.Result res = core.resolve(r.relo());
            if (r.relo().accessString().equals("0:0")) {
                assertEquals(find(structs.get("sk_buff"), "len")[0] / 8, res.newValue(), "offset of sk_buff.len");
                continue;
            }
            got.put(r.relo().knownKind(), res.newValue());
        }
        long byteSize = got.get(BtfExt.CoreReloKind.FIELD_BYTE_SIZE), byteOff = got.get(BtfExt.CoreReloKind.FIELD_BYTE_OFFSET);
        assertTrue(List.of(1L, 2L, 4L, 8L).contains(byteSize));
        assertTrue(byteOff * 8 <= bit && bit + width <= (byteOff + byteSize) * 8, "the load covers the bitfield");
        assertEquals(64 - (bit + width - byteOff * 8), got.get(BtfExt.CoreReloKind.FIELD_LSHIFT_U64));
        assertEquals(64 - width, got.get(BtfExt.CoreReloKind.FIELD_RSHIFT_U64));
        assertEquals(0L, got.get(BtfExt.CoreReloKind.FIELD_SIGNED));
    }

    @Test
    void patchingAppliesValuesAndValidates() {
        CollectionSpec spec = CollectionSpec.read(TestTools.fixture("core"));
        BtfSpec local = spec.btf().orElseThrow();
        ProgramSpec p = spec.program("core_kprobe").orElseThrow();
        CoreRelocator core = new CoreRelocator(local, vmlinux);
        List<Map.Entry<Integer, BtfExt.CoreRelo>> relos = p.coreRelocations().stream()
                .map(r -> (Map.Entry<Integer, BtfExt.CoreRelo>) new AbstractMap.SimpleEntry<>(r.insn(), r.relo())).toList();
        long[] patched = core.apply(p.instructions(), relos);
        for (ProgramSpec.CoreRelocation r : p.coreRelocations()) {
            long insn = patched[r.insn()];
            CoreRelocator.Result res = new CoreRelocator(local, vmlinux).resolve(r.relo());
            int cls = (int) (insn & 7);
            if (cls == 0) assertEquals(res.newValue(), (insn >>> 32) | (patched[r.insn() + 1] >>> 32 << 32), "ld_imm64");
            else if (cls == 4 || cls == 7) assertEquals(res.newValue(), insn >>> 32);
            else assertEquals(res.newValue(), (long) (short) (insn >>> 16));
        }
        // the instruction must hold the value the compiler computed: a tampered one is refused
        ProgramSpec.CoreRelocation first = p.coreRelocations().stream().filter(r -> r.relo().knownKind() == BtfExt.CoreReloKind.TYPE_SIZE).findFirst().orElseThrow();
        long[] bad = p.instructions();
        bad[first.insn()] ^= 1L << 40;
        BtfException e = assertThrows(BtfException.class, () -> CoreRelocator.patch(bad, first.insn(), core.resolve(first.relo())));
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }

    @Test
    void missingFieldsPoisonAndUnknownKindsAreNamed() {
        BtfSpec.Builder b = BtfSpec.builder(null);
        int i32 = b.add(new BtfType.Int(b.addString("int"), 4, BtfType.Int.SIGNED, 0, 32));
        int s = b.add(new BtfType.Struct(b.addString("task_struct"), 8, false, List.of(new BtfType.Member(b.addString("cil_nope"), i32, 0, 0))));
        BtfSpec local = b.build();
        int acc = local.stringsLength();
        BtfSpec.Builder b2 = local.toBuilder();
        int off = b2.addString("0:0");
        BtfSpec local2 = b2.build();
        CoreRelocator core = new CoreRelocator(local2, vmlinux);
        CoreRelocator.Result r = core.resolve(new BtfExt.CoreRelo(0, s, off, "0:0", BtfExt.CoreReloKind.FIELD_BYTE_OFFSET.ordinal()));
        assertTrue(r.poison());
        long[] insns = {0x61L | (0x21L << 8), 0x95};   // r1 = *(u32 *)(r2 + 0); exit
        CoreRelocator.patch(insns, 0, r);
        assertEquals(0x85L | (0xbad2310L << 32), insns[0]);
        BtfException e = assertThrows(BtfException.class, () -> core.resolve(new BtfExt.CoreRelo(0, s, off, "0:0", 12)));
        assertTrue(e.getMessage().contains("type_matches"), e.getMessage());
        e = assertThrows(BtfException.class, () -> core.resolve(new BtfExt.CoreRelo(0, s, off, "0:0", 77)));
        assertTrue(e.getMessage().contains("kind 77"), e.getMessage());
        assertTrue(acc > 0);
    }

    @Test
    void flavorsAreStripped() {
        assertEquals(11, CoreRelocator.essentialNameLength("task_struct___cil_old"));
        assertEquals(11, CoreRelocator.essentialNameLength("task_struct"));
        assertEquals(4, CoreRelocator.essentialNameLength("a__b___c"));
        assertEquals(7, CoreRelocator.essentialNameLength("x____y_"));
    }
}
