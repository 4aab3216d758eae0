package dev.cil.netlink;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NlAttrsTest {
    private static NlAttrs parse(String hex) {
        return NlAttrs.parse(Hex.bytes(hex), "test");
    }

    @Test
    void readsEveryKindOfValue() {
        NlAttrs a = parse("05000100 ab000000" + "06000200 34120000" + "08000300 efbeadde" + "0c000400 08070605 04030201"
                + "06000500 12340000" + "08000600 0a000001" + "04000700" + "09000800 65746830 00000000");
        assertEquals(0xab, a.u8(1));
        assertEquals(0x1234, a.u16(2));
        assertEquals(0xdeadbeef, a.u32(3));
        assertEquals(0x0102030405060708L, a.u64(4));
        assertEquals(0x1234, a.be16(5));
        assertEquals(0x0a000001, a.be32(6));
        assertTrue(a.has(7));
        assertEquals(0, a.bytes(7).length);
        assertEquals("eth0", a.string(8));
        assertFalse(a.has(9));
        assertEquals(-1, a.u32(9, -1));
        assertEquals("x", a.string(9, "x"));
    }

    @Test
    void nestedTypesAreMaskedAndParsed() {
        NlAttrs a = parse("1c001280" + "09000100 76657468 00000000" + "0c000280 08000100 07000000");
        assertEquals(18, a.list().get(0).type());
        assertTrue(a.list().get(0).nested());
        NlAttrs info = a.nested(18);
        assertEquals("veth", info.string(1));
        assertEquals(7, info.nested(2).u32(1));
        assertTrue(a.nestedOrEmpty(99).isEmpty());
    }

    @Test
    void repeatedTypesKeepTheLastAndListAll() {
        NlAttrs a = parse("08000100 01000000 08000100 02000000");
        assertEquals(2, a.u32(1));
        assertEquals(List.of(1, 2), a.all(1).stream().map(a::u32).toList());
    }

    @Test
    void malformedInputIsANetlinkExceptionWithEbadmsg() {
        for (String bad : new String[] {"03000100", "0c000100 00000000", "08000100 00000000 0000", "ff"}) {
            NetlinkException e = assertThrows(NetlinkException.class, () -> parse(bad), bad);
            assertEquals(74, e.errnoNumber());
            assertFalse(e.getMessage().contains("\n"));
        }
        NlAttrs shortOne = parse("06000100 01000000");
        assertThrows(NetlinkException.class, () -> shortOne.u32(1));
        assertThrows(NetlinkException.class, () -> shortOne.u32(2));
        assertThrows(NetlinkException.class, () -> parse("0c000180 03000100 00000000").nested(1));
        assertThrows(NetlinkException.class, () -> NlAttrs.parse(new byte[4], 2, 4, "x"));
    }

    @Test
    void unalignedLastAttributeWithoutPaddingIsAccepted() {
        NlAttrs a = parse("05000100 ab");
        assertEquals(0xab, a.u8(1));
    }

    /** Random bytes through every decoder: only NetlinkException may come out, never an index error. */
    @Test
    void randomInputNeverEscapesAsAnotherException() {
        Random r = new Random(42);
        for (int i = 0; i < 20000; i++) {
            byte[] b = new byte[r.nextInt(80)];
            r.nextBytes(b);
            if (b.length >= 2 && r.nextBoolean()) {   // plausible lengths make deeper paths reachable
                b[0] = (byte) r.nextInt(Math.max(1, b.length + 4));
                b[1] = 0;
            }
            try {
                walk(NlAttrs.parse(b, "fuzz"), 0);
            } catch (NetlinkException expected) {
                // fine
            }
            byte[] msg = new byte[16 + b.length];
            int len = r.nextBoolean() ? msg.length : r.nextInt(msg.length + 1);
            msg[0] = (byte) len;
            msg[4] = (byte) (16 + r.nextInt(32));
            System.arraycopy(b, 0, msg, 16, b.length);
            try {
                for (NlMessage m : NlMessage.parseAll(msg, msg.length)) decodeAll(m);
            } catch (NetlinkException expected) {
                // fine
            }
        }
    }

    private static void decodeAll(NlMessage m) {
        for (Runnable d : Arrays.<Runnable>asList(() -> RtnlCodec.link(m), () -> RtnlCodec.address(m), () -> RtnlCodec.route(m),
                () -> RtnlCodec.neighbour(m), () -> RtnlCodec.qdisc(m), () -> RtnlCodec.filter(m), () -> NlError.ofError(m),
                () -> NlError.ofDone(m))) {
            try {
                d.run();
            } catch (NetlinkException expected) {
                // fine
            }
        }
    }

    private static void walk(NlAttrs a, int depth) {
        for (NlAttrs.Attr x : a.list()) {
            a.bytes(x);
            a.string(x);
            if (depth < 3) {
                try {
                    walk(a.nested(x, "n"), depth + 1);
                } catch (NetlinkException expected) {
                    // fine
                }
            }
        }
        assertArrayEquals(new byte[0], new byte[0]);
    }
}
