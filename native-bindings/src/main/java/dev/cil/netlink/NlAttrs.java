package dev.cil.netlink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The attributes of one netlink message or nested attribute, parsed from bytes with every length
 * checked against its bounds: a malformed buffer is a {@link NetlinkException} (EBADMSG), never an
 * index error. Types are masked ({@code NLA_F_NESTED}, {@code NLA_F_NET_BYTEORDER} removed). When a
 * type repeats, the getters return the last one (as the kernel's {@code nla_parse} does);
 * {@link #all(int)} returns every one in order. Absent attributes: {@link #has(int)} and the getters
 * with a default.
 */
public final class NlAttrs {
    /** One attribute: its (masked) type, raw type and payload position in {@link #buffer()}. */
    public record Attr(int type, int rawType, int offset, int length) {
        public boolean nested() { return (rawType & NlMsg.NLA_F_NESTED) != 0; }
    }

    private static final NlAttrs EMPTY = new NlAttrs(new byte[0], List.of(), "attributes");

    private final byte[] buf;
    private final List<Attr> attrs;
    private final String what;

    private NlAttrs(byte[] buf, List<Attr> attrs, String what) {
        this.buf = buf;
        this.attrs = attrs;
        this.what = what;
    }

    /** No attributes. */
    public static NlAttrs empty() { return EMPTY; }

    /** Parses {@code len} bytes at {@code off}; {@code what} names the container in error messages. */
    public static NlAttrs parse(byte[] buf, int off, int len, String what) {
        if (off < 0 || len < 0 || off > buf.length || len > buf.length - off) {
            throw NetlinkException.malformed("parse " + what, "range " + off + "+" + len + " outside " + buf.length + " bytes");
        }
        List<Attr> out = new ArrayList<>();
        int p = off;
        int end = off + len;
        while (end - p >= 4) {
            int alen = (buf[p] & 0xff) | (buf[p + 1] & 0xff) << 8;
            int rawType = (buf[p + 2] & 0xff) | (buf[p + 3] & 0xff) << 8;
            if (alen < 4 || alen > end - p) {
                throw NetlinkException.malformed("parse " + what, "attribute type " + (rawType & NlMsg.NLA_TYPE_MASK)
                        + " at offset " + (p - off) + " has length " + alen + ", " + (end - p) + " bytes left");
            }
            out.add(new Attr(rawType & NlMsg.NLA_TYPE_MASK, rawType, p + 4, alen - 4));
            p += NlMsg.align(alen);
        }
        if (p < end) {
            throw NetlinkException.malformed("parse " + what, (end - p) + " trailing bytes after the last attribute");
        }
        return new NlAttrs(buf, Collections.unmodifiableList(out), what);
    }

    public static NlAttrs parse(byte[] buf, String what) { return parse(buf, 0, buf.length, what); }

    /** The bytes the positions refer to. */
    byte[] buffer() { return buf; }

    public List<Attr> list() { return attrs; }

    public boolean isEmpty() { return attrs.isEmpty(); }

    public boolean has(int type) { return find(type) != null; }

    private Attr find(int type) {
        for (int i = attrs.size() - 1; i >= 0; i--) {
            if (attrs.get(i).type == type) return attrs.get(i);
        }
        return null;
    }

    private Attr need(int type, int minLen) {
        Attr a = find(type);
        if (a == null) throw NetlinkException.malformed("parse " + what, "attribute " + type + " missing");
        if (a.length < minLen) {
            throw NetlinkException.malformed("parse " + what, "attribute " + type + " has " + a.length + " bytes, needs " + minLen);
        }
        return a;
    }

    /** Every attribute of this type, in order. */
    public List<Attr> all(int type) {
        List<Attr> r = new ArrayList<>();
        for (Attr a : attrs) if (a.type == type) r.add(a);
        return r;
    }

    public int u8(int type) { return buf[need(type, 1).offset] & 0xff; }

    public int u16(int type) { return le16(need(type, 2).offset); }

    public int u32(int type) { return le32(need(type, 4).offset); }

    public long u64(int type) { int o = need(type, 8).offset; return (le32(o) & 0xffffffffL) | ((long) le32(o + 4)) << 32; }

    public int be16(int type) { int o = need(type, 2).offset; return (buf[o] & 0xff) << 8 | (buf[o + 1] & 0xff); }

    public int be32(int type) {
        int o = need(type, 4).offset;
        return (buf[o] & 0xff) << 24 | (buf[o + 1] & 0xff) << 16 | (buf[o + 2] & 0xff) << 8 | (buf[o + 3] & 0xff);
    }

    public int u8(int type, int dflt) { return has(type) ? u8(type) : dflt; }

    public int u16(int type, int dflt) { return has(type) ? u16(type) : dflt; }

    public int u32(int type, int dflt) { return has(type) ? u32(type) : dflt; }

    public long u64(int type, long dflt) { return has(type) ? u64(type) : dflt; }

    /** A string attribute: up to the first NUL or the payload's end. */
    public String string(int type) { return string(need(type, 0)); }

    public String string(int type, String dflt) { return has(type) ? string(type) : dflt; }

    public String string(Attr a) {
        int n = 0;
        while (n < a.length && buf[a.offset + n] != 0) n++;
        return new String(buf, a.offset, n, StandardCharsets.UTF_8);
    }

    public byte[] bytes(int type) { return bytes(need(type, 0)); }

    public byte[] bytes(Attr a) { return Arrays.copyOfRange(buf, a.offset, a.offset + a.length); }

    public int u32(Attr a) {
        if (a.length < 4) throw NetlinkException.malformed("parse " + what, "attribute " + a.type + " has " + a.length + " bytes, needs 4");
        return le32(a.offset);
    }

    /** The attributes nested inside attribute {@code type}. */
    public NlAttrs nested(int type) { return nested(need(type, 0), what + "/" + type); }

    /** Nested attributes, or {@link #empty()} when {@code type} is absent. */
    public NlAttrs nestedOrEmpty(int type) { return has(type) ? nested(type) : EMPTY; }

    public NlAttrs nested(Attr a, String name) { return parse(buf, a.offset, a.length, name); }

    private int le16(int o) { return (buf[o] & 0xff) | (buf[o + 1] & 0xff) << 8; }

    private int le32(int o) {
        return (buf[o] & 0xff) | (buf[o + 1] & 0xff) << 8 | (buf[o + 2] & 0xff) << 16 | (buf[o + 3] & 0xff) << 24;
    }
}
