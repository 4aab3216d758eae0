package dev.cil.btf;

import java.util.List;

/**
 * Formats raw map keys and values by their BTF type, as bpftool's {@code btf_dumper.c} (v7.1) does
 * for the {@code formatted} part of {@code bpftool -j map dump} and for the plain-text dump of maps
 * with BTF. Output goes to a {@link BtfJsonSink}; with {@link BpftoolJsonWriter} it is bpftool's
 * text exactly.
 *
 * <ul>
 *   <li>Integers of 8, 16, 32 and 64 bits print in decimal, signed or unsigned by encoding;
 *       {@code _Bool} as {@code true}/{@code false}; a CHAR-encoded byte as a one-character string
 *       when printable, else <code>"&#92;u00NN"</code> (plain text: {@code 0xNN}).</li>
 *   <li>Bitfields, integers with a bit offset or an odd width, and 128-bit integers print as hex
 *       strings ({@code "0x1f"}; bare {@code 0x1f} in plain text), never sign-extended.</li>
 *   <li>An array of {@code char} (or CHAR-encoded bytes) that holds printable ASCII up to a NUL is a
 *       string; other arrays are JSON arrays.</li>
 *   <li>Enums print the enumerator's name when the value matches one, else the signed number.</li>
 *   <li>Structs and unions are objects (anonymous members get the name {@code ""}); typedefs and
 *       qualifiers are transparent.</li>
 *   <li>Pointers print as unsigned decimal in JSON and as {@code 0x…} (or {@code (nil)}) in plain
 *       text, as C's {@code %p}: bpftool 7.1 writes that token without quotes.</li>
 *   <li>A DATASEC (the value of a {@code .data}/{@code .bss}/{@code .rodata} map) is
 *       <code>&#123;".data": [&#123;"var": …&#125;, …]&#125;</code>; a VAR is <code>&#123;"name": value&#125;</code>.</li>
 * </ul>
 *
 * <p>Where bpftool gives up it prints a marker and stops the enclosing aggregate: {@code (unknown)}
 * for void, {@code (fwd-kind-invalid)} for a forward declaration, {@code (unsupported-kind} for
 * functions and tags; this class writes the same markers (as raw tokens) and returns
 * {@code false}. Floats are the one deliberate difference: bpftool cannot print them at all
 * ({@code (unsupported-kind}); here a 4- or 8-byte float prints as a JSON number (non-finite
 * values as the strings {@code "nan"}, {@code "inf"}, {@code "-inf"}) and wider ones as a hex
 * string of their bytes.
 *
 * <p>Per-CPU values are the caller's loop (see {@link #perCpuEntry}). Data shorter than the type
 * is an error ({@link BtfException}), never a read past the array.
 */
public final class BtfValueFormatter {
    static final int MAX_DEPTH = 256;

    private final BtfSpec btf;
    private final boolean plainText;

    /**
     * @param btf the BTF the type ids refer to (the map's BTF object)
     * @param plainText bpftool's plain-text mode (map dump without {@code -j}): hex tokens unquoted
     */
    public BtfValueFormatter(BtfSpec btf, boolean plainText) {
        this.btf = btf;
        this.plainText = plainText;
    }

    /**
     * Emits one value of type {@code typeId} stored at {@code data[offset…]}.
     *
     * @return false when bpftool would have reported an error (a marker was written and the
     *     enclosing aggregate cut short)
     * @throws BtfException if the data is shorter than the type, or the type is invalid
     */
    public boolean format(int typeId, byte[] data, int offset, BtfJsonSink out) {
        long size = typeId == 0 ? 0 : sizeOrZero(typeId);
        if (offset < 0 || offset > data.length || size > data.length - offset)
            throw new BtfException("value of BTF type [" + typeId + "] needs " + size + " bytes, got " + Math.max(0, data.length - offset));
        return new Run(data, out).type(typeId, 0, offset, 0);
    }

    /** Emits bpftool's map entry object: {@code {"key": …, "value": …}} ({@code key} left out when {@code keyTypeId} is 0). */
    public boolean entry(int keyTypeId, byte[] key, int valueTypeId, byte[] value, BtfJsonSink out) {
        boolean ok = true;
        out.beginObject();
        if (keyTypeId != 0) {
            out.name("key");
            ok = format(keyTypeId, key, 0, out);
        }
        if (ok) {
            out.name("value");
            ok = format(valueTypeId, value, 0, out);
        }
        out.endObject();
        return ok;
    }

