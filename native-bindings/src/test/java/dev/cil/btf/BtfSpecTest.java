package dev.cil.btf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BtfSpec's API on small hand-built BTF, and its defences against malformed blobs. */
class BtfSpecTest {
    @TempDir
    Path tmp;

    /** int, unsigned char, typedef u8, const u8, struct pair {int a; u8 b[3]; struct pair *next;}, ptr, array, enum, func. */
    private static BtfSpec sample() {
        BtfSpec.Builder b = BtfSpec.builder(null);
        int i32 = b.add(new BtfType.Int(b.addString("int"), 4, BtfType.Int.SIGNED, 0, 32));           // 1
        int u8 = b.add(new BtfType.Int(b.addString("unsigned char"), 1, 0, 0, 8));                    // 2
        int td = b.add(new BtfType.Typedef(b.addString("u8"), u8));                                   // 3
        int cst = b.add(new BtfType.Const(0, td));                                                      // 4
        int arr = b.add(new BtfType.Array(0, cst, i32, 3));                                            // 5
        int pair = b.nextId();                                                                          // 6
        b.add(new BtfType.Struct(b.addString("pair"), 16, false, List.of(
                new BtfType.Member(b.addString("a"), i32, 0, 0),
                new BtfType.Member(b.addString("b"), arr, 32, 0),
                new BtfType.Member(b.addString("next"), pair + 1, 64, 0))));
        b.add(new BtfType.Ptr(0, pair));                                                               // 7
        b.add(new BtfType.Enum(b.addString("color"), 4, true, List.of(
                new BtfType.EnumValue(b.addString("RED"), -1), new BtfType.EnumValue(b.addString("BLUE"), 7))));   // 8
        int proto = b.add(new BtfType.FuncProto(0, i32, List.of(new BtfType.Param(b.addString("p"), pair + 1))));  // 9
        b.add(new BtfType.Func(b.addString("pair_len"), proto, BtfType.Func.GLOBAL));                  // 10
        b.add(new BtfType.Typedef(b.addString("pair"), pair));                                         // 11: same name, other kind
        return b.build();
    }

    @Test
    void accessors() {
        BtfSpec s = sample();
        assertEquals(12, s.typeCount());
        assertEquals(1, s.firstTypeId());
        assertEquals(BtfType.Void.INSTANCE, s.type(0));
        assertEquals("pair", s.name(6));
        assertEquals(6, s.typeIdByName("pair", BtfType.Kind.STRUCT).getAsInt());
        assertEquals(11, s.typeIdByName("pair", BtfType.Kind.TYPEDEF).getAsInt());
        assertTrue(s.typeIdByName("pair", BtfType.Kind.UNION).isEmpty());
        assertTrue(s.typeByName("nosuch", BtfType.Kind.STRUCT).isEmpty());
        assertArrayEquals(new int[] {6, 11}, s.typeIdsByName("pair"));
        assertEquals(2, s.resolve(4));          // const -> typedef -> int
        assertEquals(3, s.skipModifiers(4));    // const -> typedef (kept)
        assertEquals(16, s.sizeOf(6));
        assertEquals(16, s.sizeOf(11));
        assertEquals(3, s.sizeOf(5));
        assertEquals(8, s.sizeOf(7));
        assertEquals(8, s.alignOf(6));
        assertEquals(1, s.alignOf(5));
        assertEquals("", s.string(0));
        assertThrows(BtfException.class, () -> s.type(12));
        assertThrows(BtfException.class, () -> s.type(-1));
        assertThrows(BtfException.class, () -> s.string(100000));
        assertThrows(BtfException.class, () -> s.sizeOf(10));   // a function has no size
        assertArrayEquals(s.bytes(), BtfSpec.parse(s.bytes()).bytes());
        assertEquals("[6] STRUCT 'pair' size=16 vlen=3\n\t'a' type_id=1 bits_offset=0\n\t'b' type_id=5 bits_offset=32\n"
                + "\t'next' type_id=7 bits_offset=64\n", lineOf(s, 6));
        assertEquals("[8] ENUM 'color' encoding=SIGNED size=4 vlen=2\n\t'RED' val=-1\n\t'BLUE' val=7\n", lineOf(s, 8));
    }

