package dev.cil.btf;

import dev.cil.btf.BtfExt.CoreRelo;
import dev.cil.btf.BtfExt.CoreReloKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BPF CO-RE relocation: computes, for a relocation recorded by clang against the program's own
 * ("local") BTF, the value the instruction must hold for a target kernel's BTF, and patches the
 * instruction. Pure computation, following libbpf's {@code relo_core.c} semantics:
 *
 * <ul>
 *   <li>Candidates are target types of a compatible kind whose name equals the local name
 *       ignoring a {@code ___flavor} suffix (everything from the last {@code ___}).</li>
 *   <li>A field access string ({@code 0:2:1}) is matched by member names, descending into
 *       anonymous structs and unions, with array bounds checked (flexible arrays allowed) and
 *       field types checked for compatibility (any struct/union, pointers, floats, integers
 *       without a bit offset, enums and forward declarations with the same essential name,
 *       arrays recursively).</li>
 *   <li>All matching candidates must agree (same bit offset and value), else the relocation is
 *       ambiguous; the candidate list of a local type is narrowed to the matching ones for later
 *       relocations, as libbpf does.</li>
 *   <li>Supported kinds: field byte offset, byte size, existence, signedness, left/right shift
 *       (bitfields), local/target type id, type existence and size, enumerator existence and
 *       value. {@code type_matches} is not supported and is an error that names it.</li>
 *   <li>When nothing matches, existence checks resolve to 0 and the other kinds ask for the
 *       instruction to be poisoned (turned into a call to the invalid helper 0xbad2310, which
 *       the verifier rejects only if it is reachable).</li>
 * </ul>
 *
 * Candidates are searched in one target BTF (vmlinux); module BTFs are not searched. Not
 * thread-safe (the candidate cache is per instance).
 */
public final class CoreRelocator {
    static final int MAX_SPEC_LEN = 64;
    static final int POISON_IMM = 0xbad2310;

    private final BtfSpec local;
    private final BtfSpec target;
    private final Map<Integer, List<Integer>> candidates = new HashMap<>();

    public CoreRelocator(BtfSpec local, BtfSpec target) {
        this.local = local;
        this.target = target;
    }

    /**
     * The outcome of one relocation: the value the compiler put in the instruction
     * ({@code origValue}) and the one the target needs ({@code newValue}); for memory accesses
     * also the original and new access sizes.
     *
     * @param poison the instruction must be poisoned (the field or enumerator does not exist)
     * @param validate whether the instruction must currently hold {@code origValue}
     * @param failMemSizeAdjust the access size would change in a way that loses the value:
     *     a load or store is poisoned instead
     * @param targetTypeId the root type matched in the target, 0 when none
     */
    public record Result(CoreReloKind kind, boolean poison, boolean validate, long origValue, long newValue, int origSize,
                         int newSize, boolean failMemSizeAdjust, int targetTypeId) { }

    /** One level of a field access: a named member, an array element, or the root. */
    private record Accessor(int typeId, int idx, String name) { }

    private static final class Spec {
        final BtfSpec btf;
        int rootTypeId;
        final List<Accessor> acc = new ArrayList<>();
        final int[] raw = new int[MAX_SPEC_LEN];
        int rawLen;
        long bitOffset;

        Spec(BtfSpec btf, int root) {
            this.btf = btf;
            this.rootTypeId = root;
        }

        Spec copy() {
            Spec s = new Spec(btf, rootTypeId);
            s.acc.addAll(acc);
            System.arraycopy(raw, 0, s.raw, 0, rawLen);
            s.rawLen = rawLen;
            s.bitOffset = bitOffset;
            return s;
        }
    }

    private static final class Fail extends RuntimeException {
        private static final long serialVersionUID = 1L;
        Fail(String m) {
            super(m, null, false, false);
        }
    }

