package dev.cil.netlink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One received netlink message: header fields and a copy of its payload (the bytes after the
 * 16-byte header). {@link #parseAll(byte[], int)} splits a datagram into messages with every length
 * checked.
 */
public final class NlMessage {
    private final int type;
    private final int flags;
    private final int seq;
    private final int pid;
    private final byte[] payload;

    public NlMessage(int type, int flags, int seq, int pid, byte[] payload) {
        this.type = type;
        this.flags = flags;
        this.seq = seq;
        this.pid = pid;
        this.payload = payload;
    }

    public int type() { return type; }

    public int flags() { return flags; }

    public int seq() { return seq; }

    /** The port id in the header (the requester's for replies). */
    public int pid() { return pid; }

    /** The payload (the array itself; do not modify). */
    public byte[] payload() { return payload; }

    public int payloadLength() { return payload.length; }

    /** The attributes after a family header of {@code headerLen} bytes (aligned to 4). */
    public NlAttrs attrs(int headerLen, String what) {
        int start = NlMsg.align(headerLen);
        if (payload.length < headerLen) {
            throw NetlinkException.malformed("parse " + what, "payload of " + payload.length + " bytes is shorter than its "
                    + headerLen + "-byte header");
        }
        if (start >= payload.length) return NlAttrs.empty();
        return NlAttrs.parse(payload, start, payload.length - start, what);
    }

    /** Checks the payload holds at least {@code n} bytes (a family header). */
    public void requirePayload(int n, String what) {
        if (payload.length < n) {
            throw NetlinkException.malformed("parse " + what, "payload of " + payload.length + " bytes, need " + n);
        }
    }

    public int u8(int off) { return payload[off] & 0xff; }

    public int u16(int off) { return (payload[off] & 0xff) | (payload[off + 1] & 0xff) << 8; }

    public int u32(int off) {
        return (payload[off] & 0xff) | (payload[off + 1] & 0xff) << 8 | (payload[off + 2] & 0xff) << 16
                | (payload[off + 3] & 0xff) << 24;
    }

    /** Splits {@code len} bytes of {@code buf} into messages; a bad length is a {@link NetlinkException}. */
    public static List<NlMessage> parseAll(byte[] buf, int len) {
        if (len > buf.length) throw new IllegalArgumentException("len " + len + " > " + buf.length);
        List<NlMessage> out = new ArrayList<>();
        int p = 0;
        while (len - p >= NlMsg.HDRLEN) {
            int mlen = le32(buf, p);
            if (mlen < NlMsg.HDRLEN || mlen > len - p) {
                throw NetlinkException.malformed("parse netlink reply", "message at offset " + p + " has length "
                        + Integer.toUnsignedString(mlen) + ", " + (len - p) + " bytes left");
            }
            int type = (buf[p + 4] & 0xff) | (buf[p + 5] & 0xff) << 8;
            int flags = (buf[p + 6] & 0xff) | (buf[p + 7] & 0xff) << 8;
            out.add(new NlMessage(type, flags, le32(buf, p + 8), le32(buf, p + 12),
                    Arrays.copyOfRange(buf, p + NlMsg.HDRLEN, p + mlen)));
            p += NlMsg.align(mlen);
        }
        if (p < len) throw NetlinkException.malformed("parse netlink reply", (len - p) + " trailing bytes");
        return out;
    }

    private static int le32(byte[] b, int o) {
        return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] & 0xff) << 24;
    }

    @Override
    public String toString() {
        return "NlMessage{type=" + type + ", flags=0x" + Integer.toHexString(flags) + ", seq=" + seq + ", pid=" + pid
                + ", " + payload.length + " bytes}";
    }
}
