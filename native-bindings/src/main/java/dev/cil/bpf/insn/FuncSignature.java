package dev.cil.bpf.insn;

import dev.cil.btf.BtfException;
import dev.cil.btf.BtfSpec;
import dev.cil.btf.BtfType;

/**
 * A BTF type written as a one-line C-like declaration, the way bpftool heads each function of a
 * program dump: {@code int fx_prog(struct __sk_buff * skb)}. The spelling is bpftool's (a space after
 * every type name, {@code "* "} after a pointee, {@code "..."} for varargs, unnamed parameters without
 * the trailing space). Types bpftool cannot spell this way (type and declaration tags), ids outside the
 * BTF and results of 1024 characters or more give the empty string: bpftool then prints no header.
 */
public final class FuncSignature {
    private FuncSignature() { }

    /** bpftool's buffer: a declaration must fit in 1023 characters. */
    static final int LIMIT = 1024;
    private static final int MAX_DEPTH = 64;

    private static final class Overflow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Overflow() { super(null, null, false, false); }
    }

    /** The declaration of type {@code typeId} in {@code btf}, or "" when bpftool would print none. */
    public static String of(BtfSpec btf, int typeId) {
        if (btf == null) return "";
        StringBuilder b = new StringBuilder(64);
        try {
            type(btf, typeId, b, 0);
            return b.toString();
        } catch (Overflow | BtfException | ClassCastException e) {
            return "";
        }
    }

    private static void put(StringBuilder b, String s) {
        b.append(s);
        if (b.length() >= LIMIT) throw new Overflow();
    }

    /** A name at a string offset; bpftool prints a bad offset as glibc prints NULL. */
    private static String name(BtfSpec btf, int off) {
        try {
            return btf.string(off);
        } catch (BtfException e) {
            return "(null)";
        }
    }

    private static void type(BtfSpec btf, int id, StringBuilder b, int depth) {
        if (depth > MAX_DEPTH) throw new Overflow();
        if (id == 0) {
            put(b, "void ");
            return;
        }
        BtfType t = btf.type(id);
        switch (t.kind()) {
            case INT: case TYPEDEF: case FLOAT:
                put(b, name(btf, t.nameOff()) + " ");
                break;
            case STRUCT:
                put(b, "struct " + name(btf, t.nameOff()) + " ");
                break;
            case UNION:
                put(b, "union " + name(btf, t.nameOff()) + " ");
                break;
            case ENUM: case ENUM64:
                put(b, "enum " + name(btf, t.nameOff()) + " ");
                break;
            case ARRAY: {
                BtfType.Array a = (BtfType.Array) t;
                type(btf, a.type(), b, depth + 1);
                put(b, "[" + a.nelems() + "]");
                break;
            }
            case PTR:
                type(btf, ((BtfType.Ptr) t).type(), b, depth + 1);
                put(b, "* ");
                break;
            case FWD:
                put(b, (((BtfType.Fwd) t).union() ? "union " : "struct ") + name(btf, t.nameOff()) + " ");
                break;
            case VOLATILE:
                put(b, "volatile ");
                type(btf, ((BtfType.Volatile) t).type(), b, depth + 1);
                break;
            case CONST:
                put(b, "const ");
                type(btf, ((BtfType.Const) t).type(), b, depth + 1);
                break;
            case RESTRICT:
                put(b, "restrict ");
                type(btf, ((BtfType.Restrict) t).type(), b, depth + 1);
                break;
            case FUNC_PROTO:
                func(btf, (BtfType.FuncProto) t, null, b, depth);
                break;
            case FUNC: {
                BtfType.Func f = (BtfType.Func) t;
                func(btf, (BtfType.FuncProto) btf.type(f.type()), name(btf, f.nameOff()), b, depth);
                break;
            }
            case VAR: {
                BtfType.Var v = (BtfType.Var) t;
                if (v.linkage() == BtfType.Var.STATIC) put(b, "static ");
                type(btf, v.type(), b, depth + 1);
                put(b, " " + name(btf, v.nameOff()));
                break;
            }
            case DATASEC:
                put(b, "section (\"" + name(btf, t.nameOff()) + "\") ");
                break;
            default:
                throw new Overflow();   // void by id, type/decl tags: bpftool gives up on the whole declaration
        }
    }

    private static void func(BtfSpec btf, BtfType.FuncProto proto, String name, StringBuilder b, int depth) {
        type(btf, proto.returnType(), b, depth + 1);
        put(b, name == null ? "(" : name + "(");
        boolean first = true;
        for (BtfType.Param p : proto.params()) {
            if (!first) put(b, ", ");
            first = false;
            if (p.type() == 0) {
                put(b, "...");
                continue;
            }
            type(btf, p.type(), b, depth + 1);
            if (p.nameOff() != 0) {
                put(b, name(btf, p.nameOff()));
            } else if (b.length() > 0 && b.charAt(b.length() - 1) == ' ') {
                b.setLength(b.length() - 1);
            }
        }
        put(b, ")");
    }
}