    private static String lineOf(BtfSpec s, int id) {
        StringBuilder sb = new StringBuilder();
        BtfRawDump.line(s, id, sb);
        return sb.toString();
    }

    @Test
    void longTypedefChainsAreBounded() {
        BtfSpec.Builder b = BtfSpec.builder(null);
        int prev = b.add(new BtfType.Int(b.addString("int"), 4, BtfType.Int.SIGNED, 0, 32));
        for (int i = 0; i < 40; i++) prev = b.add(new BtfType.Typedef(b.addString("t" + i), prev));
        BtfSpec s = b.build();
        int last = prev;
        assertThrows(BtfException.class, () -> s.resolve(last));
        assertThrows(BtfException.class, () -> s.sizeOf(last));
        assertEquals(4, s.sizeOf(last - 30));
    }

    @Test
    void hugeArraysAreAnError() {
        BtfSpec.Builder b = BtfSpec.builder(null);
        int i32 = b.add(new BtfType.Int(b.addString("int"), 4, BtfType.Int.SIGNED, 0, 32));
        int a = b.add(new BtfType.Array(0, i32, i32, 0x40000000));
        int aa = b.add(new BtfType.Array(0, a, i32, 16));
        BtfSpec s = b.build();
        assertThrows(BtfException.class, () -> s.sizeOf(a));
        assertThrows(BtfException.class, () -> s.sizeOf(aa));
    }

