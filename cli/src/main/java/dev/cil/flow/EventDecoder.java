package dev.cil.flow;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns the datapath's ring buffer records into {@link MonitorEvent}s. A record is (bpf-programs'
 * {@code cil_events.h}) a 16-byte meta ({@code u64 ktime_ns, u32 cpu, u32 msg_len}) followed by
 * Cilium's monitor message, byte for byte as in a Cilium 1.16 perf sample: TraceNotify (48 bytes in
 * version 1, 32 in version 0), DropNotify (36 bytes, 40 in version 2), DebugMsg (20), DebugCapture
 * (24), then {@code len_cap} bytes of the packet. Host byte order (little endian) except the packet.
 *
 * <p>Never throws on bad input: a short or unknown message becomes {@link MonitorEvent.Unknown}.
 * Stateless and thread-safe.
 */
public final class EventDecoder {
    /** Bytes of the record meta before the monitor message. */
    public static final int META_SIZE = 16;
    public static final int TRACE_V0_LEN = 32, TRACE_V1_LEN = 48, DROP_V1_LEN = 36, DROP_V2_LEN = 40, DEBUG_LEN = 20,
            CAPTURE_LEN = 24;

    /** Decodes a ring buffer record ({@code len} bytes at {@code buf[off]}); the buffer's byte order is ignored. */
    public MonitorEvent decodeRecord(ByteBuffer buf, int off, int len) {
        if (len < META_SIZE) return unknown(buf, off, len, 0, -1, "record of " + len + " bytes is shorter than its 16-byte meta");
        long ktime = getLong(buf, off);
        int cpu = getInt(buf, off + 8);
        int msgLen = getInt(buf, off + 12);
        int avail = len - META_SIZE;
        if (msgLen < 0 || msgLen > avail) {
            return unknown(buf, off + META_SIZE, avail, ktime, cpu, "message length " + Integer.toUnsignedString(msgLen)
                    + " exceeds the record (" + avail + " bytes)");
        }
        return decodeMessage(buf, off + META_SIZE, msgLen, ktime, cpu);
    }

    /** Decodes a record held in a byte array. */
    public MonitorEvent decodeRecord(byte[] record) {
        return decodeRecord(ByteBuffer.wrap(record), 0, record.length);
    }