    /** Emits a per-CPU entry: {@code {"key": …, "values": [{"cpu": 0, "value": …}, …]}}. */
    public boolean perCpuEntry(int keyTypeId, byte[] key, int valueTypeId, List<byte[]> values, BtfJsonSink out) {
        boolean ok = true;
        out.beginObject();
        if (keyTypeId != 0) {
            out.name("key");
            ok = format(keyTypeId, key, 0, out);
        }
        if (ok) {
            out.name("values");
            out.beginArray();
            for (int cpu = 0; cpu < values.size(); cpu++) {
                out.beginObject();
                out.name("cpu");
                out.number(cpu);
                out.name("value");
                ok = format(valueTypeId, values.get(cpu), 0, out);
                out.endObject();
                if (!ok) break;
            }
            out.endArray();
        }
        out.endObject();
        return ok;
    }

    private long sizeOrZero(int typeId) {
        BtfType t = btf.type(btf.resolve(typeId));
        if (t instanceof BtfType.Void || t instanceof BtfType.Fwd || t instanceof BtfType.Func || t instanceof BtfType.FuncProto) return 0;
        return btf.sizeOf(typeId);
    }

    /** One formatting pass over a byte array. */
    private final class Run {
        final byte[] d;
        final BtfJsonSink w;
        long budget;

        Run(byte[] d, BtfJsonSink w) {
            this.d = d;
            this.w = w;
            this.budget = 16L * d.length + 65536;   // values printed: no type can legitimately need more
        }

        private void need(int off, long len, int id) {
            if (off < 0 || len < 0 || off + len > d.length)
                throw new BtfException("value of BTF type [" + id + "] reads past the end of the data (offset " + off + ", " + len + " bytes, " + d.length + " available)");
        }

        private long le(int off, int n) {
            long v = 0;
            for (int i = n - 1; i >= 0; i--) v = (v << 8) | (d[off + i] & 0xff);
            return v;
        }

        boolean type(int id, int bitOffset, int off, int depth) {
            if (depth > MAX_DEPTH) throw new BtfException("value of BTF type [" + id + "] nests more than " + MAX_DEPTH + " levels deep");
            if (--budget < 0) throw new BtfException("value of BTF type [" + id + "] expands to more values than its " + d.length + " bytes can hold");
            BtfType t = btf.type(id);
            switch (t.kind()) {
                case INT: return integer((BtfType.Int) t, id, bitOffset, off);
                case STRUCT: case UNION: return composite((BtfType.Composite) t, off, depth);
                case ARRAY: return array((BtfType.Array) t, id, off, depth);
                case ENUM: return enum32((BtfType.Enum) t, id, off);
                case ENUM64: return enum64((BtfType.Enum64) t, id, off);
                case PTR: {
                    need(off, 8, id);
                    long v = le(off, 8);
                    if (plainText) w.raw(v == 0 ? "(nil)" : "0x" + Long.toHexString(v));
                    else w.raw(Long.toUnsignedString(v));
                    return true;
                }
                case VOID:
                    w.raw("(unknown)");
                    return true;
                case FWD:
                    w.raw("(fwd-kind-invalid)");
                    return false;
                case TYPEDEF: case VOLATILE: case CONST: case RESTRICT:
                    return type(resolveLikeLibbpf(id), bitOffset, off, depth + 1);
                case VAR: {
                    w.beginObject();
                    w.name(btf.name(t));
                    boolean ok = type(((BtfType.Var) t).type(), bitOffset, off, depth + 1);
                    w.endObject();
                    return ok;
                }
                case DATASEC: {
                    BtfType.Datasec ds = (BtfType.Datasec) t;
                    boolean ok = true;
                    w.beginObject();
                    w.name(btf.name(t));
                    w.beginArray();
                    for (BtfType.VarSecinfo v : ds.vars()) {
                        long vo = Integer.toUnsignedLong(v.offset());
                        if (vo > d.length - off) throw new BtfException("variable at offset " + vo + " of DATASEC [" + id + "] is past the end of the data");
                        ok = type(v.type(), 0, off + (int) vo, depth + 1);
                        if (!ok) break;
                    }
                    w.endArray();
                    w.endObject();
                    return ok;
                }
                case FLOAT: return floating((BtfType.Float) t, id, off);
                default:
                    w.raw("(unsupported-kind");
                    return false;
            }
        }

