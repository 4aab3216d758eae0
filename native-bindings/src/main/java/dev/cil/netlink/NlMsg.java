package dev.cil.netlink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Builds one netlink message as bytes: the 16-byte {@code nlmsghdr}, a family header written field by
 * field ({@link #u8(int)}, {@link #u16(int)}, {@link #u32(int)}, {@link #pad(int)}), then attributes
 * ({@code nlattr}: 2-byte length, 2-byte type, payload padded to 4), nested ones between
 * {@link #beginNested(int)} and {@link #endNested()} with {@code NLA_F_NESTED} set. Integers are in
 * host order (little-endian; cil supports little-endian Linux only) except the {@code be*} ones.
 * A pure function on bytes: no system call, so it is unit-tested against golden bytes.
 */
public final class NlMsg {
    public static final int HDRLEN = 16;

    public static final int NLM_F_REQUEST = 0x01, NLM_F_MULTI = 0x02, NLM_F_ACK = 0x04, NLM_F_ECHO = 0x08,
            NLM_F_DUMP_INTR = 0x10, NLM_F_DUMP_FILTERED = 0x20;
    public static final int NLM_F_ROOT = 0x100, NLM_F_MATCH = 0x200, NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    public static final int NLM_F_REPLACE = 0x100, NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400, NLM_F_APPEND = 0x800;
    public static final int NLM_F_CAPPED = 0x100, NLM_F_ACK_TLVS = 0x200;

    public static final int NLMSG_NOOP = 1, NLMSG_ERROR = 2, NLMSG_DONE = 3, NLMSG_OVERRUN = 4;

    public static final int NLA_F_NESTED = 1 << 15, NLA_F_NET_BYTEORDER = 1 << 14;
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

    private byte[] buf = new byte[128];
    private int len;
    private final Deque<Integer> nests = new ArrayDeque<>();
    private final int type;
    private final int flags;

    private NlMsg(int type, int flags) {
        this.type = type;
        this.flags = flags;
        len = HDRLEN;
        putU16(4, type);
        putU16(6, flags);
    }

    /** A request of message type {@code type}; {@code NLM_F_REQUEST} is added to {@code flags}. */
    public static NlMsg request(int type, int flags) {
        return new NlMsg(type, flags | NLM_F_REQUEST);
    }

    /** A message with exactly these flags (replies in tests, notifications). */
    public static NlMsg message(int type, int flags) {
        return new NlMsg(type, flags);
    }

    public int type() { return type; }

    public int flags() { return flags; }

    /** The current length in bytes (header included). */
    public int length() { return len; }

    static int align(int n) { return (n + 3) & ~3; }

    private void ensure(int extra) {
        if (len + extra > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }

    private void putU16(int off, int v) {
        buf[off] = (byte) v;
        buf[off + 1] = (byte) (v >>> 8);
    }

    private void putU32(int off, int v) {
        buf[off] = (byte) v;
        buf[off + 1] = (byte) (v >>> 8);
        buf[off + 2] = (byte) (v >>> 16);
        buf[off + 3] = (byte) (v >>> 24);
    }

    // ---- family header fields (no padding of their own) ----

    public NlMsg u8(int v) { ensure(1); buf[len++] = (byte) v; return this; }

    public NlMsg u16(int v) { ensure(2); putU16(len, v); len += 2; return this; }

    public NlMsg u32(int v) { ensure(4); putU32(len, v); len += 4; return this; }

    public NlMsg pad(int n) { ensure(n); len += n; return this; }

    public NlMsg raw(byte[] b) { ensure(b.length); System.arraycopy(b, 0, buf, len, b.length); len += b.length; return this; }

    // ---- attributes ----

    /** An attribute with a raw payload, padded to 4 bytes. */
    public NlMsg attr(int attrType, byte[] payload) {
        int alen = 4 + payload.length;
        if (alen > 0xffff) throw new IllegalArgumentException("attribute " + attrType + " too long: " + payload.length + " bytes");
        ensure(align(alen));
        putU16(len, alen);
        putU16(len + 2, attrType);
        System.arraycopy(payload, 0, buf, len + 4, payload.length);
        len += align(alen);
        return this;
    }

    /** A zero-length attribute (a flag). */
    public NlMsg attrFlag(int attrType) { return attr(attrType, new byte[0]); }

    public NlMsg attrU8(int attrType, int v) { return attr(attrType, new byte[] {(byte) v}); }

    public NlMsg attrU16(int attrType, int v) { return attr(attrType, new byte[] {(byte) v, (byte) (v >>> 8)}); }

    public NlMsg attrU32(int attrType, int v) {
        return attr(attrType, new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
    }

    public NlMsg attrS32(int attrType, int v) { return attrU32(attrType, v); }

    public NlMsg attrU64(int attrType, long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (v >>> (8 * i));
        return attr(attrType, b);
    }

    /** A 16-bit value in network byte order (ports, ethertypes). */
    public NlMsg attrBe16(int attrType, int v) { return attr(attrType, new byte[] {(byte) (v >>> 8), (byte) v}); }

    /** A 32-bit value in network byte order. */
    public NlMsg attrBe32(int attrType, int v) {
        return attr(attrType, new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    /** A NUL-terminated UTF-8 string. */
    public NlMsg attrString(int attrType, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (byte c : b) {
            if (c == 0) throw new IllegalArgumentException("NUL inside netlink string attribute " + attrType);
        }
        return attr(attrType, Arrays.copyOf(b, b.length + 1));
    }

    /** Opens a nested attribute; the type gets {@code NLA_F_NESTED}. Close it with {@link #endNested()}. */
    public NlMsg beginNested(int attrType) {
        ensure(4);
        nests.push(len);
        putU16(len + 2, attrType | NLA_F_NESTED);
        len += 4;
        return this;
    }

    /** Closes the innermost {@link #beginNested(int)}, writing its length. */
    public NlMsg endNested() {
        if (nests.isEmpty()) throw new IllegalStateException("endNested without beginNested");
        int start = nests.pop();
        int alen = len - start;
        if (alen > 0xffff) throw new IllegalArgumentException("nested attribute too long: " + alen + " bytes");
        putU16(start, alen);
        return this;
    }

    /** The finished message with its length, sequence number and port id filled in. */
    public byte[] toBytes(int seq, int portId) { return toBytes(seq, portId, 0); }

    /** As {@link #toBytes(int, int)}, with {@code extraFlags} or-ed into the header's flags. */
    byte[] toBytes(int seq, int portId, int extraFlags) {
        if (!nests.isEmpty()) throw new IllegalStateException(nests.size() + " nested attribute(s) not closed");
        byte[] out = Arrays.copyOf(buf, len);
        out[0] = (byte) len; out[1] = (byte) (len >>> 8); out[2] = (byte) (len >>> 16); out[3] = (byte) (len >>> 24);
        out[8] = (byte) seq; out[9] = (byte) (seq >>> 8); out[10] = (byte) (seq >>> 16); out[11] = (byte) (seq >>> 24);
        int f = flags | extraFlags;
        out[6] = (byte) f; out[7] = (byte) (f >>> 8);
        out[12] = (byte) portId; out[13] = (byte) (portId >>> 8); out[14] = (byte) (portId >>> 16); out[15] = (byte) (portId >>> 24);
        return out;
    }
}