    /** Decodes a bare monitor message (a Cilium perf sample's data), with its time and CPU. */
    public MonitorEvent decodeMessage(ByteBuffer buf, int off, int len, long ktimeNs, int cpu) {
        if (len < 1) return unknown(buf, off, len, ktimeNs, cpu, "empty message");
        int type = buf.get(off) & 0xff;
        if (len < 8) return unknown(buf, off, len, ktimeNs, cpu, "message of " + len + " bytes is shorter than the common header");
        int subtype = buf.get(off + 1) & 0xff;
        int source = getShort(buf, off + 2);
        int hash = getInt(buf, off + 4);
        switch (type) {
            case MonitorApi.TYPE_TRACE: {
                if (len < TRACE_V0_LEN) return unknown(buf, off, len, ktimeNs, cpu, "trace notification of " + len + " bytes");
                int version = getShort(buf, off + 14);
                int hdr;
                byte[] orig = new byte[16];
                if (version == 0) {
                    hdr = TRACE_V0_LEN;
                } else if (version == 1) {
                    if (len < TRACE_V1_LEN) return unknown(buf, off, len, ktimeNs, cpu, "trace notification v1 of " + len + " bytes");
                    hdr = TRACE_V1_LEN;
                    for (int i = 0; i < 16; i++) orig[i] = buf.get(off + 32 + i);
                } else {
                    return unknown(buf, off, len, ktimeNs, cpu, "trace notification version " + version);
                }
                int lenOrig = getInt(buf, off + 8), lenCap = getShort(buf, off + 12);
                return new MonitorEvent.Trace(ktimeNs, cpu, subtype, source, hash, lenOrig, lenCap, version,
                        getInt(buf, off + 16), getInt(buf, off + 20), getShort(buf, off + 24), buf.get(off + 26) & 0xff,
                        buf.get(off + 27) & 0xff, getInt(buf, off + 28), orig, packet(buf, off, len, hdr, lenCap));
            }
            case MonitorApi.TYPE_DROP: {
                if (len < DROP_V1_LEN) return unknown(buf, off, len, ktimeNs, cpu, "drop notification of " + len + " bytes");
                int version = getShort(buf, off + 14);
                int hdr, flags = 0;
                if (version <= 1) {
                    hdr = DROP_V1_LEN;
                } else if (version == 2) {
                    if (len < DROP_V2_LEN) return unknown(buf, off, len, ktimeNs, cpu, "drop notification v2 of " + len + " bytes");
                    hdr = DROP_V2_LEN;
                    flags = buf.get(off + 36) & 0xff;
                } else {
                    return unknown(buf, off, len, ktimeNs, cpu, "drop notification version " + version);
                }
                int lenOrig = getInt(buf, off + 8), lenCap = getShort(buf, off + 12);
                return new MonitorEvent.Drop(ktimeNs, cpu, subtype, source, hash, lenOrig, lenCap, version,
                        getInt(buf, off + 16), getInt(buf, off + 20), getInt(buf, off + 24), getShort(buf, off + 28),
                        buf.get(off + 30) & 0xff, buf.get(off + 31), getInt(buf, off + 32), flags,
                        packet(buf, off, len, hdr, lenCap));
            }
            case MonitorApi.TYPE_DEBUG:
                if (len < DEBUG_LEN) return unknown(buf, off, len, ktimeNs, cpu, "debug message of " + len + " bytes");
                return new MonitorEvent.Debug(ktimeNs, cpu, subtype, source, hash, getInt(buf, off + 8), getInt(buf, off + 12),
                        getInt(buf, off + 16));
            case MonitorApi.TYPE_CAPTURE: {
                if (len < CAPTURE_LEN) return unknown(buf, off, len, ktimeNs, cpu, "debug capture of " + len + " bytes");
                int lenCap = getShort(buf, off + 12);
                return new MonitorEvent.Capture(ktimeNs, cpu, subtype, source, hash, getInt(buf, off + 8), lenCap,
                        getShort(buf, off + 14), getInt(buf, off + 16), getInt(buf, off + 20),
                        packet(buf, off, len, CAPTURE_LEN, lenCap));
            }
            default:
                return unknown(buf, off, len, ktimeNs, cpu, null);
        }
    }

    private static Packet packet(ByteBuffer buf, int off, int len, int hdr, int lenCap) {
        int n = Math.min(lenCap, len - hdr);
        return n <= 0 ? Packet.EMPTY : Packet.decode(buf, off + hdr, n);
    }

    private static MonitorEvent.Unknown unknown(ByteBuffer buf, int off, int len, long ktime, int cpu, String why) {
        int n = Math.max(0, len);
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) data[i] = buf.get(off + i);
        int type = n > 0 ? data[0] & 0xff : 0;
        int subtype = n > 1 ? data[1] & 0xff : 0;
        int source = n >= 4 ? (data[2] & 0xff) | ((data[3] & 0xff) << 8) : 0;
        int hash = n >= 8 ? (data[4] & 0xff) | ((data[5] & 0xff) << 8) | ((data[6] & 0xff) << 16) | ((data[7] & 0xff) << 24) : 0;
        return new MonitorEvent.Unknown(ktime, cpu, type, subtype, source, hash, data, why);
    }

    // little-endian reads independent of the buffer's own order
    private static int getShort(ByteBuffer b, int i) { return (b.get(i) & 0xff) | ((b.get(i + 1) & 0xff) << 8); }

    private static int getInt(ByteBuffer b, int i) {
        return b.order() == ByteOrder.LITTLE_ENDIAN ? b.getInt(i) : Integer.reverseBytes(b.getInt(i));
    }

    private static long getLong(ByteBuffer b, int i) {
        return b.order() == ByteOrder.LITTLE_ENDIAN ? b.getLong(i) : Long.reverseBytes(b.getLong(i));
    }
}
