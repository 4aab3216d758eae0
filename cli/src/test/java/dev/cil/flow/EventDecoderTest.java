package dev.cil.flow;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ring buffer records (cil_events.h) and captured headers, including bad and short input. */
class EventDecoderTest {
    final EventDecoder d = new EventDecoder();

    @Test
    void aTraceRecordWithItsMetaAndPacket() {
        byte[] frame = Frames.tcpFrame("10.0.0.1", 41320, "10.0.0.2", 80, Packet.TCP_SYN | Packet.TCP_ECE);
        MonitorEvent e = d.decodeRecord(Frames.trace(123456789L, 1, 0, 905, 39126, 25054, 905, 0, 12, frame));
        MonitorEvent.Trace t = assertInstanceOf(MonitorEvent.Trace.class, e);
        assertEquals(123456789L, t.ktimeNs());
        assertEquals(1, t.cpu());
        assertEquals(4, t.type());
        assertEquals(0, t.obsPoint());
        assertEquals(905, t.source());
        assertEquals(frame.length, t.lenOrig());
        assertEquals(frame.length, t.lenCap());
        assertEquals(1, t.version());
        assertEquals(39126, t.srcLabel());
        assertEquals(25054, t.dstLabel());
        assertEquals(905, t.dstId());
        assertEquals(12, t.ifindex());
        assertNull(t.originalIp());
        Packet p = t.packet();
        assertEquals(Packet.Layer.TCP, p.lastLayer());
        assertEquals("10.0.0.1", p.ipSourceString());
        assertEquals(41320, p.sourcePort());
        assertEquals(80, p.destinationPort());
        assertEquals("TCP Flags: SYN, ECE", p.summary());
        assertEquals(63, p.ttl());
        assertNull(p.truncated());
    }

    @Test
    void aDropRecord() {
        MonitorEvent e = d.decodeRecord(Frames.drop(1, 0, 151, 416, 39126, 2, 0, 321, 2, 12,
                Frames.icmpFrame("10.0.0.1", "10.0.0.99", 8)));
        MonitorEvent.Drop x = assertInstanceOf(MonitorEvent.Drop.class, e);
        assertEquals(151, x.reason());
        assertEquals(321, x.line());
        assertEquals(2, x.file());
        assertEquals(0, x.extError());
        assertEquals("ICMPv4 EchoRequest", x.packet().summary());
        assertEquals(77, x.packet().icmpId());
    }

    @Test
    void theCaptureIsBoundedByLenCapAndTheMessageLength() {
        byte[] frame = Frames.tcpFrame("10.0.0.1", 1, "10.0.0.2", 2, Packet.TCP_ACK);
        byte[] rec = Frames.trace(1, 0, 3, 1, 0, 0, 0, 1, 0, frame);
        // the record is longer than meta + msg_len (junk follows): the junk is never read as packet
        MonitorEvent.Trace t = (MonitorEvent.Trace) d.decodeRecord(rec);
        assertEquals(frame.length, t.packet().length());
        // len_cap larger than what is there: only what is there
        ByteBuffer b = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(16 + 12, (short) 1000);
        MonitorEvent.Trace t2 = (MonitorEvent.Trace) d.decodeRecord(rec);
        assertEquals(1000, t2.lenCap());
        assertEquals(frame.length, t2.packet().length(), "bounded by msg_len");
    }

    @Test
    void debugCaptureAndUnknownTypes() {
        ByteBuffer dbg = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        dbg.put((byte) 2).put((byte) 7).putShort((short) 416).putInt(0xabc).putInt(1).putInt(2).putInt(3);
        MonitorEvent.Debug m = assertInstanceOf(MonitorEvent.Debug.class, d.decodeRecord(Frames.record(5, 1, dbg.array())));
        assertEquals(7, m.subtype());
        assertEquals(416, m.source());
        assertEquals(0xabc, m.hash());
        assertEquals(3, m.arg3());

        byte[] frame = Frames.icmpFrame("10.0.0.1", "10.0.0.2", 0);
        ByteBuffer cap = ByteBuffer.allocate(24 + frame.length).order(ByteOrder.LITTLE_ENDIAN);
        cap.put((byte) 3).put((byte) 4).putShort((short) 1).putInt(0).putInt(frame.length).putShort((short) frame.length)
                .putShort((short) 1).putInt(12).putInt(0).put(frame);
        MonitorEvent.Capture c = assertInstanceOf(MonitorEvent.Capture.class, d.decodeRecord(Frames.record(5, 0, cap.array())));
        assertEquals(4, c.subtype());
        assertEquals(12, c.arg1());
        assertEquals("ICMPv4 EchoReply", c.packet().summary());

        MonitorEvent.Unknown u = assertInstanceOf(MonitorEvent.Unknown.class,
                d.decodeRecord(Frames.record(5, 0, new byte[] {(byte) 200, 1, 2, 0, 0, 0, 0, 0, 9})));
        assertEquals(200, u.type());
        assertNull(u.why(), "a type we do not know, not a broken message");
        assertEquals(9, u.data().length);
    }