    private static boolean isFieldBased(CoreReloKind k) {
        switch (k) {
            case FIELD_BYTE_OFFSET: case FIELD_BYTE_SIZE: case FIELD_EXISTS: case FIELD_SIGNED: case FIELD_LSHIFT_U64: case FIELD_RSHIFT_U64: return true;
            default: return false;
        }
    }

    private static boolean isTypeBased(CoreReloKind k) {
        switch (k) {
            case TYPE_ID_LOCAL: case TYPE_ID_TARGET: case TYPE_EXISTS: case TYPE_MATCHES: case TYPE_SIZE: return true;
            default: return false;
        }
    }

    private static boolean isEnumValBased(CoreReloKind k) {
        return k == CoreReloKind.ENUMVAL_EXISTS || k == CoreReloKind.ENUMVAL_VALUE;
    }

    /** The length of a name without its {@code ___flavor} suffix. */
    static int essentialNameLength(String name) {
        int n = name.length();
        for (int i = n - 5; i >= 0; i--) {
            if (name.charAt(i) != '_' && name.charAt(i + 1) == '_' && name.charAt(i + 2) == '_' && name.charAt(i + 3) == '_' && name.charAt(i + 4) != '_')
                return i + 1;
        }
        return n;
    }

    private static int skip(BtfSpec btf, int id) {
        return btf.resolve(id);
    }

    private static boolean isAnyEnum(BtfType t) {
        return t instanceof BtfType.Enum || t instanceof BtfType.Enum64;
    }

    private static boolean kindCompat(BtfType a, BtfType b) {
        return a.kind() == b.kind() || (isAnyEnum(a) && isAnyEnum(b));
    }

    private static long sizeOf(BtfSpec btf, int id) {
        try {
            return btf.sizeOf(id);
        } catch (BtfException e) {
            throw new Fail("cannot size type [" + id + "]: " + e.getMessage());
        }
    }

    private static int vlen(BtfType t) {
        if (t instanceof BtfType.Composite) return ((BtfType.Composite) t).members().size();
        if (t instanceof BtfType.Enum) return ((BtfType.Enum) t).values().size();
        if (t instanceof BtfType.Enum64) return ((BtfType.Enum64) t).values().size();
        return 0;
    }

    private static boolean isFlexArray(BtfSpec btf, Accessor prev, BtfType.Array a) {
        if (prev == null || prev.name == null || a.nelems() != 0) return false;
        return prev.idx == vlen(btf.type(prev.typeId)) - 1;
    }

    // ------------------------------------------------------------ spec parsing