    private static byte[] blob() {
        return sample().bytes();
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void bad(byte[] b, String fragment) {
        BtfException e = assertThrows(BtfException.class, () -> BtfSpec.parse(b));
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void malformedHeaders() {
        bad(new byte[0], "too short");
        bad(new byte[23], "too short");
        byte[] b = blob();
        le(b).putShort(0, (short) 0x1234);
        bad(b, "bad BTF magic");
        b = blob();
        le(b).putShort(0, (short) 0x9feb);
        bad(b, "big-endian");
        b = blob();
        b[2] = 2;
        bad(b, "version 2");
        b = blob();
        le(b).putInt(4, 1 << 30);
        bad(b, "header length");
        b = blob();
        le(b).putInt(12, 1 << 30);
        bad(b, "type section");
        b = blob();
        le(b).putInt(16, -8);
        bad(b, "string section");
        b = blob();
        le(b).putInt(8, 2);
        le(b).putInt(12, le(b).getInt(12) - 4);
        bad(b, "aligned");
        b = blob();
        le(b).putInt(16, 0);   // strings overlap the types
        bad(b, "overlap");
        b = blob();
        b[b.length - 1] = 'x';
        bad(b, "NUL");
        b = blob();
        b[24 + le(b).getInt(16)] = 'x';
        bad(b, "empty string");
        b = Arrays.copyOf(blob(), blob().length - 10);
        bad(b, "outside the blob");
    }

    @Test
    void malformedTypes() {
        int t = 24;   // first type
        byte[] b = blob();
        le(b).putInt(t + 4, 20 << 24);
        bad(b, "unknown kind 20");
        b = blob();
        le(b).putInt(t + 4, (1 << 24) | 1);
        bad(b, "vlen must be 0");
        b = blob();
        le(b).putInt(t + 4, (1 << 24) | (1 << 16));
        bad(b, "unused info bits");
        b = blob();
        le(b).putInt(t + 12, 64);   // int: 64 bits in 4 bytes
        bad(b, "exceed size");
        b = blob();
        le(b).putInt(t, 1 << 20);
        bad(b, "name offset");
        // struct pair (type 6) with a vlen of 65535: truncated, not an allocation of 65535 members
        BtfSpec s = sample();
        int off = offsetOf(s, 6);
        b = s.bytes();
        le(b).putInt(24 + off + 4, (4 << 24) | 0xffff);
        bad(b, "truncated");
        // member type id out of range
        b = s.bytes();
        le(b).putInt(24 + off + 12 + 4, 999);
        bad(b, "refers to type id 999");
        // a pointer to itself
        int ptr = offsetOf(s, 7);
        b = s.bytes();
        le(b).putInt(24 + ptr + 8, 7);
        bad(b, "cycle");
        // const -> typedef -> const
        b = s.bytes();
        le(b).putInt(24 + offsetOf(s, 3) + 8, 4);
        bad(b, "cycle");
    }

    /** Byte offset of a type inside the type section. */
    private static int offsetOf(BtfSpec s, int id) {
        int off = 0;
        for (int i = 1; i < id; i++) {
            BtfType t = s.type(i);
            off += 12;
            switch (t.kind()) {
                case INT: case VAR: case DECL_TAG: off += 4; break;
                case ARRAY: off += 12; break;
                case STRUCT: case UNION: off += 12 * ((BtfType.Composite) t).members().size(); break;
                case ENUM: off += 8 * ((BtfType.Enum) t).values().size(); break;
                case FUNC_PROTO: off += 8 * ((BtfType.FuncProto) t).params().size(); break;
                default: break;
            }
        }
        return off;
    }

    @Test
    void offsetHelperIsRight() {
        BtfSpec s = sample();
        byte[] b = s.bytes();
        assertEquals(2 << 24, le(b).getInt(24 + offsetOf(s, 7) + 4));   // PTR kind
        assertEquals(4 << 24 | 3, le(b).getInt(24 + offsetOf(s, 6) + 4));   // STRUCT, vlen 3
    }

    /** Random corruption of real BTF: parse and every dump either work or throw BtfException. */
    @Test
    void fuzzedBlobsFailCleanly() {
        List<byte[]> seeds = new java.util.ArrayList<>();
        for (Path obj : TestTools.fixtures()) seeds.add(TestTools.elfSection(obj, ".BTF", tmp));
        Random rnd = new Random(0xb7f);
        int ok = 0, rejected = 0;
        long t0 = System.nanoTime();
        for (int round = 0; round < 6000; round++) {
            byte[] b = seeds.get(round % seeds.size()).clone();
            int kind = rnd.nextInt(5);
            if (kind == 0) {
                for (int k = 1 + rnd.nextInt(4); k > 0; k--) b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
            } else if (kind == 1) {
                b = Arrays.copyOf(b, rnd.nextInt(b.length));
            } else if (kind == 2) {
                le(b).putInt(4 * rnd.nextInt(6), rnd.nextInt());
            } else if (kind == 3) {
                int p = 24 + 4 * rnd.nextInt((b.length - 24) / 4);
                le(b).putInt(p, rnd.nextBoolean() ? rnd.nextInt(64) : rnd.nextInt());
            } else {
                int p = 24 + 4 * rnd.nextInt((b.length - 24) / 4);
                le(b).putInt(p, (rnd.nextInt(21) << 24) | rnd.nextInt(0x10000));
            }
            try {
                BtfSpec s = BtfSpec.parse(b);
                BtfRawDump.text(s);
                BtfRawDump.json(s, BpftoolJsonWriter.compact(new StringBuilder()));
                try {
                    BtfCDump.dump(s, BtfCDump.Style.CURRENT);
                } catch (BtfException e) {
                    rejected++;
                }
                for (int id = 1; id < s.typeCount(); id++) {
                    try {
                        s.sizeOf(id);
                    } catch (BtfException e) {
                        // no size: fine
                    }
                }
                ok++;
            } catch (BtfException e) {
                rejected++;
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("BTF fuzz: %d parsed, %d rejected in %d ms%n", ok, rejected, ms);
        assertTrue(ok > 100 && rejected > 100, "ok " + ok + ", rejected " + rejected);
        assertTrue(ms < 30_000, "fuzzing took " + ms + " ms");
    }
}
