package dev.cil.btf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compilable C declarations for BTF ({@code bpftool btf dump … format c}, a "vmlinux.h").
 *
 * <p>The output follows the rules of libbpf's {@code btf_dump.c}: types are emitted in dependency
 * order found by a depth-first walk from each type id in turn; a struct or union reached only
 * through a pointer gets a forward declaration, one that is embedded is defined first; anonymous
 * structs, unions and enums are written inline where they are used, and a top-level anonymous
 * enum that no type refers to is emitted on its own; explicit padding ({@code long: 64;}) and
 * {@code __attribute__((packed))} reproduce the recorded layout; bitfields, arrays, function
 * pointers and {@code (void)} parameter lists are written in C syntax; duplicate names get a
 * {@code ___N} suffix (struct/union/enum tags and typedef/enumerator identifiers are counted
 * separately); {@code __builtin_va_list} is not redefined. The header and footer are bpftool's
 * ({@code __VMLINUX_H__} guard and the {@code preserve_access_index} pragma).
 *
 * <p>Differences from bpftool: with {@link Style#BPFTOOL_7_1} the output is byte for byte that of
 * Debian 12's bpftool 7.1 (the tests compare the vmlinux header and every fixture object's);
 * {@link Style#CURRENT} (the default) adds current libbpf's {@code mode(byte)}/{@code mode(word)}
 * attributes to 1- and 8-byte enums, so that every struct has its recorded size (the tests check
 * sizes and member offsets with {@code _Static_assert} under clang). Where libbpf prints a
 * warning and goes on for malformed BTF (an anonymous struct loop, an unexpected kind in a
 * declaration chain), this class goes on the same way; an unsatisfiable type cycle (bpftool
 * fails there too) or nesting deeper than {@value #MAX_DEPTH} levels throws
 * {@link BtfException}. Pointers are assumed to be 64 bits ({@code long} padding is 64 bits), as
 * on every BPF target. Types whose layout depends on {@code __builtin_va_list} keep the BPF
 * target's idea of its size (8 bytes), as with bpftool.
 */
public final class BtfCDump {
    /** Which generation of libbpf's layout rules to follow. */
    public enum Style {
        /**
         * Current libbpf (1.5 and later): 1- and 8-byte enums get {@code mode(byte)} or
         * {@code mode(word)} so that clang gives them the recorded size.
         */
        CURRENT,
        /**
         * What Debian 12's bpftool 7.1 prints (the kernel 6.1 copy of libbpf with the stable
         * backports of the padding, packed-struct and {@code (void)} fixes, but not the enum size
         * attributes): identical to {@link #CURRENT} except that enums carry no mode attribute,
         * so a 1- or 8-byte enum compiles as a 4-byte one. Use it to compare with that peer.
         */
        BPFTOOL_7_1
    }

    static final int MAX_DEPTH = 2000;
    /** Largest padding gap written as bitfields (1 MiB; vmlinux's largest is a few cache lines). */
    static final long MAX_PAD_BITS = 8L << 20;
    private static final int NOT_ORDERED = 0, ORDERING = 1, ORDERED = 2;
    private static final int NOT_EMITTED = 0, EMITTING = 1, EMITTED = 2;
    private static final String TABS = "\t\t\t\t\t\t\t\t\t\t\t\t\t";
    private static final int PTR_SZ = 8;

    private final BtfSpec btf;
    private final boolean current;
    private final StringBuilder out = new StringBuilder(1 << 16);
    private final Appendable sink;
    private final byte[] orderState;
    private final byte[] emitState;
    private final boolean[] fwdEmitted;
    private final boolean[] nameResolved;
    private final boolean[] referenced;
    private final String[] cachedNames;
    private final Map<String, Integer> typeNames = new HashMap<>();
    private final Map<String, Integer> identNames = new HashMap<>();
    private final int[] emitQueue;
    private int emitQueueCnt;
    private int depth;
    private long written;
    private final long maxOutput;

    private BtfCDump(BtfSpec btf, Style style, Appendable sink) {
        this.btf = btf;
        this.current = style == Style.CURRENT;
        this.sink = sink;
        int n = btf.typeCount();
        orderState = new byte[n];
        emitState = new byte[n];
        fwdEmitted = new boolean[n];
        nameResolved = new boolean[n];
        referenced = new boolean[n];
        cachedNames = new String[n];
        emitQueue = new int[n + 1];
        orderState[0] = ORDERED;
        emitState[0] = EMITTED;
        maxOutput = (16L << 20) + 256L * n;
        markReferenced();
    }

    /** Writes the C header for every type of {@code btf} (including a base's types), {@link Style#CURRENT}. */
    public static void dump(BtfSpec btf, Appendable out) {
        dump(btf, Style.CURRENT, out);
    }

    /** Writes the C header for every type of {@code btf} (including a base's types). */
    public static void dump(BtfSpec btf, Style style, Appendable out) {
        BtfCDump d = new BtfCDump(btf, style, out);
        d.header();
        for (int id = 1, n = btf.typeCount(); id < n; id++) d.dumpType(id);
        d.footer();
        d.flush();
    }

    /** The C header for every type of {@code btf} as one string. */
    public static String dump(BtfSpec btf, Style style) {
        StringBuilder sb = new StringBuilder();
        dump(btf, style, sb);
        return sb.toString();
    }

    /** Writes the C header for the given root type ids and whatever they need. */
    public static void dump(BtfSpec btf, int[] rootIds, Style style, Appendable out) {
        BtfCDump d = new BtfCDump(btf, style, out);
        d.header();
        for (int id : rootIds) d.dumpType(id);
        d.footer();
        d.flush();
    }

    private void header() {
        p("#ifndef __VMLINUX_H__\n#define __VMLINUX_H__\n\n#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
                + "#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n#endif\n\n");
    }

    private void footer() {
        p("#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n#pragma clang attribute pop\n#endif\n\n#endif /* __VMLINUX_H__ */\n");
    }

    private void flush() {
        if (sink == out) return;
        try {
            sink.append(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.setLength(0);
    }

    private void p(String s) {
        written += s.length();
        if (written > maxOutput)
            throw new BtfException("C dump of " + (btf.typeCount() - 1) + " BTF types exceeds " + maxOutput + " characters: implausible BTF");
        out.append(s);
        if (out.length() > (1 << 16) && sink != out) flush();
    }

    private static String pfx(int lvl) {
        return lvl >= TABS.length() ? TABS : TABS.substring(0, lvl);
    }

    private String nameOf(int nameOff) {
        return btf.string(nameOff);
    }

    private void enter(int id) {
        if (++depth > MAX_DEPTH) throw new BtfException("BTF type [" + id + "] nests more than " + MAX_DEPTH + " levels deep");
    }

    private void leave() {
        depth--;
    }

    private void markReferenced() {
        for (int i = 1, n = btf.typeCount(); i < n; i++) {
            BtfType t = btf.type(i);
            switch (t.kind()) {
                case VOLATILE: case CONST: case RESTRICT: case PTR: case TYPEDEF: case FUNC: case VAR: case DECL_TAG: case TYPE_TAG:
                    referenced[((BtfType.Ref) t).type()] = true;
                    break;
                case ARRAY: {
                    BtfType.Array a = (BtfType.Array) t;
                    referenced[a.indexType()] = true;
                    referenced[a.type()] = true;
                    break;
                }
                case STRUCT: case UNION:
                    for (BtfType.Member m : ((BtfType.Composite) t).members()) referenced[m.type()] = true;
                    break;
                case FUNC_PROTO:
                    for (BtfType.Param p : ((BtfType.FuncProto) t).params()) referenced[p.type()] = true;
                    break;
                case DATASEC:
                    for (BtfType.VarSecinfo v : ((BtfType.Datasec) t).vars()) referenced[v.type()] = true;
                    break;
                default:
                    break;
            }
        }
    }

    private void dumpType(int id) {
        emitQueueCnt = 0;
        orderType(id, false);
        for (int i = 0; i < emitQueueCnt; i++) emitType(emitQueue[i], 0);
    }

    // ------------------------------------------------------------ ordering

    /** 1 for a strong link (the type must be defined first), 0 for a weak one (a forward declaration suffices). */
    private int orderType(int id, boolean throughPtr) {
        if (orderState[id] == ORDERED) return 1;
        BtfType t = btf.type(id);
        if (orderState[id] == ORDERING) {
            if (t instanceof BtfType.Composite && throughPtr && t.nameOff() != 0) return 0;
            throw new BtfException("unsatisfiable type cycle, id:[" + id + "]");
        }
        enter(id);
        try {
            switch (t.kind()) {
                case INT: case FLOAT:
                    orderState[id] = ORDERED;
                    return 0;
                case PTR: {
                    int r = orderType(((BtfType.Ptr) t).type(), true);
                    orderState[id] = ORDERED;
                    return r;
                }
                case ARRAY:
                    return orderType(((BtfType.Array) t).type(), false);
                case STRUCT: case UNION: {
                    if (throughPtr && t.nameOff() != 0) return 0;
                    orderState[id] = ORDERING;
                    for (BtfType.Member m : ((BtfType.Composite) t).members()) orderType(m.type(), false);
                    if (t.nameOff() != 0) emitQueue[emitQueueCnt++] = id;
                    orderState[id] = ORDERED;
                    return 1;
                }
                case ENUM: case ENUM64: case FWD:
                    if (t.nameOff() != 0 || !referenced[id]) emitQueue[emitQueueCnt++] = id;
                    orderState[id] = ORDERED;
                    return 1;
                case TYPEDEF: {
                    int strong = orderType(((BtfType.Typedef) t).type(), throughPtr);
                    if (throughPtr && strong == 0) return 0;
                    emitQueue[emitQueueCnt++] = id;
                    orderState[id] = ORDERED;
                    return 1;
                }
                case VOLATILE: case CONST: case RESTRICT: case TYPE_TAG:
                    return orderType(((BtfType.Modifier) t).type(), throughPtr);
                case FUNC_PROTO: {
                    BtfType.FuncProto fp = (BtfType.FuncProto) t;
                    boolean strong = orderType(fp.returnType(), throughPtr) > 0;
                    for (BtfType.Param p : fp.params()) if (orderType(p.type(), throughPtr) > 0) strong = true;
                    return strong ? 1 : 0;
                }
                default:   // FUNC, VAR, DATASEC, DECL_TAG
                    orderState[id] = ORDERED;
                    return 0;
            }
        } finally {
            leave();
        }
    }

    // ------------------------------------------------------------ emitting

    private boolean isBlacklisted(int id) {
        BtfType t = btf.type(id);
        return t.nameOff() != 0 && "__builtin_va_list".equals(nameOf(t.nameOff()));
    }

    private void emitType(int id, int contId) {
        if (emitState[id] == EMITTED) return;
        BtfType t = btf.type(id);
        boolean topLevel = contId == 0;
        if (emitState[id] == EMITTING) {
            if (fwdEmitted[id]) return;
            switch (t.kind()) {
                case STRUCT: case UNION:
                    if (id == contId) return;
                    if (t.nameOff() == 0) return;   // anonymous struct/union loop: libbpf warns and goes on
                    emitStructFwd(id, t);
                    p(";\n\n");
                    fwdEmitted[id] = true;
                    break;
                case TYPEDEF:
                    if (!isBlacklisted(id)) {
                        emitTypedefDef(id, (BtfType.Typedef) t, 0);
                        p(";\n\n");
                    }
                    fwdEmitted[id] = true;
                    break;
                default:
                    break;
            }
            return;
        }
        enter(id);
        try {
            switch (t.kind()) {
                case INT:
                    emitMissingAliases(id);
                    emitState[id] = EMITTED;
                    break;
                case ENUM: case ENUM64:
                    if (topLevel) {
                        emitEnumDef(id, t, 0);
                        p(";\n\n");
                    }
                    emitState[id] = EMITTED;
                    break;
                case PTR: case VOLATILE: case CONST: case RESTRICT: case TYPE_TAG:
                    emitType(((BtfType.Ref) t).type(), contId);
                    break;
                case ARRAY:
                    emitType(((BtfType.Array) t).type(), contId);
                    break;
                case FWD:
                    emitFwdDef(id, (BtfType.Fwd) t);
                    p(";\n\n");
                    emitState[id] = EMITTED;
                    break;
                case TYPEDEF:
                    emitState[id] = EMITTING;
                    emitType(((BtfType.Typedef) t).type(), id);
                    if (!fwdEmitted[id] && !isBlacklisted(id)) {
                        emitTypedefDef(id, (BtfType.Typedef) t, 0);
                        p(";\n\n");
                    }
                    emitState[id] = EMITTED;
                    break;
                case STRUCT: case UNION: {
                    emitState[id] = EMITTING;
                    if (topLevel || t.nameOff() == 0) {
                        int newCont = t.nameOff() == 0 ? contId : id;
                        for (BtfType.Member m : ((BtfType.Composite) t).members()) emitType(m.type(), newCont);
                    } else if (!fwdEmitted[id] && id != contId) {
                        emitStructFwd(id, t);
                        p(";\n\n");
                        fwdEmitted[id] = true;
                    }
                    if (topLevel) {
                        emitStructDef(id, (BtfType.Composite) t, 0);
                        p(";\n\n");
                        emitState[id] = EMITTED;
                    } else {
                        emitState[id] = NOT_EMITTED;
                    }
                    break;
                }
                case FUNC_PROTO: {
                    BtfType.FuncProto fp = (BtfType.FuncProto) t;
                    emitType(fp.returnType(), contId);
                    for (BtfType.Param prm : fp.params()) emitType(prm.type(), contId);
                    break;
                }
                default:
                    break;
            }
        } finally {
            leave();
        }
    }

    /** libbpf's btf__align_of: 0 for kinds without alignment, 1 for a packed struct. */
    private int alignOf(int id) {
        enter(id);
        try {
            BtfType t = btf.type(id);
            switch (t.kind()) {
                case INT: return Math.min(PTR_SZ, ((BtfType.Int) t).size());
                case ENUM: return Math.min(PTR_SZ, ((BtfType.Enum) t).size());
                case ENUM64: return Math.min(PTR_SZ, ((BtfType.Enum64) t).size());
                case FLOAT: return Math.min(PTR_SZ, ((BtfType.Float) t).size());
                case PTR: return PTR_SZ;
                case TYPEDEF: case VOLATILE: case CONST: case RESTRICT: case TYPE_TAG:
                    return alignOf(((BtfType.Ref) t).type());
                case ARRAY: return alignOf(((BtfType.Array) t).type());
                case STRUCT: case UNION: {
                    BtfType.Composite c = (BtfType.Composite) t;
                    int max = 1;
                    for (BtfType.Member m : c.members()) {
                        int a = alignOf(m.type());
                        if (a <= 0) return a;
                        max = Math.max(max, a);
                        if (m.bitfieldSize() == 0 && Integer.toUnsignedLong(m.bitsOffset()) % (8L * a) != 0) return 1;
                    }
                    if (Integer.toUnsignedLong(c.size()) % max != 0) return 1;
                    return max;
                }
                default:
                    return 0;   // libbpf warns "unsupported BTF_KIND" and returns 0
            }
        } finally {
            leave();
        }
    }

    private long resolveSize(int id) {
        BtfType t = btf.type(id);
        if (t instanceof BtfType.Void || t instanceof BtfType.Fwd || t instanceof BtfType.FuncProto || t instanceof BtfType.Func) return -1;
        try {
            return btf.sizeOf(id);
        } catch (BtfException e) {
            return -1;
        }
    }

    private boolean isStructPacked(int id, BtfType.Composite t) {
        int maxAlign = 1;
        for (BtfType.Member m : t.members()) {
            int align = alignOf(m.type());
            if (align != 0 && m.bitfieldSize() == 0 && Integer.toUnsignedLong(m.bitsOffset()) % (8L * align) != 0) return true;
            maxAlign = Math.max(align, maxAlign);
        }
        return Integer.toUnsignedLong(t.size()) % maxAlign != 0;
    }

    private static long roundup(long x, long y) {
        return (x + y - 1) / y * y;
    }

    private static final String[] PAD_NAMES = {"long", "int", "short", "char"};
    private static final int[] PAD_BITS = {PTR_SZ * 8, 32, 16, 8};

    private void emitBitPadding(long curOff, long nextOff, int nextAlign, boolean inBitfield, int lvl) {
        if (curOff >= nextOff) return;
        if (nextAlign <= 0) nextAlign = 1;   // a member without alignment (libbpf would divide by zero here)
        if (nextOff - curOff > MAX_PAD_BITS)
            throw new BtfException("struct padding gap of " + (nextOff - curOff) / 8 + " bytes: implausible BTF");
        long newOff = 0;
        int padBits = 0;
        String padType = null;
        for (int i = 0; i < PAD_NAMES.length; i++) {
            padBits = PAD_BITS[i];
            padType = PAD_NAMES[i];
            newOff = roundup(curOff, padBits);
            if (newOff <= nextOff) break;
        }
        if (newOff > curOff && newOff <= nextOff) {
            if (inBitfield
                    || (newOff == nextOff && roundup(curOff, nextAlign * 8L) != newOff)
                    || (newOff != nextOff && nextOff - newOff <= newOff - curOff))
                p("\n" + pfx(lvl) + padType + ": " + (inBitfield ? newOff - curOff : 0) + ";");
            curOff = newOff;
        }
        while (curOff != nextOff) {
            long bits = Math.min(nextOff - curOff, padBits);
            if (bits == padBits) {
                p("\n" + pfx(lvl) + padType + ": " + padBits + ";");
                curOff += bits;
                continue;
            }
            for (int i = PAD_NAMES.length - 1; i >= 0; i--) {
                padType = PAD_NAMES[i];
                padBits = PAD_BITS[i];
                if (padBits < bits) continue;
                p("\n" + pfx(lvl) + padType + ": " + bits + ";");
                curOff += bits;
                break;
            }
        }
    }

    private void emitStructFwd(int id, BtfType t) {
        p((t.kind() == BtfType.Kind.STRUCT ? "struct" : "union") + (t.nameOff() != 0 ? " " : "") + typeName(id));
    }

    private void emitStructDef(int id, BtfType.Composite t, int lvl) {
        boolean isStruct = t.kind() == BtfType.Kind.STRUCT;
        int align = alignOf(id);
        boolean packed = isStruct && isStructPacked(id, t);
        p((isStruct ? "struct" : "union") + (t.nameOff() != 0 ? " " : "") + typeName(id) + " {");
        long off = 0;
        boolean prevBitfield = false;
        List<BtfType.Member> ms = t.members();
        for (BtfType.Member m : ms) {
            String fname = nameOf(m.nameOff());
            long mSz = m.bitfieldSize();
            long mOff = Integer.toUnsignedLong(m.bitsOffset());
            int mAlign = packed ? 1 : alignOf(m.type());
            boolean inBitfield = prevBitfield && mSz != 0;
            emitBitPadding(off, mOff, mAlign, inBitfield, lvl + 1);
            p("\n" + pfx(lvl + 1));
            emitTypeDecl(m.type(), fname, lvl + 1);
            if (mSz != 0) {
                p(": " + mSz);
                off = mOff + mSz;
                prevBitfield = true;
            } else {
                mSz = Math.max(0, resolveSize(m.type()));
                off = mOff + mSz * 8;
                prevBitfield = false;
            }
            p(";");
        }
        if (isStruct) emitBitPadding(off, Integer.toUnsignedLong(t.size()) * 8, align, false, lvl + 1);
        if (!ms.isEmpty() || t.size() != 0) p("\n" + pfx(lvl) + "}");
        else p("}");
        if (packed) p(" __attribute__((packed))");
    }

    private static final String[][] MISSING_BASE_TYPES = {
        {"__Poly8_t", "unsigned char"}, {"__Poly16_t", "unsigned short"},
        {"__Poly64_t", "unsigned long long"}, {"__Poly128_t", "unsigned __int128"},
    };

    private void emitMissingAliases(int id) {
        String name = typeName(id);
        for (String[] m : MISSING_BASE_TYPES) {
            if (m[0].equals(name)) {
                p("typedef " + m[1] + " " + name + ";\n\n");
                break;
            }
        }
    }

    private void emitEnumFwd(int id) {
        p("enum " + typeName(id));
    }

    private void emitEnumDef(int id, BtfType t, int lvl) {
        int vlen = t instanceof BtfType.Enum ? ((BtfType.Enum) t).values().size() : ((BtfType.Enum64) t).values().size();
        p("enum" + (t.nameOff() != 0 ? " " : "") + typeName(id));
        if (vlen == 0) return;
        p(" {");
        int size;
        boolean needsWordMode = true;
        if (t instanceof BtfType.Enum) {
            BtfType.Enum e = (BtfType.Enum) t;
            size = e.size();
            for (BtfType.EnumValue v : e.values()) {
                String name = nameOf(v.nameOff());
                int dup = nameDups(identNames, name);
                String val = e.signed() ? Integer.toString(v.value()) : Integer.toUnsignedString(v.value());
                p("\n" + pfx(lvl + 1) + name + (dup > 1 ? "___" + dup : "") + " = " + val + ",");
            }
        } else {
            BtfType.Enum64 e = (BtfType.Enum64) t;
            size = e.size();
            for (BtfType.Enum64Value v : e.values()) {
                String name = nameOf(v.nameOff());
                int dup = nameDups(identNames, name);
                String val = e.signed() ? v.value() + "LL" : Long.toUnsignedString(v.value()) + "ULL";
                p("\n" + pfx(lvl + 1) + name + (dup > 1 ? "___" + dup : "") + " = " + val + ",");
            }
            for (BtfType.Enum64Value v : e.values()) {
                if ((v.value() >>> 32) != 0) {
                    needsWordMode = false;
                    break;
                }
            }
        }
        p("\n" + pfx(lvl) + "}");
        if (!current) return;
        if (size == 1) p(" __attribute__((mode(byte)))");
        else if (size == 8 && needsWordMode) p(" __attribute__((mode(word)))");
    }

    private void emitFwdDef(int id, BtfType.Fwd t) {
        String name = typeName(id);
        p((t.union() ? "union " : "struct ") + name);
    }

    private void emitTypedefDef(int id, BtfType.Typedef t, int lvl) {
        String name = identName(id);
        if (t.type() == 0 && "__gnuc_va_list".equals(name)) {
            p("typedef __builtin_va_list __gnuc_va_list");
            return;
        }
        p("typedef ");
        emitTypeDecl(t.type(), name, lvl);
    }

    // ------------------------------------------------------------ declarations

    /** A growable stack of type ids; each declaration chain works on its own frame (start..cnt). */
    private int[] declStack = new int[64];
    private int declCnt;

    private void emitTypeDecl(int id, String fname, int lvl) {
        int start = declCnt;
        enter(id);
        try {
            for (int guard = 0; ; guard++) {
                if (guard > MAX_DEPTH) throw new BtfException("BTF type [" + id + "] declaration chain is too long");
                BtfType t = btf.type(id);
                if (declCnt == declStack.length) declStack = java.util.Arrays.copyOf(declStack, declCnt * 2);
                declStack[declCnt++] = id;
                if (id == 0) break;
                boolean done = false;
                switch (t.kind()) {
                    case PTR: case VOLATILE: case CONST: case RESTRICT: case TYPE_TAG:
                        id = ((BtfType.Ref) t).type();
                        break;
                    case FUNC_PROTO:
                        id = ((BtfType.FuncProto) t).returnType();
                        break;
                    case ARRAY:
                        id = ((BtfType.Array) t).type();
                        break;
                    default:   // INT, ENUM, ENUM64, FWD, STRUCT, UNION, TYPEDEF, FLOAT (others: libbpf warns)
                        done = true;
                }
                if (done) break;
            }
            int[] frame = {start, declCnt};   // [bottom, top)
            emitTypeChain(frame, fname, lvl);
        } finally {
            declCnt = start;
            leave();
        }
    }

    private void emitMods(int[] frame) {
        while (frame[1] > frame[0]) {
            BtfType t = btf.type(declStack[frame[1] - 1]);
            switch (t.kind()) {
                case VOLATILE: p("volatile "); break;
                case CONST: p("const "); break;
                case RESTRICT: p("restrict "); break;
                default: return;
            }
            frame[1]--;
        }
    }

    private void dropMods(int[] frame) {
        while (frame[1] > frame[0]) {
            BtfType t = btf.type(declStack[frame[1] - 1]);
            if (!(t instanceof BtfType.Modifier)) return;
            frame[1]--;
        }
    }

    private void emitName(String name, boolean lastWasPtr) {
        boolean separate = !name.isEmpty() && !lastWasPtr;
        p((separate ? " " : "") + name);
    }

    private void emitTypeChain(int[] frame, String fname, int lvl) {
        boolean lastWasPtr = true;
        while (frame[1] > frame[0]) {
            int id = declStack[--frame[1]];
            if (id == 0) {
                emitMods(frame);
                p("void");
                lastWasPtr = false;
                continue;
            }
            BtfType t = btf.type(id);
            BtfType.Kind kind = t.kind();
            switch (kind) {
                case INT: case FLOAT:
                    emitMods(frame);
                    p(nameOf(t.nameOff()));
                    break;
                case STRUCT: case UNION:
                    emitMods(frame);
                    if (t.nameOff() == 0) emitStructDef(id, (BtfType.Composite) t, lvl);
                    else emitStructFwd(id, t);
                    break;
                case ENUM: case ENUM64:
                    emitMods(frame);
                    if (t.nameOff() == 0) emitEnumDef(id, t, lvl);
                    else emitEnumFwd(id);
                    break;
                case FWD:
                    emitMods(frame);
                    emitFwdDef(id, (BtfType.Fwd) t);
                    break;
                case TYPEDEF:
                    emitMods(frame);
                    p(identName(id));
                    break;
                case PTR:
                    p(lastWasPtr ? "*" : " *");
                    break;
                case VOLATILE:
                    p(" volatile");
                    break;
                case CONST:
                    p(" const");
                    break;
                case RESTRICT:
                    p(" restrict");
                    break;
                case TYPE_TAG:
                    emitMods(frame);
                    p(" __attribute__((btf_type_tag(\"" + nameOf(t.nameOff()) + "\")))");
                    break;
                case ARRAY: {
                    BtfType.Array a = (BtfType.Array) t;
                    dropMods(frame);
                    if (frame[1] == frame[0]) {
                        emitName(fname, lastWasPtr);
                        p("[" + Integer.toUnsignedString(a.nelems()) + "]");
                        return;
                    }
                    BtfType next = btf.type(declStack[frame[1] - 1]);
                    boolean multidim = next instanceof BtfType.Array;
                    if (!fname.isEmpty() && !lastWasPtr) p(" ");
                    if (!multidim) p("(");
                    emitTypeChain(frame, fname, lvl);
                    if (!multidim) p(")");
                    p("[" + Integer.toUnsignedString(a.nelems()) + "]");
                    return;
                }
                case FUNC_PROTO: {
                    BtfType.FuncProto fp = (BtfType.FuncProto) t;
                    List<BtfType.Param> ps = fp.params();
                    dropMods(frame);
                    if (frame[1] > frame[0]) {
                        p(" (");
                        emitTypeChain(frame, fname, lvl);
                        p(")");
                    } else {
                        emitName(fname, lastWasPtr);
                    }
                    p("(");
                    if (ps.isEmpty() || (ps.size() == 1 && ps.get(0).type() == 0)) {
                        p("void)");   // libbpf >= 1.5 (and Debian's bpftool 7.1 build): valid `(void)` syntax
                        return;
                    }
                    for (int i = 0; i < ps.size(); i++) {
                        if (i > 0) p(", ");
                        BtfType.Param prm = ps.get(i);
                        if (i == ps.size() - 1 && prm.type() == 0) {
                            p("...");
                            break;
                        }
                        emitTypeDecl(prm.type(), nameOf(prm.nameOff()), lvl);
                    }
                    p(")");
                    return;
                }
                default:
                    return;   // libbpf: "unexpected type in decl chain", skipped
            }
            lastWasPtr = kind == BtfType.Kind.PTR;
        }
        emitName(fname, lastWasPtr);
    }

    // ------------------------------------------------------------ names

    private static int nameDups(Map<String, Integer> map, String name) {
        int n = map.getOrDefault(name, 0) + 1;
        map.put(name, n);
        return n;
    }

    private String resolveName(int id, Map<String, Integer> map) {
        BtfType t = btf.type(id);
        if (t.nameOff() == 0) return "";
        String orig = nameOf(t.nameOff());
        if (nameResolved[id]) return cachedNames[id] != null ? cachedNames[id] : orig;
        if (t instanceof BtfType.Fwd || (t instanceof BtfType.Enum && ((BtfType.Enum) t).values().isEmpty())) {
            nameResolved[id] = true;
            return orig;
        }
        int dup = nameDups(map, orig);
        if (dup > 1) cachedNames[id] = truncate(orig + "___" + dup);
        nameResolved[id] = true;
        return cachedNames[id] != null ? cachedNames[id] : orig;
    }

    /** libbpf formats suffixed names into a 256-byte buffer. */
    private static String truncate(String s) {
        return s.length() > 255 ? s.substring(0, 255) : s;
    }

    private String typeName(int id) {
        return resolveName(id, typeNames);
    }

    private String identName(int id) {
        return resolveName(id, identNames);
    }
}