    private Spec parseSpec(CoreRelo relo, CoreReloKind kind) {
        String str = relo.accessString();
        if (str.isEmpty() || str.charAt(0) == ':') throw new Fail("empty access string");
        Spec spec = new Spec(local, relo.typeId());
        if (isTypeBased(kind)) {
            if (!str.equals("0")) throw new Fail("type relocation with access string " + str);
            return spec;
        }
        int p = 0;
        while (p < str.length()) {
            if (str.charAt(p) == ':') p++;
            int s = p;
            while (p < str.length() && Character.isDigit(str.charAt(p))) p++;
            if (s == p) throw new Fail("bad access string " + str);
            if (spec.rawLen == MAX_SPEC_LEN) throw new Fail("access string " + str + " is too long");
            long v;
            try {
                v = Long.parseLong(str.substring(s, p));
            } catch (NumberFormatException e) {
                throw new Fail("bad access string " + str);
            }
            if (v > Integer.MAX_VALUE) throw new Fail("bad access string " + str);
            spec.raw[spec.rawLen++] = (int) v;
        }
        if (spec.rawLen == 0) throw new Fail("empty access string");
        int id = skip(local, relo.typeId());
        BtfType t = local.type(id);
        int idx = spec.raw[0];
        if (isEnumValBased(kind)) {
            if (!isAnyEnum(t) || spec.rawLen > 1 || idx >= vlen(t)) throw new Fail("bad enumerator access " + str);
            int nameOff = t instanceof BtfType.Enum ? ((BtfType.Enum) t).values().get(idx).nameOff() : ((BtfType.Enum64) t).values().get(idx).nameOff();
            spec.acc.add(new Accessor(id, idx, local.string(nameOff)));
            return spec;
        }
        if (!isFieldBased(kind)) throw new Fail("relocation kind " + kind.libbpfName() + " is not supported");
        spec.acc.add(new Accessor(id, idx, null));
        spec.bitOffset = (long) idx * sizeOf(local, id) * 8;
        for (int i = 1; i < spec.rawLen; i++) {
            id = skip(local, id);
            t = local.type(id);
            idx = spec.raw[i];
            if (t instanceof BtfType.Composite) {
                BtfType.Composite c = (BtfType.Composite) t;
                if (idx >= c.members().size()) throw new Fail("member " + idx + " out of range in " + str);
                BtfType.Member m = c.members().get(idx);
                spec.bitOffset += Integer.toUnsignedLong(m.bitsOffset());
                if (m.nameOff() != 0) {
                    String name = local.string(m.nameOff());
                    if (name.isEmpty()) throw new Fail("member with an empty name in " + str);
                    spec.acc.add(new Accessor(id, idx, name));
                }
                id = m.type();
            } else if (t instanceof BtfType.Array) {
                BtfType.Array a = (BtfType.Array) t;
                id = skip(local, a.type());
                boolean flex = isFlexArray(local, spec.acc.get(spec.acc.size() - 1), a);
                if (!flex && Integer.toUnsignedLong(idx) >= a.count()) throw new Fail("array index " + idx + " out of bounds in " + str);
                spec.acc.add(new Accessor(id, idx, null));
                spec.bitOffset += (long) idx * sizeOf(local, id) * 8;
            } else {
                throw new Fail("access " + str + " reaches a " + t.kind().bpftoolName() + " at level " + i);
            }
            if (spec.bitOffset > 0xffffffffL) throw new Fail("access " + str + " is beyond 4 GiB");
        }
        return spec;
    }

    // ------------------------------------------------------------ compatibility

    private boolean fieldsCompat(int localId, int targId) {
        for (int depth = 0; depth < 64; depth++) {
            localId = skip(local, localId);
            targId = skip(target, targId);
            BtfType lt = local.type(localId), tt = target.type(targId);
            if (lt instanceof BtfType.Composite && tt instanceof BtfType.Composite) return true;
            if (!kindCompat(lt, tt)) return false;
            switch (lt.kind()) {
                case PTR: case FLOAT: return true;
                case FWD: case ENUM: case ENUM64: {
                    String ln = local.name(lt), tn = target.name(tt);
                    int ll = essentialNameLength(ln), tl = essentialNameLength(tn);
                    return ll == 0 || tl == 0 || (ll == tl && ln.regionMatches(0, tn, 0, ll));
                }
                case INT:
                    return ((BtfType.Int) lt).bitsOffset() == 0 && ((BtfType.Int) tt).bitsOffset() == 0;
                case ARRAY:
                    localId = ((BtfType.Array) lt).type();
                    targId = ((BtfType.Array) tt).type();
                    continue;
                default:
                    return false;
            }
        }
        throw new Fail("field types nest too deeply");
    }

