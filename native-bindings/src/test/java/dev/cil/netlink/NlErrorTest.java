package dev.cil.netlink;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class NlErrorTest {
    private static NlMessage one(String hex) {
        byte[] b = Hex.bytes(hex);
        List<NlMessage> ms = NlMessage.parseAll(b, b.length);
        assertEquals(1, ms.size());
        return ms.get(0);
    }

    @Test
    void ackIsErrnoZero() {
        NlMessage m = one("24000000 02000001 05000000 e8030000" + "00000000" + "20000000 10000506 05000000 e8030000");
        assertEquals(2, m.type());
        assertEquals(5, m.seq());
        assertEquals(1000, m.pid());
        NlError e = NlError.ofError(m);
        assertEquals(0, e.errno());
        assertNull(e.extack());
    }

    @Test
    void cappedErrorWithExtendedAck() {
        // error -17, the request's header (capped), then NLMSGERR_ATTR_MSG "Link exists" and NLMSGERR_ATTR_OFFS 32
        NlMessage m = one("3c000000 02000003 07000000 00000000" + "efffffff" + "40000000 10000506 07000000 00000000"
                + "10000100 4c696e6b 20657869 73747300" + "08000200 20000000");
        NlError e = NlError.ofError(m);
        assertEquals(17, e.errno());
        assertEquals("Link exists", e.extack());
        assertEquals(32, e.badAttrOffset());
        NetlinkException ex = new NetlinkException("RTM_NEWLINK veth0", e.errno(), e.extack(), 7);
        assertEquals("RTM_NEWLINK veth0: File exists (EEXIST; Link exists)", ex.getMessage());
        assertEquals("Link exists", ex.extack().orElseThrow());
        assertEquals(7, ex.sequence());
    }

    @Test
    void uncappedErrorSkipsTheEchoedRequest() {
        // error -22; echoed request of 24 bytes (header + 8 payload bytes), then the TLV
        NlMessage m = one("34000000 02000002 07000000 00000000" + "eaffffff" + "18000000 10000500 07000000 00000000 aaaaaaaa bbbbbbbb"
                + "08000100 6d747500");
        NlError e = NlError.ofError(m);
        assertEquals(22, e.errno());
        assertEquals("mtu", e.extack());
    }

    @Test
    void doneCarriesADumpError() {
        assertEquals(0, NlError.ofDone(one("14000000 03000200 01000000 00000000 00000000")).errno());
        assertEquals(16, NlError.ofDone(one("14000000 03000200 01000000 00000000 f0ffffff")).errno());
        assertEquals(0, NlError.ofDone(one("10000000 03000200 01000000 00000000")).errno());
    }

    @Test
    void messagesSplitOnAlignedBoundaries() {
        byte[] two = Hex.bytes("11000000 10000200 01000000 00000000 ab000000" + "10000000 03000200 01000000 00000000");
        List<NlMessage> ms = NlMessage.parseAll(two, two.length);
        assertEquals(2, ms.size());
        assertEquals(1, ms.get(0).payloadLength());
        assertEquals(3, ms.get(1).type());
    }
}
