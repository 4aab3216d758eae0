package dev.cil.api.maps;

import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Byte images of the codecs (the smoke test's hex helpers write the same) and their text forms. */
class MapCodecsTest {
    static Inet4Address ip(String s) throws Exception { return (Inet4Address) InetAddress.getByName(s); }

    static byte[] hex(String s) {
        String[] p = s.trim().split("\\s+");
        byte[] b = new byte[p.length];
        for (int i = 0; i < p.length; i++) b[i] = (byte) Integer.parseInt(p[i], 16);
        return b;
    }

    @Test
    void endpointKeyBytes() throws Exception {
        assertArrayEquals(hex("0a c8 00 05 00 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00"), LxcMap.Key.of(ip("10.200.0.5")).encode());
        assertEquals("10.200.0.5:0", LxcMap.Key.decode(LxcMap.Key.of(ip("10.200.0.5")).encode()).toString());
        assertEquals("10.0.0.1@7:0", new LxcMap.Key(ip("10.0.0.1"), 7).toString());
    }

    @Test
    void endpointInfoBytesAndText() {
        LxcMap.Info i = LxcMap.Info.endpoint(10, 416, "92:ef:86:7b:d1:d4", "5e:b5:9a:19:fb:b3", 39126);
        byte[] b = i.encode();
        assertArrayEquals(hex("0a 00 00 00 00 00 a0 01 00 00 00 00 00 00 00 00 92 ef 86 7b d1 d4 00 00 5e b5 9a 19 fb b3 00 00"
                + " d6 98 00 00 00 00 00 00 00 00 00 00 00 00 00 00"), b);
        assertEquals(i, LxcMap.Info.decode(b));
        assertEquals("id=416   sec_id=39126 flags=0x0000 ifindex=10  mac=92:EF:86:7B:D1:D4 nodemac=5E:B5:9A:19:FB:B3", i.toString());
        assertEquals("(localhost)", LxcMap.Info.decode(LxcMap.Info.host().encode()).toString());
        assertThrows(IllegalArgumentException.class, () -> LxcMap.Info.endpoint(1, 1, "nonsense", "00:00:00:00:00:00", 1));
    }

    @Test
    void ipcacheBytesAndText() throws Exception {
        // prefixlen 64 (32 + /32), cluster 0, pad, family 1, address
        assertArrayEquals(hex("40 00 00 00 00 00 00 01 0a c8 00 05 00 00 00 00 00 00 00 00 00 00 00 00"),
                IpcacheMap.Key.of(ip("10.200.0.5"), 32).encode());
        assertEquals("0.0.0.0/0", IpcacheMap.Key.decode(IpcacheMap.Key.of(ip("0.0.0.0"), 0).encode()).toString());
        assertEquals(32, ByteBuffer.wrap(IpcacheMap.Key.of(ip("0.0.0.0"), 0).encode()).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
        IpcacheMap.Value v = new IpcacheMap.Value(39166, ip("192.168.10.101"), 0, IpcacheMap.F_HAS_TUNNEL | IpcacheMap.F_REMOTE_CLUSTER);
        assertArrayEquals(hex("fe 98 00 00 c0 a8 0a 65 00 00 00 0a"), v.encode());
        assertEquals("identity=39166 encryptkey=0 tunnelendpoint=192.168.10.101, flags=hastunnel,remotecluster",
                IpcacheMap.Value.decode(v.encode()).toString());
        assertEquals("identity=2 encryptkey=0 tunnelendpoint=0.0.0.0, flags=<none>", IpcacheMap.Value.local(2).toString());
        assertThrows(IllegalArgumentException.class, () -> IpcacheMap.Key.of(ip("10.0.0.0"), 33));
    }

    @Test
    void nodeConfigBytes() throws Exception {
        NodeConfigMap.Config c = new NodeConfigMap.Config(ip("10.200.0.1"), ip("10.200.0.0"), 24, 3, 1234, NodeConfigMap.AGG_MEDIUM);
        assertArrayEquals(hex("0a c8 00 01 0a c8 00 00 ff ff ff 00 03 00 00 00 d2 04 03 00 00 00 00 00"), c.encode());
        assertEquals(c, NodeConfigMap.Config.decode(c.encode()));
    }

    @Test
    void metricsPerCpuSumsAndNames() {
        ByteBuffer b = ByteBuffer.allocate(3 * 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, 1).putLong(8, 100).putLong(16, 2).putLong(24, 200).putLong(32, 3).putLong(40, 300);
        assertEquals(new MetricsMap.Value(6, 600), MetricsMap.Value.sumPerCpu(b, 0, 3));
        MetricsMap.Key k = new MetricsMap.Key(133, 1, 2143, 2);
        assertEquals(k, MetricsMap.Key.decode(ByteBuffer.wrap(k.encode()), 0));
        assertEquals("Policy denied", MetricsMap.reason(133));
        assertEquals("Stale or unroutable IP", MetricsMap.reason(151));
        assertEquals("Fragmentation needed", MetricsMap.reason(136));
        assertEquals("Success", MetricsMap.reason(0));
        assertEquals("Interface", MetricsMap.reason(3));
        assertEquals("TTL exceeded", MetricsMap.reason(196));
        assertEquals("250, 0", MetricsMap.reason(250));
        assertEquals("bpf_lxc.c", MetricsMap.file(2));
        assertEquals("unknown(99)", MetricsMap.file(99));
        assertEquals("EGRESS", MetricsMap.direction(2));
        assertEquals("ingress", MetricsMap.directionJson(1));
    }

    @Test
    void conntrackText() throws Exception {
        CtMap.Tuple t = new CtMap.Tuple(ip("10.200.0.4"), ip("10.200.0.3"), 80, 41320, 6, 0);
        assertEquals(t, CtMap.Tuple.decode(ByteBuffer.wrap(t.encode()), 0));
        assertArrayEquals(hex("0a c8 00 04 0a c8 00 03 00 50 a1 68 06 00"), t.encode());
        assertEquals("TCP OUT 10.200.0.3:41320 -> 10.200.0.4:80 ", t.text());
        assertEquals("ICMP OUT 10.200.0.3:7 -> 10.200.0.4:0 related ",
                new CtMap.Tuple(ip("10.200.0.4"), ip("10.200.0.3"), 0, 7, 1, CtMap.TUPLE_F_RELATED).text());
        CtMap.Entry e = new CtMap.Entry(5, 400, 4, 300, 21700, CtMap.CT_F_SEEN_NON_SYN | CtMap.CT_F_TX_CLOSING, 0x1b, 0x12,
                100, 101, 256, 99);
        assertEquals("expires=21700 (remaining: 21600 sec(s)) RxPackets=4 RxBytes=300 RxFlagsSeen=0x12 LastRxReport=101"
                + " TxPackets=5 TxBytes=400 TxFlagsSeen=0x1b LastTxReport=100 Flags=0x0006 [ TxClosing SeenNonSyn ]"
                + " RevNAT=0 SourceSecurityID=256 IfIndex=0 \n", e.text(100));
        assertEquals("0x00", CtMap.goHex02(0));
        assertEquals("0x0000", CtMap.goHex04(0));
        assertEquals("0x0100", CtMap.goHex04(256));
    }
}