    private boolean typesCompat(int localId, int targId, int level) {
        if (!kindCompat(local.type(localId), target.type(targId))) return false;
        for (int depth = 32; ; ) {
            if (--depth < 0) throw new Fail("types nest too deeply");
            localId = skip(local, localId);
            targId = skip(target, targId);
            BtfType lt = local.type(localId), tt = target.type(targId);
            if (!kindCompat(lt, tt)) return false;
            switch (lt.kind()) {
                case VOID: case STRUCT: case UNION: case ENUM: case FWD: case ENUM64: return true;
                case INT: return ((BtfType.Int) lt).bitsOffset() == 0 && ((BtfType.Int) tt).bitsOffset() == 0;
                case PTR:
                    localId = ((BtfType.Ptr) lt).type();
                    targId = ((BtfType.Ptr) tt).type();
                    continue;
                case ARRAY:
                    localId = ((BtfType.Array) lt).type();
                    targId = ((BtfType.Array) tt).type();
                    continue;
                case FUNC_PROTO: {
                    BtfType.FuncProto lp = (BtfType.FuncProto) lt, tp = (BtfType.FuncProto) tt;
                    if (lp.params().size() != tp.params().size()) return false;
                    for (int i = 0; i < lp.params().size(); i++) {
                        if (level <= 0) throw new Fail("function types nest too deeply");
                        if (!typesCompat(skip(local, lp.params().get(i).type()), skip(target, tp.params().get(i).type()), level - 1)) return false;
                    }
                    localId = lp.returnType();
                    targId = tp.returnType();
                    continue;
                }
                default:
                    return false;
            }
        }
    }

    // ------------------------------------------------------------ matching

    /** 1 found, 0 not found; fills targ with the accessor and low-level path. */
    private int matchMember(Accessor localAcc, int targId, Spec targ, int[] nextTargId, int depth) {
        if (depth > 64) throw new Fail("anonymous members nest too deeply");
        targId = skip(target, targId);
        BtfType tt = target.type(targId);
        if (!(tt instanceof BtfType.Composite)) return 0;
        BtfType.Composite lt = (BtfType.Composite) local.type(localAcc.typeId);
        BtfType.Member localMember = lt.members().get(localAcc.idx);
        String localName = local.string(localMember.nameOff());
        List<BtfType.Member> ms = ((BtfType.Composite) tt).members();
        for (int i = 0; i < ms.size(); i++) {
            BtfType.Member m = ms.get(i);
            long bitOff = Integer.toUnsignedLong(m.bitsOffset());
            if (targ.rawLen == MAX_SPEC_LEN) throw new Fail("target access path too long");
            targ.bitOffset += bitOff;
            targ.raw[targ.rawLen++] = i;
            String tn = target.string(m.nameOff());
            if (tn.isEmpty()) {
                int found = matchMember(localAcc, m.type(), targ, nextTargId, depth + 1);
                if (found != 0) return found;
            } else if (tn.equals(localName)) {
                targ.acc.add(new Accessor(targId, i, tn));
                nextTargId[0] = m.type();
                boolean ok = fieldsCompat(localMember.type(), m.type());
                if (!ok) targ.acc.remove(targ.acc.size() - 1);
                return ok ? 1 : 0;
            }
            targ.bitOffset -= bitOff;
            targ.rawLen--;
        }
        return 0;
    }

    /** Matches the local spec against a target candidate; null when it does not match. */
    private Spec specMatch(Spec localSpec, CoreReloKind kind, int targId) {
        Spec targ = new Spec(target, targId);
        if (isTypeBased(kind)) return typesCompat(localSpec.rootTypeId, targId, 32) ? targ : null;
        Accessor la = localSpec.acc.get(0);
        if (isEnumValBased(kind)) {
            targId = skip(target, targId);
            BtfType tt = target.type(targId);
            if (!isAnyEnum(tt)) return null;
            int le = essentialNameLength(la.name);
            for (int i = 0; i < vlen(tt); i++) {
                int nameOff = tt instanceof BtfType.Enum ? ((BtfType.Enum) tt).values().get(i).nameOff() : ((BtfType.Enum64) tt).values().get(i).nameOff();
                String tn = target.string(nameOff);
                if (essentialNameLength(tn) != le) continue;
                if (la.name.regionMatches(0, tn, 0, le)) {
                    targ.acc.add(new Accessor(targId, i, tn));
                    targ.raw[targ.rawLen++] = i;
                    return targ;
                }
            }
            return null;
        }
        int[] next = new int[1];
        for (int i = 0; i < localSpec.acc.size(); i++) {
            la = localSpec.acc.get(i);
            targId = skip(target, targId);
            BtfType tt = target.type(targId);
            if (la.name != null) {
                next[0] = targId;
                if (matchMember(la, targId, targ, next, 0) == 0) return null;
                targId = next[0];
            } else {
                if (i > 0) {
                    if (!(tt instanceof BtfType.Array)) return null;
                    BtfType.Array a = (BtfType.Array) tt;
                    boolean flex = isFlexArray(target, targ.acc.isEmpty() ? null : targ.acc.get(targ.acc.size() - 1), a);
                    if (!flex && Integer.toUnsignedLong(la.idx) >= a.count()) return null;
                    targId = skip(target, a.type());
                }
                if (targ.rawLen == MAX_SPEC_LEN) throw new Fail("target access path too long");
                targ.acc.add(new Accessor(targId, la.idx, null));
                targ.raw[targ.rawLen++] = la.idx;
                targ.bitOffset += (long) la.idx * sizeOf(target, targId) * 8;
            }
        }
        return targ;
    }

