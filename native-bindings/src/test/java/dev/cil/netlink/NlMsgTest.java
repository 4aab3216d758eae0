package dev.cil.netlink;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NlMsgTest {
    private static void assertBytes(String expectedHex, byte[] actual) {
        assertEquals(Hex.string(Hex.bytes(expectedHex)), Hex.string(actual));
    }

    @Test
    void headerFamilyHeaderAndStringAttribute() {
        NlMsg m = NlMsg.request(18, 0).u8(0).u8(0).u16(0).u32(0).u32(0).u32(0).attrString(3, "eth0");
        assertBytes("2c000000 12000100 04030201 78563412"
                + "00000000 00000000 00000000 00000000"
                + "09000300 65746830 00000000", m.toBytes(0x01020304, 0x12345678));
        assertEquals(44, m.length());
    }

    @Test
    void integerAttributesAreHostOrderExceptBigEndianOnes() {
        NlMsg m = NlMsg.message(1, 0).attrU8(1, 0xab).attrU16(2, 0x1234).attrU32(3, 0xdeadbeef)
                .attrU64(4, 0x0102030405060708L).attrBe16(5, 0x1234).attrBe32(6, 0x0a000001).attrFlag(7);
        assertBytes("48000000 01000000 00000000 00000000"
                + "05000100 ab000000"
                + "06000200 34120000"
                + "08000300 efbeadde"
                + "0c000400 08070605 04030201"
                + "06000500 12340000"
                + "08000600 0a000001"
                + "04000700", m.toBytes(0, 0));
    }

    @Test
    void nestedAttributesCarryTheNestedFlagAndTheirLength() {
        NlMsg m = NlMsg.message(16, 0).beginNested(18).attrString(1, "veth").beginNested(2).attrU32(1, 7).endNested().endNested();
        assertBytes("2c000000 10000000 00000000 00000000"
                + "1c001280"
                + "09000100 76657468 00000000"
                + "0c000280 08000100 07000000", m.toBytes(0, 0));
    }

    @Test
    void extraFlagsAreOredIn() {
        NlMsg m = NlMsg.request(16, NlMsg.NLM_F_CREATE | NlMsg.NLM_F_EXCL);
        assertBytes("10000000 10000506 01000000 00000000", m.toBytes(1, 0, NlMsg.NLM_F_ACK));
    }

    @Test
    void misuseIsRejected() {
        assertThrows(IllegalStateException.class, () -> NlMsg.message(1, 0).endNested());
        assertThrows(IllegalStateException.class, () -> NlMsg.message(1, 0).beginNested(1).toBytes(0, 0));
        assertThrows(IllegalArgumentException.class, () -> NlMsg.message(1, 0).attrString(1, "a\0b"));
        assertThrows(IllegalArgumentException.class, () -> NlMsg.message(1, 0).attr(1, new byte[70000]));
    }
}
