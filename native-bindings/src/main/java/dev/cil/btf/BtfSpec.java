package dev.cil.btf;

import dev.cil.btf.BtfType.Kind;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed BTF blob (little-endian): its types and its string section, optionally split over a
 * base (a kernel module's BTF over vmlinux, where type ids continue after the base's last id and
 * string offsets continue after the base's string section).
 *
 * <p>Type ids run from 0 ({@link BtfType.Void}) to {@link #typeCount()}{@code - 1}; ids below
 * {@link #firstTypeId()} belong to the base. Parsing validates the whole blob up front (header,
 * section bounds, every type's size and unused bits, every type id and name offset, cycles among
 * non-struct types), so lookups on a parsed spec never fail for structural reasons; walks that
 * may legally be long or cyclic (through structs) are bounded and throw {@link BtfException}.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class BtfSpec {
    static final int MAGIC = 0xeB9F;
    static final int HEADER_LEN = 24;
    /** Longest modifier/typedef/array chain followed by {@link #resolve}, {@link #sizeOf} (libbpf uses 32). */
    static final int MAX_CHAIN = 32;
    /** The path of the running kernel's BTF. */
    public static final Path VMLINUX = Path.of("/sys/kernel/btf/vmlinux");

    private final BtfSpec base;
    private final int firstId;          // first own id: 1, or base.typeCount()
    private final int firstStrOff;      // first own string offset: 0, or base's total string length
    private final BtfType[] types;      // own types; types[i] has id firstId + i
    private final byte[] strings;       // own string section
    private volatile Map<String, Object> nameIndex;   // name -> Integer id or int[] ids (own + base)

    private BtfSpec(BtfSpec base, BtfType[] types, byte[] strings) {
        this.base = base;
        this.firstId = base == null ? 1 : base.typeCount();
        this.firstStrOff = base == null ? 0 : base.stringsLength();
        this.types = types;
        this.strings = strings;
    }

    // ---------------------------------------------------------------- parsing

    /** Parses a standalone BTF blob. @throws BtfException if it is malformed */
    public static BtfSpec parse(byte[] blob) {
        return parse(blob, null);
    }

    /** Parses a standalone BTF blob from the buffer's remaining bytes (position is not moved). */
    public static BtfSpec parse(ByteBuffer blob) {
        ByteBuffer dup = blob.duplicate();
        byte[] b = new byte[dup.remaining()];
        dup.get(b);
        return parse(b, null);
    }

    /**
     * Parses split BTF over {@code base} (null for standalone BTF).
     *
     * @throws BtfException if the blob is malformed or refers outside itself and its base
     */
    public static BtfSpec parse(byte[] blob, BtfSpec base) {
        if (blob == null) throw new BtfException("BTF blob is null");
        return new Parser(blob, base).parse();
    }

    /**
     * Reads and parses the running kernel's BTF, {@code /sys/kernel/btf/vmlinux}. It is read whole:
     * the kernel refuses the shared mapping that {@code FileChannel.map} makes.
     *
     * @throws BtfException if the file is missing, unreadable or malformed
     */
    public static BtfSpec vmlinux() {
        return read(VMLINUX, null);
    }

    /** Reads and parses a raw BTF file (split over {@code base} when not null). */
    public static BtfSpec read(Path file, BtfSpec base) {
        byte[] blob;
        try {
            blob = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BtfException("read BTF " + file + ": no such file (kernel built without CONFIG_DEBUG_INFO_BTF?)");
        } catch (IOException e) {
            throw new BtfException("read BTF " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(blob, base);
        } catch (BtfException e) {
            throw new BtfException(file + ": " + e.getMessage(), e);
        }
    }

    private static final class Parser {
        final byte[] b;
        final ByteBuffer bb;
        final BtfSpec base;

        Parser(byte[] blob, BtfSpec base) {
            this.b = blob;
            this.bb = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
            this.base = base;
        }

        BtfSpec parse() {
            if (b.length < HEADER_LEN) throw new BtfException("BTF too short for its header: " + b.length + " bytes");
            int magic = bb.getShort(0) & 0xffff;
            if (magic == 0x9FeB) throw new BtfException("big-endian BTF is not supported");
            if (magic != MAGIC) throw new BtfException(String.format("bad BTF magic 0x%04x (want 0xeb9f)", magic));
            int version = b[2] & 0xff;
            if (version != 1) throw new BtfException("unsupported BTF version " + version);
            if (b[3] != 0) throw new BtfException("unsupported BTF flags 0x" + Integer.toHexString(b[3] & 0xff));
            long hdrLen = u32(4);
            if (hdrLen < HEADER_LEN || hdrLen > b.length)
                throw new BtfException("bad BTF header length " + hdrLen + " (blob is " + b.length + " bytes)");
            for (int i = HEADER_LEN; i < hdrLen; i++)
                if (b[i] != 0) throw new BtfException("unknown non-zero BTF header field at byte " + i);
            long typeOff = u32(8), typeLen = u32(12), strOff = u32(16), strLen = u32(20);
            long meta = b.length - hdrLen;
            if (typeOff + typeLen > meta)
                throw new BtfException("BTF type section [" + typeOff + ", +" + typeLen + ") is outside the blob (" + meta + " bytes after the header)");
            if (strOff + strLen > meta)
                throw new BtfException("BTF string section [" + strOff + ", +" + strLen + ") is outside the blob (" + meta + " bytes after the header)");
            if (typeOff % 4 != 0) throw new BtfException("BTF type section offset " + typeOff + " is not 4-byte aligned");
            if (typeLen > 0 && strLen > 0 && typeOff < strOff + strLen && strOff < typeOff + typeLen)
                throw new BtfException("BTF type and string sections overlap");
            int strStart = (int) (hdrLen + strOff);
            byte[] strs = Arrays.copyOfRange(b, strStart, strStart + (int) strLen);
            if (strLen == 0) {
                if (base == null) throw new BtfException("BTF string section is empty");
            } else {
                if (strs[strs.length - 1] != 0) throw new BtfException("BTF string section does not end with NUL");
                if (base == null && strs[0] != 0) throw new BtfException("BTF string section does not start with an empty string");
            }
            BtfType[] types = parseTypes((int) (hdrLen + typeOff), (int) typeLen);
            BtfSpec spec = new BtfSpec(base, types, strs);
            spec.validate();
            return spec;
        }

        private long u32(int off) {
            return Integer.toUnsignedLong(bb.getInt(off));
        }

        private BtfType[] parseTypes(int start, int len) {
            int end = start + len;
            int firstId = base == null ? 1 : base.typeCount();
            ArrayList<BtfType> out = new ArrayList<>(Math.min(len / 12 + 1, 1 << 20));
            int p = start;
            while (p < end) {
                int id = firstId + out.size();
                if (end - p < 12) throw new BtfException("BTF type [" + id + "] is truncated at byte " + p);
                int nameOff = bb.getInt(p);
                int info = bb.getInt(p + 4);
                int sizeType = bb.getInt(p + 8);
                p += 12;
                int vlen = info & 0xffff;
                int kindNo = (info >>> 24) & 0x1f;
                boolean kflag = info < 0;
                if ((info & 0x60ff0000) != 0)
                    throw new BtfException("BTF type [" + id + "] has unused info bits set: 0x" + Integer.toHexString(info));
                Kind kind = Kind.of(kindNo);
                if (kind == null || kind == Kind.VOID) throw new BtfException("BTF type [" + id + "] has unknown kind " + kindNo);
                int rest = restSize(kind, vlen);
                if (end - p < rest) throw new BtfException("BTF type [" + id + "] " + kind.bpftoolName() + " is truncated (needs " + rest + " bytes, " + (end - p) + " left)");
                out.add(decode(id, kind, nameOff, vlen, kflag, sizeType, p));
                p += rest;
            }
            return out.toArray(new BtfType[0]);
        }

        private static int restSize(Kind kind, int vlen) {
            switch (kind) {
                case INT: return 4;
                case ARRAY: return 12;
                case STRUCT: case UNION: return 12 * vlen;
                case ENUM: return 8 * vlen;
                case FUNC_PROTO: return 8 * vlen;
                case VAR: return 4;
                case DATASEC: return 12 * vlen;
                case DECL_TAG: return 4;
                case ENUM64: return 12 * vlen;
                default: return 0;
            }
        }

        private BtfType decode(int id, Kind kind, int nameOff, int vlen, boolean kflag, int st, int p) {
            switch (kind) {
                case INT: {
                    noVlen(id, kind, vlen);
                    noFlag(id, kind, kflag);
                    int data = bb.getInt(p);
                    if ((data & 0xf000ff00) != 0) throw bad(id, kind, "unused int data bits set: 0x" + Integer.toHexString(data));
                    int bits = data & 0xff, off = (data >>> 16) & 0xff, enc = (data >>> 24) & 0xf;
                    if (st != 1 && st != 2 && st != 4 && st != 8 && st != 16) throw bad(id, kind, "invalid size " + Integer.toUnsignedString(st));
                    if (bits > 128 || off + bits > st * 8) throw bad(id, kind, "bits_offset " + off + " + nr_bits " + bits + " exceed size " + st);
                    return new BtfType.Int(nameOff, st, enc, off, bits);
                }
                case PTR: noVlen(id, kind, vlen); noFlag(id, kind, kflag); return new BtfType.Ptr(nameOff, st);
                case TYPEDEF: noVlen(id, kind, vlen); noFlag(id, kind, kflag); return new BtfType.Typedef(nameOff, st);
                case VOLATILE: noVlen(id, kind, vlen); noFlag(id, kind, kflag); return new BtfType.Volatile(nameOff, st);
                case CONST: noVlen(id, kind, vlen); noFlag(id, kind, kflag); return new BtfType.Const(nameOff, st);
                case RESTRICT: noVlen(id, kind, vlen); noFlag(id, kind, kflag); return new BtfType.Restrict(nameOff, st);
                case TYPE_TAG: noVlen(id, kind, vlen); return new BtfType.TypeTag(nameOff, st, kflag);
                case ARRAY: {
                    noVlen(id, kind, vlen);
                    noFlag(id, kind, kflag);
                    if (st != 0) throw bad(id, kind, "size field must be 0");
                    return new BtfType.Array(nameOff, bb.getInt(p), bb.getInt(p + 4), bb.getInt(p + 8));
                }
                case STRUCT: case UNION: {
                    BtfType.Member[] ms = new BtfType.Member[vlen];
                    for (int i = 0; i < vlen; i++, p += 12) {
                        int raw = bb.getInt(p + 8);
                        ms[i] = kflag ? new BtfType.Member(bb.getInt(p), bb.getInt(p + 4), raw & 0xffffff, raw >>> 24)
                                : new BtfType.Member(bb.getInt(p), bb.getInt(p + 4), raw, 0);
                    }
                    List<BtfType.Member> list = List.of(ms);
                    return kind == Kind.STRUCT ? new BtfType.Struct(nameOff, st, kflag, list) : new BtfType.Union(nameOff, st, kflag, list);
                }
                case ENUM: {
                    if (st != 1 && st != 2 && st != 4 && st != 8) throw bad(id, kind, "invalid size " + Integer.toUnsignedString(st));
                    BtfType.EnumValue[] vs = new BtfType.EnumValue[vlen];
                    for (int i = 0; i < vlen; i++, p += 8) vs[i] = new BtfType.EnumValue(bb.getInt(p), bb.getInt(p + 4));
                    return new BtfType.Enum(nameOff, st, kflag, List.of(vs));
                }
                case ENUM64: {
                    if (st != 1 && st != 2 && st != 4 && st != 8) throw bad(id, kind, "invalid size " + Integer.toUnsignedString(st));
                    BtfType.Enum64Value[] vs = new BtfType.Enum64Value[vlen];
                    for (int i = 0; i < vlen; i++, p += 12)
                        vs[i] = new BtfType.Enum64Value(bb.getInt(p), Integer.toUnsignedLong(bb.getInt(p + 4)) | ((long) bb.getInt(p + 8) << 32));
                    return new BtfType.Enum64(nameOff, st, kflag, List.of(vs));
                }
                case FWD:
                    noVlen(id, kind, vlen);
                    if (st != 0) throw bad(id, kind, "size/type field must be 0");
                    return new BtfType.Fwd(nameOff, kflag);
                case FUNC: noFlag(id, kind, kflag); return new BtfType.Func(nameOff, st, vlen);
                case FUNC_PROTO: {
                    noFlag(id, kind, kflag);
                    BtfType.Param[] ps = new BtfType.Param[vlen];
                    for (int i = 0; i < vlen; i++, p += 8) ps[i] = new BtfType.Param(bb.getInt(p), bb.getInt(p + 4));
                    return new BtfType.FuncProto(nameOff, st, List.of(ps));
                }
                case VAR: noVlen(id, kind, vlen); noFlag(id, kind, kflag); return new BtfType.Var(nameOff, st, bb.getInt(p));
                case DATASEC: {
                    noFlag(id, kind, kflag);
                    BtfType.VarSecinfo[] vs = new BtfType.VarSecinfo[vlen];
                    for (int i = 0; i < vlen; i++, p += 12) vs[i] = new BtfType.VarSecinfo(bb.getInt(p), bb.getInt(p + 4), bb.getInt(p + 8));
                    return new BtfType.Datasec(nameOff, st, List.of(vs));
                }
                case FLOAT:
                    noVlen(id, kind, vlen);
                    noFlag(id, kind, kflag);
                    if (st != 2 && st != 4 && st != 8 && st != 12 && st != 16) throw bad(id, kind, "invalid size " + Integer.toUnsignedString(st));
                    return new BtfType.Float(nameOff, st);
                case DECL_TAG: {
                    noVlen(id, kind, vlen);
                    int idx = bb.getInt(p);
                    if (idx < -1) throw bad(id, kind, "invalid component_idx " + idx);
                    return new BtfType.DeclTag(nameOff, st, idx, kflag);
                }
                default:
                    throw bad(id, kind, "unsupported kind");
            }
        }

        private static void noVlen(int id, Kind kind, int vlen) {
            if (vlen != 0) throw bad(id, kind, "vlen must be 0, is " + vlen);
        }

        private static void noFlag(int id, Kind kind, boolean kflag) {
            if (kflag) throw bad(id, kind, "kind_flag must be 0");
        }
    }

    private static BtfException bad(int id, Kind kind, String what) {
        return new BtfException("BTF type [" + id + "] " + kind.bpftoolName() + ": " + what);
    }

    /** Checks every type id and name offset, and that no cycle avoids a struct or union. */
    private void validate() {
        int count = typeCount();
        int strEnd = stringsLength();
        for (int i = 0; i < types.length; i++) {
            int id = firstId + i;
            BtfType t = types[i];
            checkName(id, t, t.nameOff(), strEnd);
            switch (t.kind()) {
                case STRUCT: case UNION: {
                    BtfType.Composite c = (BtfType.Composite) t;
                    for (BtfType.Member m : c.members()) {
                        checkName(id, t, m.nameOff(), strEnd);
                        checkId(id, t, m.type(), count);
                    }
                    break;
                }
                case ENUM:
                    for (BtfType.EnumValue v : ((BtfType.Enum) t).values()) checkName(id, t, v.nameOff(), strEnd);
                    break;
                case ENUM64:
                    for (BtfType.Enum64Value v : ((BtfType.Enum64) t).values()) checkName(id, t, v.nameOff(), strEnd);
                    break;
                case ARRAY: {
                    BtfType.Array a = (BtfType.Array) t;
                    checkId(id, t, a.type(), count);
                    checkId(id, t, a.indexType(), count);
                    break;
                }
                case FUNC_PROTO: {
                    BtfType.FuncProto fp = (BtfType.FuncProto) t;
                    checkId(id, t, fp.returnType(), count);
                    for (BtfType.Param prm : fp.params()) {
                        checkName(id, t, prm.nameOff(), strEnd);
                        checkId(id, t, prm.type(), count);
                    }
                    break;
                }
                case DATASEC:
                    for (BtfType.VarSecinfo v : ((BtfType.Datasec) t).vars()) checkId(id, t, v.type(), count);
                    break;
                default:
                    if (t instanceof BtfType.Ref) checkId(id, t, ((BtfType.Ref) t).type(), count);
            }
        }
        checkAcyclic();
    }

    private void checkName(int id, BtfType t, int off, int strEnd) {
        if (off < 0 || off >= strEnd)
            throw bad(id, t.kind(), "name offset " + Integer.toUnsignedString(off) + " is outside the string section (" + strEnd + " bytes)");
    }

    private static void checkId(int id, BtfType t, int ref, int count) {
        if (ref < 0 || ref >= count)
            throw bad(id, t.kind(), "refers to type id " + Integer.toUnsignedString(ref) + ", last id is " + (count - 1));
    }

    /** Iterative DFS over the edges of all kinds but struct/union (which legally close cycles via pointers). */
    private void checkAcyclic() {
        int n = types.length;
        byte[] color = new byte[n];          // 0 white, 1 on stack, 2 done
        int[] stack = new int[n];
        int[] next = new int[n];             // index of the next edge to explore per node
        for (int root = 0; root < n; root++) {
            if (color[root] != 0) continue;
            int sp = 0;
            stack[sp++] = root;
            color[root] = 1;
            next[root] = 0;
            while (sp > 0) {
                int cur = stack[sp - 1];
                int edge = edge(types[cur], next[cur]++);
                if (edge == Integer.MIN_VALUE) {
                    color[cur] = 2;
                    sp--;
                    continue;
                }
                int j = edge - firstId;
                if (j < 0) continue;            // void or base type: already validated
                if (color[j] == 1)
                    throw new BtfException("BTF type [" + (firstId + cur) + "] " + types[cur].kind().bpftoolName()
                            + " is part of a type cycle that does not pass through a struct or union");
                if (color[j] == 0) {
                    color[j] = 1;
                    next[j] = 0;
                    stack[sp++] = j;
                }
            }
        }
    }

    /** The k-th outgoing edge of a type for cycle detection, MIN_VALUE when there is none. */
    private static int edge(BtfType t, int k) {
        switch (t.kind()) {
            case ARRAY: {
                BtfType.Array a = (BtfType.Array) t;
                return k == 0 ? a.type() : k == 1 ? a.indexType() : Integer.MIN_VALUE;
            }
            case FUNC_PROTO: {
                BtfType.FuncProto fp = (BtfType.FuncProto) t;
                if (k == 0) return fp.returnType();
                return k - 1 < fp.params().size() ? fp.params().get(k - 1).type() : Integer.MIN_VALUE;
            }
            case DATASEC: {
                List<BtfType.VarSecinfo> vs = ((BtfType.Datasec) t).vars();
                return k < vs.size() ? vs.get(k).type() : Integer.MIN_VALUE;
            }
            default:
                if (t instanceof BtfType.Ref && k == 0) return ((BtfType.Ref) t).type();
                return Integer.MIN_VALUE;
        }
    }

    // ---------------------------------------------------------------- accessors

    /** The base this spec is split over, or null. */
    public BtfSpec base() { return base; }

    /** One past the last valid type id (libbpf's {@code btf__type_cnt}): ids 0 .. typeCount()-1 exist. */
    public int typeCount() { return firstId + types.length; }

    /** The first type id defined by this blob: 1, or the base's {@link #typeCount()} for split BTF. */
    public int firstTypeId() { return firstId; }

    /** Total length of the string sections (base's and own); valid name offsets are below it. */
    public int stringsLength() { return firstStrOff + strings.length; }

    /**
     * The type with the given id (0 is void).
     *
     * @throws BtfException if the id is out of range
     */
    public BtfType type(int id) {
        if (id >= firstId) {
            int i = id - firstId;
            if (i < types.length) return types[i];
        } else if (id == 0) {
            return BtfType.Void.INSTANCE;
        } else if (id > 0 && base != null) {
            return base.type(id);
        } else if (id > 0) {
            throw new BtfException("BTF type id " + id + " out of range");
        }
        throw new BtfException("BTF type id " + Integer.toUnsignedString(id) + " out of range (last id is " + (typeCount() - 1) + ")");
    }

    /** The name of a type, "" for anonymous types. */
    public String name(BtfType t) {
        return string(t.nameOff());
    }

    /** The name of the type with the given id, "" for anonymous types. */
    public String name(int id) {
        return string(type(id).nameOff());
    }

    /**
     * The NUL-terminated string at a string-section offset (decoded as UTF-8).
     *
     * @throws BtfException if the offset is outside the string sections
     */
    public String string(int off) {
        if (off < firstStrOff) {
            if (off >= 0 && base != null) return base.string(off);
            throw new BtfException("BTF string offset " + Integer.toUnsignedString(off) + " is out of range");
        }
        int o = off - firstStrOff;
        if (o >= strings.length) throw new BtfException("BTF string offset " + Integer.toUnsignedString(off) + " is out of range (" + stringsLength() + " bytes)");
        int e = o;
        boolean ascii = true;
        while (e < strings.length && strings[e] != 0) {
            if (strings[e] < 0) ascii = false;
            e++;
        }
        if (e == o) return "";
        return new String(strings, o, e - o, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /**
     * The first type id (base types first, then own, in id order) with this name and kind.
     */
    public OptionalInt typeIdByName(String name, Kind kind) {
        if (kind == Kind.VOID || "void".equals(name)) return OptionalInt.of(0);
        Object hit = index().get(name);
        if (hit instanceof Integer) {
            int id = (Integer) hit;
            return type(id).kind() == kind ? OptionalInt.of(id) : OptionalInt.empty();
        }
        if (hit instanceof int[]) {
            for (int id : (int[]) hit) if (type(id).kind() == kind) return OptionalInt.of(id);
        }
        return OptionalInt.empty();
    }

    /** The first type (in id order) with this name and kind. */
    public Optional<BtfType> typeByName(String name, Kind kind) {
        OptionalInt id = typeIdByName(name, kind);
        return id.isPresent() ? Optional.of(type(id.getAsInt())) : Optional.empty();
    }

    /** Every type id (base first, ascending) with exactly this name, of any kind. */
    public int[] typeIdsByName(String name) {
        Object hit = index().get(name);
        if (hit instanceof Integer) return new int[] {(Integer) hit};
        if (hit instanceof int[]) return ((int[]) hit).clone();
        return new int[0];
    }

    private Map<String, Object> index() {
        Map<String, Object> idx = nameIndex;
        if (idx == null) {
            idx = new HashMap<>(typeCount() * 2);
            int n = typeCount();
            for (int id = 1; id < n; id++) {
                BtfType t = type(id);
                if (t.nameOff() == 0) continue;
                String nm = string(t.nameOff());
                Object old = idx.putIfAbsent(nm, id);
                if (old instanceof Integer) {
                    idx.put(nm, new int[] {(Integer) old, id});
                } else if (old instanceof int[]) {
                    int[] a = (int[]) old;
                    int[] c = Arrays.copyOf(a, a.length + 1);
                    c[a.length] = id;
                    idx.put(nm, c);
                }
            }
            nameIndex = idx;
        }
        return idx;
    }

    /**
     * Follows typedefs and modifiers (volatile, const, restrict, type tags) to the underlying type id.
     *
     * @throws BtfException if the chain is longer than 32 links
     */
    public int resolve(int id) {
        for (int i = 0; i <= MAX_CHAIN; i++) {
            BtfType t = type(id);
            if (!(t instanceof BtfType.Modifier) && !(t instanceof BtfType.Typedef)) return id;
            id = ((BtfType.Ref) t).type();
        }
        throw new BtfException("BTF type chain too long at [" + id + "]");
    }

    /**
     * Follows modifiers (volatile, const, restrict, type tags) but not typedefs.
     *
     * @throws BtfException if the chain is longer than 32 links
     */
    public int skipModifiers(int id) {
        for (int i = 0; i <= MAX_CHAIN; i++) {
            BtfType t = type(id);
            if (!(t instanceof BtfType.Modifier)) return id;
            id = ((BtfType.Modifier) t).type();
        }
        throw new BtfException("BTF type chain too long at [" + id + "]");
    }

    /**
     * The size in bytes of a type, as libbpf's {@code btf__resolve_size}: typedefs, modifiers, vars
     * and tags are followed, arrays multiply, pointers are 8 bytes.
     *
     * @throws BtfException for void, functions, forward declarations, chains over 32 links, or a
     *     size above 4 GiB
     */
    public long sizeOf(int id) {
        long nelems = 1;
        int start = id;
        for (int i = 0; i <= MAX_CHAIN; i++) {
            BtfType t = type(id);
            long size;
            switch (t.kind()) {
                case INT: size = ((BtfType.Int) t).size(); break;
                case STRUCT: case UNION: size = Integer.toUnsignedLong(((BtfType.Composite) t).size()); break;
                case ENUM: size = ((BtfType.Enum) t).size(); break;
                case ENUM64: size = ((BtfType.Enum64) t).size(); break;
                case DATASEC: size = Integer.toUnsignedLong(((BtfType.Datasec) t).size()); break;
                case FLOAT: size = ((BtfType.Float) t).size(); break;
                case PTR: size = 8; break;
                case TYPEDEF: case VOLATILE: case CONST: case RESTRICT: case VAR: case DECL_TAG: case TYPE_TAG:
                    id = ((BtfType.Ref) t).type();
                    continue;
                case ARRAY: {
                    BtfType.Array a = (BtfType.Array) t;
                    nelems *= a.count();
                    if (nelems > 0xffffffffL) throw new BtfException("BTF type [" + start + "] is larger than 4 GiB");
                    id = a.type();
                    continue;
                }
                default:
                    throw new BtfException("BTF type [" + start + "] has no size (" + t.kind().bpftoolName() + " [" + id + "])");
            }
            long total = nelems * size;
            if (total > 0xffffffffL) throw new BtfException("BTF type [" + start + "] is larger than 4 GiB");
            return total;
        }
        throw new BtfException("BTF type chain too long at [" + start + "]");
    }

    /**
     * The alignment in bytes of a type, as libbpf's {@code btf__align_of}: 1 for a packed struct.
     *
     * @throws BtfException for kinds without alignment or nesting deeper than 1024 levels
     */
    public int alignOf(int id) {
        return alignOf(id, 0);
    }

    private int alignOf(int id, int depth) {
        if (depth > 1024) throw new BtfException("BTF type [" + id + "] nests too deeply");
        BtfType t = type(id);
        switch (t.kind()) {
            case INT: return Math.min(8, ((BtfType.Int) t).size());
            case ENUM: return Math.min(8, ((BtfType.Enum) t).size());
            case ENUM64: return Math.min(8, ((BtfType.Enum64) t).size());
            case FLOAT: return Math.min(8, ((BtfType.Float) t).size());
            case PTR: return 8;
            case TYPEDEF: case VOLATILE: case CONST: case RESTRICT: case TYPE_TAG:
                return alignOf(((BtfType.Ref) t).type(), depth + 1);
            case ARRAY: return alignOf(((BtfType.Array) t).type(), depth + 1);
            case STRUCT: case UNION: {
                BtfType.Composite c = (BtfType.Composite) t;
                int max = 1;
                for (BtfType.Member m : c.members()) {
                    int a = alignOf(m.type(), depth + 1);
                    if (a <= 0) return a;
                    max = Math.max(max, a);
                    if (m.bitfieldSize() == 0 && Integer.toUnsignedLong(m.bitsOffset()) % (8L * a) != 0) return 1;
                }
                if (Integer.toUnsignedLong(c.size()) % max != 0) return 1;
                return max;
            }
            default:
                throw new BtfException("BTF type [" + id + "] " + t.kind().bpftoolName() + " has no alignment");
        }
    }

    // ---------------------------------------------------------------- encoding

    /** This spec's own string section (the base's is not included). */
    public byte[] strings() { return strings.clone(); }

    /**
     * Encodes this spec as a BTF blob (header, own types, own strings), ready for BPF_BTF_LOAD.
     * For a spec parsed from a blob with a 24-byte header this reproduces the blob byte for byte.
     */
    public byte[] bytes() {
        int typeLen = 0;
        for (BtfType t : types) typeLen += 12 + Parser.restSize(t.kind(), vlen(t));
        ByteBuffer out = ByteBuffer.allocate(HEADER_LEN + typeLen + strings.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) MAGIC).put((byte) 1).put((byte) 0).putInt(HEADER_LEN)
                .putInt(0).putInt(typeLen).putInt(typeLen).putInt(strings.length);
        for (BtfType t : types) encode(out, t);
        out.put(strings);
        return out.array();
    }

    private static int vlen(BtfType t) {
        switch (t.kind()) {
            case STRUCT: case UNION: return ((BtfType.Composite) t).members().size();
            case ENUM: return ((BtfType.Enum) t).values().size();
            case ENUM64: return ((BtfType.Enum64) t).values().size();
            case FUNC_PROTO: return ((BtfType.FuncProto) t).params().size();
            case DATASEC: return ((BtfType.Datasec) t).vars().size();
            case FUNC: return ((BtfType.Func) t).linkage();
            default: return 0;
        }
    }

    private static boolean kflag(BtfType t) {
        switch (t.kind()) {
            case STRUCT: case UNION: return ((BtfType.Composite) t).kindFlag();
            case ENUM: return ((BtfType.Enum) t).signed();
            case ENUM64: return ((BtfType.Enum64) t).signed();
            case FWD: return ((BtfType.Fwd) t).union();
            case DECL_TAG: return ((BtfType.DeclTag) t).kindFlag();
            case TYPE_TAG: return ((BtfType.TypeTag) t).kindFlag();
            default: return false;
        }
    }

    private static void encode(ByteBuffer out, BtfType t) {
        int info = (t.kind().value() << 24) | (vlen(t) & 0xffff) | (kflag(t) ? 0x80000000 : 0);
        out.putInt(t.nameOff()).putInt(info);
        switch (t.kind()) {
            case INT: {
                BtfType.Int i = (BtfType.Int) t;
                out.putInt(i.size()).putInt((i.encoding() << 24) | (i.bitsOffset() << 16) | i.bits());
                break;
            }
            case ARRAY: {
                BtfType.Array a = (BtfType.Array) t;
                out.putInt(0).putInt(a.type()).putInt(a.indexType()).putInt(a.nelems());
                break;
            }
            case STRUCT: case UNION: {
                BtfType.Composite c = (BtfType.Composite) t;
                out.putInt(c.size());
                for (BtfType.Member m : c.members())
                    out.putInt(m.nameOff()).putInt(m.type()).putInt(c.kindFlag() ? (m.bitfieldSize() << 24) | m.bitsOffset() : m.bitsOffset());
                break;
            }
            case ENUM: {
                BtfType.Enum e = (BtfType.Enum) t;
                out.putInt(e.size());
                for (BtfType.EnumValue v : e.values()) out.putInt(v.nameOff()).putInt(v.value());
                break;
            }
            case ENUM64: {
                BtfType.Enum64 e = (BtfType.Enum64) t;
                out.putInt(e.size());
                for (BtfType.Enum64Value v : e.values()) out.putInt(v.nameOff()).putInt((int) v.value()).putInt((int) (v.value() >>> 32));
                break;
            }
            case FWD: out.putInt(0); break;
            case FUNC_PROTO: {
                BtfType.FuncProto fp = (BtfType.FuncProto) t;
                out.putInt(fp.returnType());
                for (BtfType.Param p : fp.params()) out.putInt(p.nameOff()).putInt(p.type());
                break;
            }
            case VAR: {
                BtfType.Var v = (BtfType.Var) t;
                out.putInt(v.type()).putInt(v.linkage());
                break;
            }
            case DATASEC: {
                BtfType.Datasec d = (BtfType.Datasec) t;
                out.putInt(d.size());
                for (BtfType.VarSecinfo v : d.vars()) out.putInt(v.type()).putInt(v.offset()).putInt(v.size());
                break;
            }
            case FLOAT: out.putInt(((BtfType.Float) t).size()); break;
            case DECL_TAG: {
                BtfType.DeclTag d = (BtfType.DeclTag) t;
                out.putInt(d.type()).putInt(d.componentIdx());
                break;
            }
            default: out.putInt(((BtfType.Ref) t).type());
        }
    }

    // ---------------------------------------------------------------- building

    /** A builder for new BTF (standalone when {@code base} is null, else split over it). */
    public static Builder builder(BtfSpec base) {
        return new Builder(base, new ArrayList<>(), new byte[] {0});
    }

    /** A builder that starts from this spec's own types and strings, to derive a modified spec. */
    public Builder toBuilder() {
        return new Builder(base, new ArrayList<>(Arrays.asList(types)), strings);
    }

    /**
     * Builds BTF type by type. Ids and string offsets are global (they include the base's), as in
     * the types themselves. {@link #build()} encodes and re-parses, so the result is validated.
     */
    public static final class Builder {
        private final BtfSpec base;
        private final List<BtfType> types;
        private final java.io.ByteArrayOutputStream strs = new java.io.ByteArrayOutputStream();
        private final Map<String, Integer> stringOffsets = new HashMap<>();
        private final int firstId;
        private final int firstStrOff;

        private Builder(BtfSpec base, List<BtfType> types, byte[] initialStrings) {
            this.base = base;
            this.types = types;
            this.firstId = base == null ? 1 : base.typeCount();
            this.firstStrOff = base == null ? 0 : base.stringsLength();
            strs.write(initialStrings, 0, initialStrings.length);
        }

        /** Adds a string (reusing an identical one added through this builder) and returns its offset; "" is offset 0. */
        public int addString(String s) {
            if (s.isEmpty()) return 0;
            Integer old = stringOffsets.get(s);
            if (old != null) return old;
            int off = firstStrOff + strs.size();
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            for (byte x : b) if (x == 0) throw new BtfException("BTF string contains NUL: " + s);
            strs.write(b, 0, b.length);
            strs.write(0);
            stringOffsets.put(s, off);
            return off;
        }

        /** Appends a type and returns its id. */
        public int add(BtfType t) {
            if (t instanceof BtfType.Void) throw new BtfException("void cannot be added to BTF");
            types.add(t);
            return firstId + types.size() - 1;
        }

        /** Replaces the type with the given (own) id. */
        public Builder set(int id, BtfType t) {
            int i = id - firstId;
            if (i < 0 || i >= types.size()) throw new BtfException("BTF type id " + id + " is not defined by this builder");
            types.set(i, t);
            return this;
        }

        /** The id the next {@link #add} will return. */
        public int nextId() { return firstId + types.size(); }

        /** @throws BtfException if the result does not validate */
        public BtfSpec build() {
            BtfSpec raw = new BtfSpec(base, types.toArray(new BtfType[0]), strs.toByteArray());
            return parse(raw.bytes(), base);
        }
    }

    @Override
    public String toString() {
        return "BtfSpec[" + (typeCount() - firstId) + " types" + (base != null ? ", split over " + base.typeCount() + " base ids" : "") + "]";
    }
}