    private List<Integer> findCandidates(int localId) {
        List<Integer> c = candidates.get(localId);
        if (c != null) return c;
        BtfType lt = local.type(localId);
        String name = local.name(lt);
        int le = essentialNameLength(name);
        c = new ArrayList<>();
        for (int id = 1; id < target.typeCount(); id++) {
            BtfType t = target.type(id);
            if (!kindCompat(t, lt) || t.nameOff() == 0) continue;
            String tn = target.name(t);
            if (tn.isEmpty() || essentialNameLength(tn) != le || !name.regionMatches(0, tn, 0, le)) continue;
            c.add(id);
        }
        candidates.put(localId, c);
        return c;
    }

    // ------------------------------------------------------------ values

    /** {value, fieldSize, typeId, validate(0/1), poison(0/1)} */
    private long[] calcField(CoreRelo relo, CoreReloKind kind, Spec spec, boolean isLocal) {
        long[] r = new long[5];
        r[3] = 1;
        if (kind == CoreReloKind.FIELD_EXISTS) {
            r[0] = spec != null ? 1 : 0;
            return r;
        }
        if (spec == null) {
            r[4] = 1;
            return r;
        }
        BtfSpec btf = spec.btf;
        Accessor acc = spec.acc.get(spec.acc.size() - 1);
        if (acc.name == null) {
            if (kind == CoreReloKind.FIELD_BYTE_OFFSET) {
                r[0] = spec.bitOffset / 8;
                int elem = skip(btf, acc.typeId);
                while (btf.type(elem) instanceof BtfType.Array) elem = skip(btf, ((BtfType.Array) btf.type(elem)).type());
                r[1] = sizeOf(btf, elem);
                r[2] = acc.typeId;
            } else if (kind == CoreReloKind.FIELD_BYTE_SIZE) {
                r[0] = sizeOf(btf, acc.typeId);
            } else {
                throw new Fail("relocation " + kind.libbpfName() + " cannot be applied to an array element");
            }
            return r;
        }
        BtfType.Composite t = (BtfType.Composite) btf.type(acc.typeId);
        BtfType.Member m = t.members().get(acc.idx);
        int fieldTypeId = skip(btf, m.type());
        BtfType mt = btf.type(fieldTypeId);
        long bitOff = spec.bitOffset;
        long bitSz = m.bitfieldSize();
        boolean bitfield = bitSz > 0;
        long byteSz, byteOff;
        if (bitfield) {
            if (mt instanceof BtfType.Int) byteSz = ((BtfType.Int) mt).size();
            else if (mt instanceof BtfType.Enum) byteSz = ((BtfType.Enum) mt).size();
            else if (mt instanceof BtfType.Enum64) byteSz = ((BtfType.Enum64) mt).size();
            else throw new Fail("bitfield of type " + mt.kind().bpftoolName());
            if (byteSz <= 0) throw new Fail("bitfield of size 0");
            byteOff = bitOff / 8 / byteSz * byteSz;
            while (bitOff + bitSz - byteOff * 8 > byteSz * 8) {
                if (byteSz >= 8) throw new Fail("bitfield cannot be read with a 64-bit load");
                byteSz *= 2;
                byteOff = bitOff / 8 / byteSz * byteSz;
            }
        } else {
            byteSz = sizeOf(btf, fieldTypeId);
            byteOff = spec.bitOffset / 8;
            bitSz = byteSz * 8;
        }
        r[3] = bitfield ? 0 : 1;
        switch (kind) {
            case FIELD_BYTE_OFFSET:
                r[0] = byteOff;
                if (!bitfield) {
                    int elem = fieldTypeId;
                    while (btf.type(elem) instanceof BtfType.Array) elem = skip(btf, ((BtfType.Array) btf.type(elem)).type());
                    r[1] = sizeOf(btf, elem);
                    r[2] = fieldTypeId;
                }
                break;
            case FIELD_BYTE_SIZE:
                r[0] = byteSz;
                break;
            case FIELD_SIGNED:
                r[0] = (isAnyEnum(mt) && (mt instanceof BtfType.Enum ? ((BtfType.Enum) mt).signed() : ((BtfType.Enum64) mt).signed()))
                        || (mt instanceof BtfType.Int && ((BtfType.Int) mt).isSigned()) ? 1 : 0;
                r[3] = 1;
                break;
            case FIELD_LSHIFT_U64:
                r[0] = 64 - (bitOff + bitSz - byteOff * 8);
                break;
            case FIELD_RSHIFT_U64:
                r[0] = 64 - bitSz;
                r[3] = 1;
                break;
            default:
                throw new Fail("relocation kind " + kind.libbpfName() + " is not supported");
        }
        return r;
    }