        /** libbpf's btf__resolve_type: skips typedefs, qualifiers, type tags and vars. */
        private int resolveLikeLibbpf(int id) {
            for (int i = 0; i < BtfSpec.MAX_CHAIN; i++) {
                BtfType t = btf.type(id);
                if (t instanceof BtfType.Modifier || t instanceof BtfType.Typedef || t instanceof BtfType.Var) id = ((BtfType.Ref) t).type();
                else return id;
            }
            throw new BtfException("BTF type chain too long at [" + id + "]");
        }

        private boolean integer(BtfType.Int t, int id, int bitOffset, int off) {
            int bits = t.bits();
            if (bitOffset != 0 || t.bitsOffset() != 0 || bits % 8 != 0) {
                intBits(t, id, bitOffset, off);
                return true;
            }
            if (bits == 128) {
                need(off, 16, id);
                hex128(le(off, 8), le(off + 8, 8));
                return true;
            }
            need(off, Math.max(1, bits / 8), id);
            switch (t.encoding()) {
                case 0:
                    if (bits == 64) w.raw(Long.toUnsignedString(le(off, 8)));
                    else if (bits == 32 || bits == 16 || bits == 8) w.raw(Long.toString(le(off, bits / 8)));
                    else intBits(t, id, bitOffset, off);
                    return true;
                case BtfType.Int.SIGNED:
                    if (bits == 64) w.raw(Long.toString(le(off, 8)));
                    else if (bits == 32) w.raw(Integer.toString((int) le(off, 4)));
                    else if (bits == 16) w.raw(Short.toString((short) le(off, 2)));
                    else if (bits == 8) w.raw(Byte.toString(d[off]));
                    else intBits(t, id, bitOffset, off);
                    return true;
                case BtfType.Int.CHAR: {
                    int c = d[off] & 0xff;
                    if (c >= 0x20 && c < 0x7f) w.raw("\"" + (char) c + "\"");
                    else if (plainText) w.raw("0x" + Integer.toHexString(c));
                    else w.raw(String.format("\"\\u00%02x\"", c));
                    return true;
                }
                case BtfType.Int.BOOL:
                    w.bool(d[off] != 0);
                    return true;
                default:
                    return false;   // bpftool: -EINVAL, nothing printed
            }
        }

        private void intBits(BtfType.Int t, int id, int bitOffset, int off) {
            int total = bitOffset + t.bitsOffset();
            bitfield(t.bits(), total % 8, off + total / 8, id);
        }

        /** Extracts nrBits bits starting at bitOffset (0..7) of data[off…] as an unsigned number and prints it in hex. */
        private void bitfield(int nrBits, int bitOffset, int off, int id) {
            int bitsToCopy = bitOffset + nrBits;
            int bytes = Math.min(16, (bitsToCopy + 7) / 8);
            need(off, bytes, id);
            long lo = 0, hi = 0;
            for (int i = 0; i < bytes; i++) {
                long b = d[off + i] & 0xffL;
                if (i < 8) lo |= b << (8 * i);
                else hi |= b << (8 * (i - 8));
            }
            // shift right by bitOffset, then keep nrBits bits
            if (bitOffset > 0) {
                lo = (lo >>> bitOffset) | (hi << (64 - bitOffset));
                hi = hi >>> bitOffset;
            }
            if (nrBits < 64) {
                lo &= nrBits == 0 ? 0 : (-1L >>> (64 - nrBits));
                hi = 0;
            } else if (nrBits < 128) {
                hi &= nrBits == 64 ? 0 : (-1L >>> (128 - nrBits));
            }
            hex128(lo, hi);
        }

        private void hex128(long lo, long hi) {
            String s = hi == 0 ? "0x" + Long.toHexString(lo) : "0x" + Long.toHexString(hi) + String.format("%016x", lo);
            w.raw(plainText ? s : "\"" + s + "\"");
        }