    @Test
    void shortAndInconsistentRecordsAreUnknownNeverExceptions() {
        byte[] good = Frames.trace(1, 0, 0, 1, 0, 0, 0, 0, 0, Frames.icmpFrame("10.0.0.1", "10.0.0.2", 8));
        for (int len = 0; len < good.length; len++) {
            MonitorEvent e = d.decodeRecord(Arrays.copyOf(good, len));
            assertNotNull(e);
            if (len < 16 + 48) assertInstanceOf(MonitorEvent.Unknown.class, e, "length " + len);
        }
        MonitorEvent.Unknown x = (MonitorEvent.Unknown) d.decodeRecord(Arrays.copyOf(good, 10));
        assertTrue(x.why().contains("16-byte meta"), x.why());
        byte[] bigLen = good.clone();
        ByteBuffer.wrap(bigLen).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 99999);
        assertTrue(((MonitorEvent.Unknown) d.decodeRecord(bigLen)).why().contains("exceeds the record"));
        byte[] v7 = good.clone();
        ByteBuffer.wrap(v7).order(ByteOrder.LITTLE_ENDIAN).putShort(16 + 14, (short) 7);
        assertTrue(((MonitorEvent.Unknown) d.decodeRecord(v7)).why().contains("version 7"));
        // random bytes never throw
        java.util.Random r = new java.util.Random(42);
        for (int i = 0; i < 20000; i++) {
            byte[] junk = new byte[r.nextInt(200)];
            r.nextBytes(junk);
            if (junk.length > 16 && r.nextBoolean()) junk[16] = (byte) (1 + r.nextInt(4));
            if (junk.length > 16 && r.nextBoolean()) ByteBuffer.wrap(junk).order(ByteOrder.LITTLE_ENDIAN).putInt(12, junk.length - 16);
            assertNotNull(d.decodeRecord(junk));
        }
    }

    @Test
    void packetHeadersAndTruncation() {
        byte[] tcp = Frames.tcpFrame("10.0.0.1", 1, "10.0.0.2", 2, Packet.TCP_SYN);
        for (int cut = 0; cut <= tcp.length; cut++) {
            Packet p = Packet.decode(Arrays.copyOf(tcp, cut));
            if (cut == tcp.length) {
                assertEquals(Packet.Layer.TCP, p.lastLayer());
                assertNull(p.truncated());
            } else if (cut >= 34) {
                assertEquals(Packet.Layer.IPV4, p.lastLayer(), "cut at " + cut);
                assertTrue(p.truncated().startsWith("TCP header"), p.truncated());
            } else if (cut >= 14) {
                assertEquals(Packet.Layer.ETHERNET, p.lastLayer());
                assertEquals("Ethernet", p.summary());
                assertTrue(p.truncated().startsWith("IPv4 header"), p.truncated());
            } else if (cut > 0) {
                assertNull(p.lastLayer());
                assertEquals("", p.summary());
            }
        }
        // bad IHL (the datapath's drop 134): stops at Ethernet
        byte[] badIhl = tcp.clone();
        badIhl[14] = 0x43;
        Packet p = Packet.decode(badIhl);
        assertEquals(Packet.Layer.ETHERNET, p.lastLayer());
        assertTrue(p.truncated().contains("header length 12"), p.truncated());
        // a fragment (drop 157): IPv4 is the last layer, as gopacket stops at LayerTypeFragment
        byte[] frag = Frames.eth(1, 2, 0x0800, Frames.ipv4(Frames.ip("10.0.0.1"), Frames.ip("10.0.0.2"), 17, 64, 0x2000, Frames.udp(1, 2)));
        Packet f = Packet.decode(frag);
        assertEquals("IPv4", f.summary());
        assertFalse(f.has(Packet.Layer.UDP));
        // UDP
        Packet u = Packet.decode(Frames.eth(1, 2, 0x0800, Frames.ipv4(Frames.ip("10.0.0.1"), Frames.ip("10.0.0.2"), 17, 64, Frames.udp(5000, 9))));
        assertEquals("UDP", u.summary());
        assertEquals(9, u.destinationPort());
        // an unknown L4 protocol: IPv4
        assertEquals("IPv4", Packet.decode(Frames.eth(1, 2, 0x0800, Frames.ipv4(1, 2, 47, 64, new byte[8]))).summary());
    }

    @Test
    void arpIpv6AndOtherEthertypes() {
        ByteBuffer arp = ByteBuffer.allocate(28);
        arp.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1)
                .put(new byte[] {1, 2, 3, 4, 5, 6}).putInt(Frames.ip("10.0.0.1")).put(new byte[6]).putInt(Frames.ip("10.0.0.254"));
        Packet a = Packet.decode(Frames.eth(0x010203040506L, 0xffffffffffffL, 0x0806, arp.array()));
        assertTrue(a.has(Packet.Layer.ARP));
        assertEquals(1, a.arpOp());
        assertEquals("10.0.0.254", Net.ipv4(a.arpTargetIp()));
        assertEquals("01:02:03:04:05:06", Net.mac(a.arpSenderMac()));
        assertEquals("Ethernet", a.summary(), "hubble's decoder does not know ARP");
        assertNull(a.ipSourceString());

        ByteBuffer v6 = ByteBuffer.allocate(40 + 8);
        v6.putInt(0x60000000).putShort((short) 8).put((byte) 58).put((byte) 64);
        byte[] src = Net.parseIp("fd00::1"), dst = Net.parseIp("fe80::1:0:0:2");
        v6.put(src).put(dst).put(new byte[] {(byte) 128, 0, 0, 0, 0, 1, 0, 1});
        Packet s = Packet.decode(Frames.eth(1, 2, 0x86DD, v6.array()));
        assertEquals("fd00::1", s.ipSourceString());
        assertEquals("fe80::1:0:0:2", s.ipDestinationString());
        assertEquals("ICMPv6 EchoRequest", s.summary());
        assertEquals(64, s.ttl());

        assertEquals("Ethernet", Packet.decode(Frames.eth(1, 2, 0x88cc, new byte[10])).summary());
    }

    @Test
    void icmpTypeCodesAsGopacketNamesThem() {
        assertEquals("EchoRequest", Packet.icmpv4TypeCode(8, 0));
        assertEquals("DestinationUnreachable(Port)", Packet.icmpv4TypeCode(3, 3));
        assertEquals("DestinationUnreachable(Code: 16)", Packet.icmpv4TypeCode(3, 16));
        assertEquals("EchoReply(Code: 1)", Packet.icmpv4TypeCode(0, 1));
        assertEquals("TimeExceeded(TTLExceeded)", Packet.icmpv4TypeCode(11, 0));
        assertEquals("Redirect(TOS+Host)", Packet.icmpv4TypeCode(5, 3));
        assertEquals("42(1)", Packet.icmpv4TypeCode(42, 1));
        assertEquals("DestinationUnreachable(PortUnreachable)", Packet.icmpv6TypeCode(1, 4));
        assertEquals("NeighborSolicitation", Packet.icmpv6TypeCode(135, 0));
        assertEquals("200(0)", Packet.icmpv6TypeCode(200, 0));
        assertEquals("SYN, ACK, RST, FIN, PSH, URG, ECE, CWR, NS", Packet.tcpFlagsText(511));
        assertEquals("ACK, FIN", Packet.tcpFlagsText(Packet.TCP_FIN | Packet.TCP_ACK));
    }

    @Test
    void addressesAsGoPrintsThem() {
        assertEquals("::", Net.ipv6(new byte[16], 0));
        assertEquals("::1", Net.ipv6(Net.parseIp("::1"), 0));
        assertEquals("2001:db8::1:0:0:1", Net.ipv6(Net.parseIp("2001:db8:0:0:1:0:0:1"), 0), "the first of equal runs");
        assertEquals("2001:db8:0:1:1:1:1:1", Net.ipv6(Net.parseIp("2001:db8:0:1:1:1:1:1"), 0), "a single zero group stays");
        assertEquals("::ffff:10.0.0.1", Net.ipv6(Net.parseIp("::ffff:10.0.0.1"), 0));
        assertArrayEquals(new byte[] {10, 0, 0, 1}, Net.parseIp("10.0.0.1"));
        for (String bad : new String[] {"10.0.0", "10.0.0.256", "01.0.0.1", "1::2::3", "fe80::1%eth0", "x"}) {
            try {
                Net.parseIp(bad);
                throw new AssertionError(bad + " was accepted");
            } catch (IllegalArgumentException e) {
                // expected
            }
        }
    }
}