    private long[] calcType(CoreReloKind kind, Spec spec) {
        long[] r = new long[5];
        r[3] = 1;
        if (spec == null) return r;
        switch (kind) {
            case TYPE_ID_TARGET:
                r[0] = spec.rootTypeId;
                r[3] = 0;
                break;
            case TYPE_EXISTS:
                r[0] = 1;
                break;
            case TYPE_SIZE:
                r[0] = sizeOf(spec.btf, spec.rootTypeId);
                break;
            default:
                throw new Fail("relocation kind " + kind.libbpfName() + " is not supported");
        }
        return r;
    }

    private long[] calcEnum(CoreReloKind kind, Spec spec) {
        long[] r = new long[5];
        r[3] = 1;
        if (kind == CoreReloKind.ENUMVAL_EXISTS) {
            r[0] = spec != null ? 1 : 0;
            return r;
        }
        if (spec == null) {
            r[4] = 1;
            return r;
        }
        Accessor a = spec.acc.get(0);
        BtfType t = spec.btf.type(a.typeId);
        r[0] = t instanceof BtfType.Enum ? ((BtfType.Enum) t).values().get(a.idx).value() : ((BtfType.Enum64) t).values().get(a.idx).value();
        return r;
    }

    private Result calc(CoreRelo relo, CoreReloKind kind, Spec localSpec, Spec targSpec) {
        long[] o, n;
        boolean failMem = false;
        int targetId = targSpec == null ? 0 : targSpec.rootTypeId;
        if (isFieldBased(kind)) {
            o = calcField(relo, kind, localSpec, true);
            n = calcField(relo, kind, targSpec, false);
            if (o[4] == 0 && n[4] == 0 && o[1] != n[1]) {
                BtfType ot = local.type((int) o[2]), nt = target.type((int) n[2]);
                boolean ptrs = ot instanceof BtfType.Ptr && nt instanceof BtfType.Ptr;
                boolean uints = ot instanceof BtfType.Int && nt instanceof BtfType.Int
                        && ((BtfType.Int) ot).encoding() != BtfType.Int.SIGNED && ((BtfType.Int) nt).encoding() != BtfType.Int.SIGNED;
                failMem = !ptrs && !uints;
            }
        } else if (isTypeBased(kind)) {
            o = calcType(kind, localSpec);
            n = calcType(kind, targSpec);
        } else {
            o = calcEnum(kind, localSpec);
            n = calcEnum(kind, targSpec);
        }
        boolean poison = o[4] != 0 || n[4] != 0;
        if (poison) return new Result(kind, true, o[3] != 0, 0, 0, 0, 0, false, targetId);
        return new Result(kind, false, o[3] != 0, o[0], n[0], (int) o[1], (int) n[1], failMem, targetId);
    }