        private boolean composite(BtfType.Composite t, int off, int depth) {
            boolean ok = true;
            w.beginObject();
            for (BtfType.Member m : t.members()) {
                long bitOff = Integer.toUnsignedLong(m.bitsOffset());
                w.name(btf.string(m.nameOff()));
                long byteOff = bitOff / 8;
                if (byteOff > d.length - off) throw new BtfException("member at bit " + bitOff + " is past the end of the data");
                if (m.bitfieldSize() != 0) {
                    bitfield(m.bitfieldSize(), (int) (bitOff % 8), off + (int) byteOff, m.type());
                } else {
                    ok = type(m.type(), (int) (bitOff % 8), off + (int) byteOff, depth + 1);
                    if (!ok) break;
                }
            }
            w.endObject();
            return ok;
        }

        private boolean isStrArray(BtfType.Array a, int off) {
            if (a.nelems() == 0) return false;
            BtfType e = btf.type(a.type());
            for (int i = 0; e instanceof BtfType.Modifier && i < BtfSpec.MAX_CHAIN; i++) e = btf.type(((BtfType.Modifier) e).type());
            if (!(e instanceof BtfType.Int) || ((BtfType.Int) e).size() != 1) return false;
            if (((BtfType.Int) e).encoding() != BtfType.Int.CHAR && !"char".equals(btf.name(e))) return false;
            long n = a.count();
            for (long i = 0; i < n; i++) {
                if (off + i >= d.length) return false;
                byte c = d[off + (int) i];
                if (c == 0) return true;
                if (c <= 0x1f || c >= 0x7f) return false;
            }
            return false;
        }

        private boolean array(BtfType.Array a, int id, int off, int depth) {
            if (isStrArray(a, off)) {
                int e = off;
                while (d[e] != 0) e++;
                w.string(new String(d, off, e - off, java.nio.charset.StandardCharsets.ISO_8859_1));
                return true;
            }
            long elem = sizeOrZero(a.type());
            boolean ok = true;
            w.beginArray();
            long n = a.count();
            for (long i = 0; i < n; i++) {
                long eo = i * elem;
                if (eo > d.length - off) throw new BtfException("element " + i + " of array [" + id + "] is past the end of the data");
                ok = type(a.type(), 0, off + (int) eo, depth + 1);
                if (!ok) break;
            }
            w.endArray();
            return ok;
        }

        private boolean enum32(BtfType.Enum t, int id, int off) {
            int size = t.size();
            if (size != 1 && size != 2 && size != 4 && size != 8) return false;
            need(off, size, id);
            long raw = le(off, size);
            long value = size == 8 ? raw : (raw << (64 - 8 * size)) >> (64 - 8 * size);   // sign-extend
            for (BtfType.EnumValue v : t.values()) {
                if (value == v.value()) {
                    w.string(btf.string(v.nameOff()));
                    return true;
                }
            }
            w.number(value);
            return true;
        }

        private boolean enum64(BtfType.Enum64 t, int id, int off) {
            need(off, 8, id);
            long value = le(off, 8);
            for (BtfType.Enum64Value v : t.values()) {
                if (value == v.value()) {
                    w.string(btf.string(v.nameOff()));
                    return true;
                }
            }
            w.number(value);
            return true;
        }

        private boolean floating(BtfType.Float t, int id, int off) {
            need(off, t.size(), id);
            double v;
            if (t.size() == 4) v = java.lang.Float.intBitsToFloat((int) le(off, 4));
            else if (t.size() == 8) v = Double.longBitsToDouble(le(off, 8));
            else {
                StringBuilder sb = new StringBuilder("0x");
                for (int i = t.size() - 1; i >= 0; i--) sb.append(String.format("%02x", d[off + i] & 0xff));
                w.raw(plainText ? sb.toString() : "\"" + sb + "\"");
                return true;
            }
            if (Double.isNaN(v)) w.string("nan");
            else if (Double.isInfinite(v)) w.string(v > 0 ? "inf" : "-inf");
            else w.raw(t.size() == 4 ? java.lang.Float.toString((float) v) : Double.toString(v));
            return true;
        }
    }
}
