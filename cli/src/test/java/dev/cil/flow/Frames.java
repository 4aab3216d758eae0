package dev.cil.flow;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Test data: Ethernet frames and datapath ring buffer records laid out as bpf-programs' cil_events.h. */
final class Frames {
    private Frames() { }

    static final long MAC_A = 0x92ef867bd1d4L, MAC_B = 0x5eb59a19fbb3L;

    static int ip(String s) { return Net.parseIpv4(s); }

    static byte[] eth(long src, long dst, int type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        putMac(b, dst);
        putMac(b, src);
        b.putShort((short) type).put(payload);
        return b.array();
    }

    private static void putMac(ByteBuffer b, long mac) {
        for (int i = 5; i >= 0; i--) b.put((byte) (mac >>> (8 * i)));
    }

    static byte[] ipv4(int src, int dst, int proto, int ttl, byte[] l4) {
        return ipv4(src, dst, proto, ttl, 0, l4);
    }

    static byte[] ipv4(int src, int dst, int proto, int ttl, int flagsFrag, byte[] l4) {
        ByteBuffer b = ByteBuffer.allocate(20 + l4.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length)).putShort((short) 0x1234).putShort((short) flagsFrag)
                .put((byte) ttl).put((byte) proto).putShort((short) 0).putInt(src).putInt(dst).put(l4);
        return b.array();
    }

    static byte[] tcp(int sport, int dport, int flags) {
        ByteBuffer b = ByteBuffer.allocate(20);
        b.putShort((short) sport).putShort((short) dport).putInt(1000).putInt(2000)
                .put((byte) ((5 << 4) | ((flags >> 8) & 1))).put((byte) flags).putShort((short) 64240).putInt(0);
        return b.array();
    }

    static byte[] udp(int sport, int dport) {
        ByteBuffer b = ByteBuffer.allocate(12);
        b.putShort((short) sport).putShort((short) dport).putShort((short) 12).putShort((short) 0).putInt(0x70726f62);
        return b.array();
    }

    static byte[] icmp(int type, int code, int id, int seq) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.put((byte) type).put((byte) code).putShort((short) 0).putShort((short) id).putShort((short) seq).putLong(0);
        return b.array();
    }

    static byte[] tcpFrame(String src, int sport, String dst, int dport, int flags) {
        return eth(MAC_A, MAC_B, 0x0800, ipv4(ip(src), ip(dst), 6, 63, tcp(sport, dport, flags)));
    }

    static byte[] icmpFrame(String src, String dst, int type) {
        return eth(MAC_A, MAC_B, 0x0800, ipv4(ip(src), ip(dst), 1, 64, icmp(type, 0, 77, 1)));
    }

    /** A trace record (meta + TraceNotify v1 + packet), as the datapath reserves it. */
    static byte[] trace(long ktime, int cpu, int obsPoint, int source, int srcLabel, int dstLabel, int dstId, int reason,
                        int ifindex, byte[] frame) {
        int cap = Math.min(frame.length, 128);
        ByteBuffer m = ByteBuffer.allocate(48 + cap).order(ByteOrder.LITTLE_ENDIAN);
        m.put((byte) 4).put((byte) obsPoint).putShort((short) source).putInt(0).putInt(frame.length).putShort((short) cap)
                .putShort((short) 1).putInt(srcLabel).putInt(dstLabel).putShort((short) dstId).put((byte) reason).put((byte) 0)
                .putInt(ifindex).put(new byte[16]).put(frame, 0, cap);
        return record(ktime, cpu, m.array());
    }

    /** A drop record (meta + DropNotify v1 + packet). */
    static byte[] drop(long ktime, int cpu, int reason, int source, int srcLabel, int dstLabel, int dstId, int line, int file,
                       int ifindex, byte[] frame) {
        int cap = Math.min(frame.length, 128);
        ByteBuffer m = ByteBuffer.allocate(36 + cap).order(ByteOrder.LITTLE_ENDIAN);
        m.put((byte) 1).put((byte) reason).putShort((short) source).putInt(0).putInt(frame.length).putShort((short) cap)
                .putShort((short) 1).putInt(srcLabel).putInt(dstLabel).putInt(dstId).putShort((short) line).put((byte) file)
                .put((byte) 0).putInt(ifindex).put(frame, 0, cap);
        return record(ktime, cpu, m.array());
    }

    /** meta {ktime, cpu, msg_len} + message + 4 bytes of junk (records are reserved at full size). */
    static byte[] record(long ktime, int cpu, byte[] msg) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteBuffer meta = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(ktime).putInt(cpu).putInt(msg.length);
        o.writeBytes(meta.array());
        o.writeBytes(msg);
        o.writeBytes(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});
        return o.toByteArray();
    }
}