    /**
     * Resolves one relocation against the target BTF.
     *
     * @throws BtfException when the relocation is malformed, ambiguous or of an unsupported kind
     *     (the message names the kind, the local type and the access string)
     */
    public Result resolve(CoreRelo relo) {
        CoreReloKind kind = relo.knownKind();
        if (kind == null) throw new BtfException("CO-RE relocation kind " + relo.kind() + " is not supported (instruction " + relo.insnIndex() + ")");
        if (kind == CoreReloKind.TYPE_MATCHES) throw new BtfException("CO-RE relocation type_matches is not supported (instruction " + relo.insnIndex() + ")");
        String what;
        try {
            what = "CO-RE relocation " + kind.libbpfName() + " of [" + relo.typeId() + "] " + local.name(relo.typeId()) + " + " + relo.accessString();
        } catch (BtfException e) {
            throw new BtfException("CO-RE relocation " + kind.libbpfName() + ": local type " + relo.typeId() + " does not exist");
        }
        try {
            Spec localSpec = parseSpec(relo, kind);
            if (kind == CoreReloKind.TYPE_ID_LOCAL) {
                return new Result(kind, false, false, localSpec.rootTypeId, localSpec.rootTypeId, 0, 0, false, 0);
            }
            String localName = local.name(relo.typeId());
            if (localName.isEmpty()) throw new Fail("anonymous types are not supported");
            List<Integer> cands = findCandidates(relo.typeId());
            List<Integer> kept = new ArrayList<>();
            Result best = null;
            Spec bestSpec = null;
            for (int cand : cands) {
                Spec s = specMatch(localSpec, kind, cand);
                if (s == null) continue;
                Result r = calc(relo, kind, localSpec, s);
                if (best == null) {
                    best = r;
                    bestSpec = s;
                } else if (s.bitOffset != bestSpec.bitOffset) {
                    throw new Fail("field offset ambiguity: " + s.bitOffset + " != " + bestSpec.bitOffset);
                } else if (r.poison() != best.poison() || r.newValue() != best.newValue()) {
                    throw new Fail("relocation decision ambiguity: " + r.newValue() + " != " + best.newValue());
                }
                kept.add(cand);
            }
            if (!kept.isEmpty()) {
                candidates.put(relo.typeId(), kept);
                return best;
            }
            return calc(relo, kind, localSpec, null);
        } catch (Fail e) {
            throw new BtfException(what + ": " + e.getMessage());
        } catch (BtfException e) {
            throw new BtfException(what + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------ patching

    private static int code(long insn) { return (int) (insn & 0xff); }

    private static int imm(long insn) { return (int) (insn >>> 32); }

    private static int off(long insn) { return (short) (insn >>> 16); }

    private static long poisoned(long insn) {
        return 0x85L | ((long) POISON_IMM << 32);   // call with dst/src/off 0 and the invalid helper id
    }

    /**
     * Patches instruction {@code index} of {@code insns} (and the second half of an
     * {@code ld_imm64}) with a resolved relocation, as libbpf's {@code bpf_core_patch_insn}: an
     * ALU immediate, a load/store offset (and access size when it changes), or a 64-bit
     * immediate; poisoned relocations become a call to the invalid helper 0xbad2310.
     *
     * @throws BtfException when the instruction does not hold the expected original value or
     *     has a form that cannot be relocated
     */
    public static void patch(long[] insns, int index, Result r) {
        if (index < 0 || index >= insns.length) throw new BtfException("CO-RE relocation of instruction " + index + " outside the program (" + insns.length + " instructions)");
        long insn = insns[index];
        boolean ldimm64 = code(insn) == 0x18;
        if (r.poison()) {
            if (ldimm64 && index + 1 < insns.length) insns[index + 1] = poisoned(insns[index + 1]);
            insns[index] = poisoned(insn);
            return;
        }
        String where = "CO-RE " + r.kind().libbpfName() + " relocation of instruction " + index;
        int cls = code(insn) & 0x07;
        switch (cls) {
            case 0x04: case 0x07: {   // ALU, ALU64
                if ((code(insn) & 0x08) != 0) throw new BtfException(where + ": ALU instruction does not use an immediate");
                if (r.validate() && (long) imm(insn) != r.origValue())
                    throw new BtfException(where + ": instruction holds " + imm(insn) + ", expected " + r.origValue());
                insns[index] = (insn & 0xffffffffL) | (r.newValue() << 32);
                return;
            }
            case 0x01: case 0x02: case 0x03: {   // LDX, ST, STX
                if (r.validate() && (long) off(insn) != r.origValue())
                    throw new BtfException(where + ": instruction offset is " + off(insn) + ", expected " + r.origValue());
                if (r.newValue() > Short.MAX_VALUE) throw new BtfException(where + ": offset " + r.newValue() + " does not fit in 16 bits");
                if (r.failMemSizeAdjust()) {
                    insns[index] = poisoned(insn);
                    return;
                }
                long patched = (insn & ~0xffff0000L) | ((r.newValue() & 0xffff) << 16);
                if (r.newSize() != r.origSize()) {
                    int sizeBits = code(insn) & 0x18;
                    int bytes = sizeBits == 0x18 ? 8 : sizeBits == 0x00 ? 4 : sizeBits == 0x08 ? 2 : 1;
                    if (bytes != r.origSize()) throw new BtfException(where + ": access is " + bytes + " bytes, expected " + r.origSize());
                    int newBits;
                    switch (r.newSize()) {
                        case 8: newBits = 0x18; break;
                        case 4: newBits = 0x00; break;
                        case 2: newBits = 0x08; break;
                        case 1: newBits = 0x10; break;
                        default: throw new BtfException(where + ": invalid new access size " + r.newSize());
                    }
                    patched = (patched & ~0x18L) | newBits;
                }
                insns[index] = patched;
                return;
            }
            case 0x00: {   // LD: only ld_imm64
                if (!ldimm64 || index + 1 >= insns.length) throw new BtfException(where + ": unexpected LD instruction form");
                long second = insns[index + 1];
                if (((insn >>> 12) & 0xf) != 0 || off(insn) != 0 || (second & 0xffffffffL) != 0)
                    throw new BtfException(where + ": ld_imm64 has an unexpected form");
                long imm64 = (imm(insn) & 0xffffffffL) | ((long) imm(second) << 32);
                if (r.validate() && imm64 != r.origValue())
                    throw new BtfException(where + ": ld_imm64 holds " + imm64 + ", expected " + r.origValue());
                insns[index] = (insn & 0xffffffffL) | (r.newValue() << 32);
                insns[index + 1] = (second & 0xffffffffL) | ((r.newValue() >>> 32) << 32);
                return;
            }
            default:
                throw new BtfException(where + ": cannot relocate instruction with code 0x" + Integer.toHexString(code(insn)));
        }
    }

    /**
     * Resolves and applies every relocation to a copy of {@code insns}.
     *
     * @param relocations pairs of instruction index and relocation record
     * @throws BtfException as {@link #resolve} and {@link #patch}
     */
    public long[] apply(long[] insns, List<Map.Entry<Integer, CoreRelo>> relocations) {
        long[] out = insns.clone();
        for (Map.Entry<Integer, CoreRelo> e : relocations) patch(out, e.getKey(), resolve(e.getValue()));
        return out;
    }
}
